package io.infrapivot.source.internetdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shodan InternetDB {@code GET /{ip}} (no key): {@code {"ip":..,"ports":[80,443],"cpes":["cpe:/a:..."],
 * "hostnames":[..],"tags":["cloud","vpn",..],"vulns":["CVE-.."]}}; an IP it knows nothing of is a 404
 * {@code {"detail":"No information available"}} (an empty answer, not an error).
 */
public final class InternetDbParser {
    private InternetDbParser() {}

    static final int MAX_ITEMS = 100;

    public static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty()
            .said("No information available", ErrorClass.NOT_FOUND);

    /** What one answer says. */
    public record Answer(ObjectNode verdict, List<String> hostnames) {}

    public static Answer parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        if (!root.isObject() || !root.path("ports").isArray()) {
            String detail = Json.text(root, "detail");
            if (detail != null) throw new ServiceException(ERRORS.ofCode(detail), "InternetDB says " + Json.excerpt(detail));
            throw new ServiceException(ErrorClass.GARBAGE, "no ports array in the answer");
        }
        ObjectNode v = Verdicts.of(Verdicts.Scale.EXPOSURE, null);
        ArrayNode ports = v.putArray("ports");
        for (JsonNode p : root.path("ports")) {
            if (p.canConvertToInt() && p.asInt() >= 0 && p.asInt() <= 65535 && ports.size() < MAX_ITEMS) ports.add(p.asInt());
        }
        Verdicts.texts(v, "vulns", texts(root.path("vulns")));
        Verdicts.texts(v, "tags", texts(root.path("tags")));
        Verdicts.texts(v, "cpes", texts(root.path("cpes")));
        return new Answer(v, texts(root.path("hostnames")));
    }

    /** Reads an error body ({@code {"detail": ".."}}) and throws what it says. */
    public static void error(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        String detail = Json.text(root, "detail");
        if (detail != null) throw new ServiceException(ERRORS.ofCode(detail), "InternetDB says " + Json.excerpt(detail));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : array) {
            if (t.isTextual() && !t.asText().isBlank() && out.size() < MAX_ITEMS) out.add(Safe.truncate(t.asText(), 200));
        }
        return out;
    }
}
