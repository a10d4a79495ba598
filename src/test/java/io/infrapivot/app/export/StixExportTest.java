package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.store.SqliteCaseStore;
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

/** STIX 2.1 bundles against the OASIS JSON schemas (draft 2020-12, format assertions on), and the ids. */
@Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
public class StixExportTest {
    static final String PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/";
    static final Path SCHEMAS = Path.of("../shared/data/stix2.1-schemas").toAbsolutePath().normalize();
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    SqliteCaseStore store;

    @BeforeEach
    void open() {
        store = CaseFixture.open(dir, "stix");
        CaseFixture.fill(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static SchemaRegistry registry() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
                .schemaRegistryConfig(config)
                .schemas(StixExportTest::localSchema));
    }

    /** The $id prefix mapped onto the local folder: schemas are read from ../shared/data, never fetched. */
    static String localSchema(String iri) {
        if (!iri.startsWith(PREFIX)) return null;
        try {
            return java.nio.file.Files.readString(SCHEMAS.resolve(iri.substring(PREFIX.length())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Schema schema(SchemaRegistry registry, String path) {
        return registry.getSchema(SchemaLocation.of(PREFIX + "schemas/" + path));
    }

    /** Each object's own schema (bundle.json leaves some SDOs out of its oneOf). */
    static String ownSchema(String type) {
        return switch (type) {
            case "relationship", "sighting" -> "sros/" + type + ".json";
            case "marking-definition" -> "common/marking-definition.json";
            case "domain-name", "ipv4-addr", "ipv6-addr", "email-addr", "url", "file", "autonomous-system",
                 "x509-certificate" -> "observables/" + type + ".json";
            default -> "sdos/" + type + ".json";
        };
    }

    /** Types common/bundle.json leaves out of its oneOf (checked against their own schema only). */
    static final Set<String> NOT_IN_BUNDLE_SCHEMA = Set.of("grouping", "note", "location", "opinion", "incident",
            "malware-analysis");

    /**
     * Every schema error of the bundle (without the objects bundle.json does not list, see
     * ../shared/data/README.md) and of each object against its own schema.
     */
    public static List<String> validate(String bundle) throws Exception {
        SchemaRegistry registry = registry();
        List<String> errors = new ArrayList<>();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) M.readTree(bundle);
        var listed = M.createArrayNode();
        for (JsonNode o : tree.path("objects")) if (!NOT_IN_BUNDLE_SCHEMA.contains(o.path("type").asText())) listed.add(o);
        var forBundle = tree.deepCopy();
        forBundle.set("objects", listed);
        for (Error e : schema(registry, "common/bundle.json").validate(forBundle.toString(), InputFormat.JSON)) {
            errors.add("bundle: " + e);
        }
        for (JsonNode o : M.readTree(bundle).path("objects")) {
            String type = o.path("type").asText();
            for (Error e : schema(registry, ownSchema(type)).validate(o.toString(), InputFormat.JSON)) {
                errors.add(o.path("id").asText() + ": " + e);
            }
        }
        return errors;
    }

    @Test
    void deterministicIdsAreTheSpecificationsExamples() {
        assertThat(Stix.sco(ind(IndicatorType.DOMAIN, "example.com")).orElseThrow().id())
                .isEqualTo("domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7");
        assertThat(Stix.sco(ind(IndicatorType.IP, "198.51.100.3")).orElseThrow().id())
                .isEqualTo("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
    }

    @Test
    void namesThatAreNotHostNamesHaveNoStixObject() {
        assertThat(Stix.sco(ind(IndicatorType.HOST, "_dmarc.evil.example"))).isEmpty();
        assertThat(Stix.sco(ind(IndicatorType.HOST, "xn--bcher-kva.example"))).isPresent();
        assertThat(Stix.isHostName("a-.example")).isFalse();
    }

    @Test
    void jcsSortsMembersAndEscapesAsEcmaScriptDoes() throws Exception {
        JsonNode n = M.readTree("{\"b\":1,\"a\":{\"z\":\"\\u0001\\n\\\"é\",\"y\":[true,null,12]}}");
        assertThat(Jcs.canonical(n)).isEqualTo("{\"a\":{\"y\":[true,null,12],\"z\":\"\\u0001\\n\\\"é\"},\"b\":1}");
    }

    @Test
    void theBundleAndEveryObjectValidateAgainstTheOasisSchemas() throws Exception {
        String bundle = export(store, Format.STIX21, ExportOptions.all());
        assertThat(validate(bundle)).isEmpty();
        JsonNode root = M.readTree(bundle);
        Map<String, Integer> types = new HashMap<>();
        for (JsonNode o : root.path("objects")) types.merge(o.path("type").asText(), 1, Integer::sum);
        assertThat(types).containsKeys("identity", "marking-definition", "domain-name", "ipv4-addr", "ipv6-addr",
                "email-addr", "url", "file", "autonomous-system", "x509-certificate", "relationship", "observed-data",
                "grouping");
    }

    @Test
    void aSchemaViolationIsReported() throws Exception {
        // the validator is not a rubber stamp: a relationship without its target fails
        String bad = "{\"type\":\"bundle\",\"id\":\"bundle--11111111-1111-4111-8111-111111111111\",\"objects\":[{"
                + "\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--11111111-1111-4111-8111-111111111111\","
                + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
                + "\"relationship_type\":\"related-to\",\"source_ref\":\"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7\"}]}";
        assertThat(validate(bad)).isNotEmpty();
    }

    @Test
    void relationshipsCarryMappedTypesTimesAndRefs() throws Exception {
        JsonNode root = M.readTree(export(store, Format.STIX21, ExportOptions.all()));
        String seed = Stix.sco(SEED).orElseThrow().id();
        String ip = Stix.sco(IP).orElseThrow().id();
        String asn = Stix.sco(ASN).orElseThrow().id();
        String identity = null;
        JsonNode resolves = null;
        JsonNode domain = null;
        Set<String> ids = new HashSet<>();
        for (JsonNode o : root.path("objects")) {
            assertThat(ids.add(o.path("id").asText())).as("unique id " + o.path("id")).isTrue();
            if (o.path("type").asText().equals("identity") && o.path("name").asText().equals("infrapivot")) {
                identity = o.path("id").asText();
            }
            if (o.path("type").asText().equals("relationship") && o.path("source_ref").asText().equals(seed)
                    && o.path("target_ref").asText().equals(ip)) {
                resolves = o;
            }
            if (o.path("id").asText().equals(seed)) domain = o;
            if (o.path("type").asText().equals("relationship")) {
                assertThat(o.path("created_by_ref").asText()).isEqualTo(identity);
                assertThat(o.path("object_marking_refs").get(0).asText())
                        .isEqualTo("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
                if (o.has("stop_time")) {
                    assertThat(o.path("stop_time").asText()).isGreaterThan(o.path("start_time").asText());
                }
                if (o.path("target_ref").asText().equals(asn)) {
                    assertThat(o.path("relationship_type").asText()).isEqualTo("belongs-to");
                }
            }
        }
        assertThat(resolves).isNotNull();
        assertThat(resolves.path("relationship_type").asText()).isEqualTo("resolves-to");
        assertThat(resolves.path("start_time").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
        assertThat(resolves.path("stop_time").asText()).isEqualTo("2025-05-01T00:00:00.000Z");
        assertThat(domain.path("resolves_to_refs").toString()).contains(ip);
        assertThat(root.path("objects").toString()).contains("\"context\":\"suspicious-activity\"");
    }

    @Test
    void tlpIsChosenAndTheBundleStillValidates() throws Exception {
        var o = new ExportOptions(null, 0, false, Set.of(), Set.of(), null, null, null, "red");
        String bundle = export(store, Format.STIX21, o);
        assertThat(bundle).contains("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed").contains("TLP:RED")
                .doesNotContain("f88d31f6-486f-44da-b317-01333bde0b82");
        assertThat(validate(bundle)).isEmpty();
    }

    @Test
    void tlp2LevelsAreFirstsPublishedMarkingsAndWhiteIsClear() throws Exception {
        for (String level : new String[] {"clear", "white"}) {
            String bundle = export(store, Format.STIX21, new ExportOptions(null, 0, false, Set.of(), Set.of(), null, null,
                    null, level));
            JsonNode marking = marking(bundle, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
            assertThat(marking.path("name").asText()).isEqualTo("TLP:CLEAR");
            assertThat(marking.path("created").asText()).isEqualTo("2022-10-01T00:00:00.000Z");
            assertThat(marking.path("extensions").path("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")
                    .path("tlp_2_0").asText()).isEqualTo("clear");
            assertThat(bundle).doesNotContain("613f2e26-407d-48c7-9eca-b8e91df99dc9"); // TLP 1.0 white
            assertThat(validate(bundle)).isEmpty();
        }
        String strict = export(store, Format.STIX21, new ExportOptions(null, 0, false, Set.of(), Set.of(), null, null,
                null, "amber+strict"));
        JsonNode marking = marking(strict, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
        assertThat(marking.path("name").asText()).isEqualTo("TLP:AMBER+STRICT");
        assertThat(marking.path("extensions").path("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")
                .path("extension_type").asText()).isEqualTo("property-extension");
        assertThat(validate(strict)).isEmpty();
    }

    /** The marking-definition {@code id} of the bundle, checked to be referenced by the exported objects. */
    private static JsonNode marking(String bundle, String id) throws Exception {
        JsonNode found = null;
        boolean referenced = false;
        for (JsonNode o : M.readTree(bundle).path("objects")) {
            if (o.path("id").asText().equals(id)) found = o;
            if (o.path("object_marking_refs").toString().contains(id)) referenced = true;
        }
        assertThat(found).as(id).isNotNull();
        assertThat(referenced).as("objects marked with " + id).isTrue();
        return found;
    }

    @Test
    void twoExportsOfTheSameCaseGiveTheSameObjects() throws Exception {
        JsonNode a = M.readTree(export(store, Format.STIX21, ExportOptions.all())).path("objects");
        JsonNode b = M.readTree(export(store, Format.STIX21, ExportOptions.all())).path("objects");
        assertThat(a).isEqualTo(b);
    }
}
