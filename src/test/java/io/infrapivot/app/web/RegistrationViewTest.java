package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The inspector's registration route: the latest record summarised and the changes between stored records. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistrationViewTest {
    @TempDir
    Path dir;

    static final Instant T1 = Instant.parse("2025-01-10T00:00:00Z");
    static final Instant T2 = Instant.parse("2025-06-10T00:00:00Z");
    static final Instant T3 = Instant.parse("2026-02-10T00:00:00Z");
    static final Indicator DOMAIN = Indicator.parse("acme-example.com");

    static RegistrationRecord record(String registrar, String email, Instant fetched) {
        RecordBuilder b = RegistrationRecord.builder("domain", "acme-example.com").registrarName(registrar)
                .created(Instant.parse("2020-03-01T00:00:00Z")).expires(Instant.parse("2027-03-01T00:00:00Z"))
                .fetched(fetched);
        b.registrant().email(email);
        return b.build();
    }

    void save(CaseStore store, String source, RegistrationRecord r, Instant at) {
        store.saveLookup(source, DOMAIN, "", at, at, LookupResult.of(List.of(Observation.attribute(DOMAIN,
                Relation.REGISTRATION, RegistrationJson.toTree(r), source, at, null)), List.of()), Duration.ZERO);
    }

    @Test
    void summarisesTheLatestRecordAndListsTheChangesOldestFirst() {
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("r")) {
            save(store, "whois", record("Good Registrar", "jane@acme-example.com", T1), T1);
            save(store, "rdap", record("Good Registrar", "jane@acme-example.com", T2), T2); // nothing changed
            save(store, "rdap", record("Evil <b>Registrar</b>", "x@privacy.example", T3), T3);
            JsonNode r = RegistrationView.of(store, DOMAIN, Instant.parse("2026-03-01T00:00:00Z"));
            assertThat(r.path("records").asInt()).isEqualTo(3);
            assertThat(r.path("first").path("at").asLong()).isEqualTo(T1.toEpochMilli());
            assertThat(r.path("first").path("source").asText()).isEqualTo("whois");
            assertThat(r.path("latest").path("at").asLong()).isEqualTo(T3.toEpochMilli());
            assertThat(r.path("latest").path("source").asText()).isEqualTo("rdap");
            List<String> summary = texts(r.path("latest").path("summary"));
            assertThat(summary).anyMatch(l -> l.contains("Evil <b>Registrar</b>"))
                    .anyMatch(l -> l.contains("x@privacy.example"));
            // one step: the unchanged fetch of T2 is no change
            assertThat(r.path("step_count").asInt()).isEqualTo(1);
            JsonNode step = r.path("steps").get(0);
            assertThat(step.path("at").asLong()).isEqualTo(T3.toEpochMilli());
            assertThat(step.path("source").asText()).isEqualTo("rdap");
            JsonNode email = null;
            for (JsonNode c : step.path("changes")) if (c.path("field").asText().equals("contacts.registrant.email")) email = c;
            assertThat(email).isNotNull();
            assertThat(email.path("before").asText()).isEqualTo("jane@acme-example.com");
            assertThat(email.path("after").asText()).isEqualTo("x@privacy.example");
        }
    }

    @Test
    void anIndicatorWithoutRecordsHasNone() {
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("r")) {
            JsonNode r = RegistrationView.of(store, Indicator.parse("nothing-here.com"), T3);
            assertThat(r.path("records").asInt()).isZero();
            assertThat(r.has("latest")).isFalse();
            assertThat(r.path("steps").size()).isZero();
        }
    }

    @Test
    void aLongChangedValueIsCut() {
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("r")) {
            save(store, "whois", record("A", "a@acme-example.com", T1), T1);
            save(store, "whois", record("B".repeat(5000), "a@acme-example.com", T2), T2);
            JsonNode r = RegistrationView.of(store, DOMAIN, T3);
            for (JsonNode c : r.path("steps").get(0).path("changes")) {
                assertThat(c.path("after").asText().length()).isLessThanOrEqualTo(RegistrationView.MAX_VALUE + 1);
            }
            assertThat(r.path("steps").get(0).path("changes").toString()).contains("BBBB");
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
