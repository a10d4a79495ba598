package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.store.SqliteCaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MISP events: every object against its template in ../shared/data/misp-objects, references against the list. */
@Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
public class MispExportTest {
    static final Path OBJECTS = Path.of("../shared/data/misp-objects").toAbsolutePath().normalize();
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    SqliteCaseStore store;

    @BeforeEach
    void open() {
        store = CaseFixture.open(dir, "misp");
        CaseFixture.fill(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static JsonNode template(String name) throws Exception {
        return M.readTree(OBJECTS.resolve("objects").resolve(name).resolve("definition.json").toFile());
    }

    static Set<String> relationships() throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode v : M.readTree(OBJECTS.resolve("relationships/definition.json").toFile()).path("values")) {
            out.add(v.path("name").asText());
        }
        return out;
    }

    /** The template's rules an object breaks: unknown names, wrong types, required, requiredOneOf, multiple. */
    public static List<String> check(JsonNode object) throws Exception {
        List<String> problems = new ArrayList<>();
        String name = object.path("name").asText();
        Path def = OBJECTS.resolve("objects").resolve(name).resolve("definition.json");
        if (!Files.exists(def)) return List.of("no template " + name);
        JsonNode t = template(name);
        if (!object.path("template_uuid").asText().equals(t.path("uuid").asText())) problems.add(name + ": template uuid");
        if (!object.path("template_version").asText().equals(t.path("version").asText())) {
            problems.add(name + ": template version");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode a : object.path("Attribute")) {
            String rel = a.path("object_relation").asText();
            JsonNode spec = t.path("attributes").path(rel);
            if (spec.isMissingNode()) {
                problems.add(name + ": no attribute " + rel);
                continue;
            }
            if (!spec.path("misp-attribute").asText().equals(a.path("type").asText())) {
                problems.add(name + "." + rel + ": type " + a.path("type").asText() + " not "
                        + spec.path("misp-attribute").asText());
            }
            if (spec.has("categories") && !spec.path("categories").toString().contains("\"" + a.path("category").asText() + "\"")) {
                problems.add(name + "." + rel + ": category " + a.path("category").asText());
            }
            seen.merge(rel, 1, Integer::sum);
        }
        seen.forEach((rel, n) -> {
            if (n > 1 && !t.path("attributes").path(rel).path("multiple").asBoolean(false)) {
                problems.add(name + "." + rel + " more than once");
            }
        });
        for (JsonNode r : t.path("required")) if (!seen.containsKey(r.asText())) problems.add(name + ": needs " + r.asText());
        if (t.has("requiredOneOf")) {
            boolean any = false;
            for (JsonNode r : t.path("requiredOneOf")) any |= seen.containsKey(r.asText());
            if (!any) problems.add(name + ": needs one of " + t.path("requiredOneOf"));
        }
        Set<String> rels = relationships();
        for (JsonNode r : object.path("ObjectReference")) {
            if (!rels.contains(r.path("relationship_type").asText())) {
                problems.add(name + ": relationship " + r.path("relationship_type").asText() + " not in the list");
            }
        }
        return problems;
    }

    @Test
    void everyObjectFollowsItsTemplateAndEveryReferenceTheRelationshipList() throws Exception {
        JsonNode event = M.readTree(export(store, Format.MISP, ExportOptions.all())).path("Event");
        Set<String> names = new HashSet<>();
        Set<String> attributeUuids = new HashSet<>();
        for (JsonNode a : event.path("Attribute")) attributeUuids.add(a.path("uuid").asText());
        for (JsonNode o : event.path("Object")) {
            assertThat(check(o)).as(o.toString()).isEmpty();
            names.add(o.path("name").asText());
            for (JsonNode r : o.path("ObjectReference")) {
                assertThat(attributeUuids).contains(r.path("referenced_uuid").asText());
                assertThat(r.path("object_uuid").asText()).isEqualTo(o.path("uuid").asText());
            }
        }
        assertThat(names).contains("domain-ip", "passive-dns", "dns-record", "whois", "asn", "x509");
    }

    @Test
    void theCheckerCatchesABrokenObject() throws Exception {
        JsonNode bad = M.readTree("{\"name\":\"passive-dns\",\"template_uuid\":\"b77b7b1c-66ab-4a41-8da4-83810f6d2d6c\","
                + "\"template_version\":\"5\",\"Attribute\":[{\"object_relation\":\"rrname\",\"type\":\"domain\","
                + "\"category\":\"Network activity\",\"value\":\"x.example\"}],\"ObjectReference\":[{\"relationship_type\":\"pwns\"}]}");
        assertThat(check(bad)).hasSize(4); // type, required rrtype, required rdata, relationship
    }

    @Test
    void attributesHaveTypesCategoriesDatesAndNoiseTags() throws Exception {
        JsonNode event = M.readTree(export(store, Format.MISP, ExportOptions.all())).path("Event");
        Map<String, JsonNode> byValue = new HashMap<>();
        for (JsonNode a : event.path("Attribute")) byValue.put(a.path("value").asText(), a);
        assertThat(byValue.get("evil.example").path("type").asText()).isEqualTo("domain");
        assertThat(byValue.get("www.evil.example").path("type").asText()).isEqualTo("hostname");
        assertThat(byValue.get("198.51.100.3").path("type").asText()).isEqualTo("ip-dst");
        assertThat(byValue.get("198.51.100.3").path("first_seen").asText()).startsWith("2025-01-01T00:00:00");
        assertThat(byValue.get(EMAIL.value()).path("type").asText()).isEqualTo("whois-registrant-email");
        assertThat(byValue.get("64500").path("type").asText()).isEqualTo("AS");
        assertThat(byValue.get("c".repeat(32)).path("type").asText()).isEqualTo("md5");
        assertThat(byValue.get("a".repeat(64)).path("type").asText()).isEqualTo("x509-fingerprint-sha256");
        assertThat(byValue.get("https://evil.example/login").path("type").asText()).isEqualTo("url");
        JsonNode shared = byValue.get(SHARED.value());
        assertThat(shared.path("to_ids").asBoolean()).isFalse();
        assertThat(shared.path("Tag").toString()).contains("infrapivot:noise=\\\"shared-hosting\\\"");
        assertThat(byValue.get("198.51.100.3").path("to_ids").asBoolean()).isTrue();
        assertThat(event.path("Tag").toString()).contains("tlp:amber");
    }

    @Test
    void tlp2LevelsAreMispTagsAndWhiteIsClear() throws Exception {
        for (String[] c : new String[][] {{"clear", "tlp:clear"}, {"white", "tlp:clear"}, {"amber+strict", "tlp:amber+strict"}}) {
            var o = new ExportOptions(null, 0, false, Set.of(), Set.of(), null, null, null, c[0]);
            JsonNode tags = M.readTree(export(store, Format.MISP, o)).path("Event").path("Tag");
            assertThat(tags.findValuesAsText("name")).as(c[0]).contains(c[1]).doesNotContain("tlp:white", "tlp:amber");
        }
    }
}
