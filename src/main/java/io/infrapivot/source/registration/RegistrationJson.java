package io.infrapivot.source.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON for registration records: snake_case names, ISO-8601 UTC instants, empty fields left out. */
public final class RegistrationJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RegistrationJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode toTree(RegistrationRecord r) {
        return MAPPER.valueToTree(r);
    }

    public static String toJson(RegistrationRecord r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a record back (from a stored registration attribute). */
    public static RegistrationRecord fromTree(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, RegistrationRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a registration record: " + e.getOriginalMessage(), e);
        }
    }
}
