package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.ind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files other tools wrote, and hostile ones. */
class ImporterTest {
    final Importer importer = new Importer(Importer.noFiles(IndicatorParser.standard()));

    @TempDir
    Path dir;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStixBundleFromAnotherProducer() throws Exception {
        String bundle = """
                {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
                 {"type":"domain-name","spec_version":"2.1","id":"domain-name--aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa","value":"Evil.Example."},
                 {"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","value":"198.51.100.0/24"},
                 {"type":"email-addr","spec_version":"2.1","id":"email-addr--cccccccc-cccc-4ccc-8ccc-cccccccccccc","value":"not an email"},
                 {"type":"indicator","spec_version":"2.1","id":"indicator--dddddddd-dddd-4ddd-8ddd-dddddddddddd","pattern":"[x]"},
                 {"type":"relationship","spec_version":"2.1","id":"relationship--eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee",
                  "relationship_type":"related-to","source_ref":"domain-name--aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                  "target_ref":"ipv4-addr--bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","start_time":"2025-02-03T04:05:06.000Z"}]}
                """;
        ImportedGraph g = importer.read(utf8(bundle));
        assertThat(g.format()).isEqualTo("stix21");
        assertThat(g.indicators()).containsExactlyInAnyOrder(ind(IndicatorType.DOMAIN, "evil.example"),
                ind(IndicatorType.CIDR, "198.51.100.0/24"));
        assertThat(g.rejected()).isEqualTo(1);
        assertThat(g.links()).singleElement().satisfies(l -> {
            assertThat(l.relation()).isEqualTo(Relation.RELATED);
            assertThat(l.firstSeen()).isEqualTo(java.time.Instant.parse("2025-02-03T04:05:06Z"));
        });
    }

    @Test
    void aMispEventAsTheApiReturnsIt() throws Exception {
        String event = """
                {"response":[{"Event":{"info":"x","Attribute":[
                  {"type":"ip-dst","value":"203.0.113.5","uuid":"1"},
                  {"type":"domain","value":"bad[.]example","uuid":"2"},
                  {"type":"AS","value":"64500","uuid":"3"},
                  {"type":"comment","value":"free text","uuid":"4"}],
                 "Object":[{"name":"domain-ip","Attribute":[
                  {"object_relation":"domain","type":"domain","value":"bad.example"},
                  {"object_relation":"ip","type":"ip-dst","value":"203.0.113.5"}]}]}}]}
                """;
        ImportedGraph g = importer.read(utf8(event));
        assertThat(g.format()).isEqualTo("misp");
        assertThat(g.indicators()).containsExactlyInAnyOrder(ind(IndicatorType.IP, "203.0.113.5"),
                ind(IndicatorType.DOMAIN, "bad.example"), ind(IndicatorType.ASN, "AS64500"));
        assertThat(g.links()).singleElement().satisfies(l -> assertThat(l.relation()).isEqualTo(Relation.RESOLVES_TO));
    }

    @Test
    void textThatNamesALocalFileIsNeverReadAsOne() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for export");
        ImportedGraph g = importer.read(utf8(secret.toString() + "\n" + dir.resolve("secret.txt") + "\nevil.example\n"));
        assertThat(g.indicators()).containsExactly(ind(IndicatorType.DOMAIN, "evil.example"));
        String jsonl = "{\"kind\":\"node\",\"type\":\"file\",\"value\":\"" + secret + "\"}\n";
        ImportedGraph j = importer.read(utf8(jsonl));
        assertThat(j.indicators()).isEmpty();
        assertThat(j.rejected()).isEqualTo(1);
    }

    @Test
    void mtgxWithAnExternalEntityIsRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE g [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph><node id=\"n0\"><data>"
                + "<mtg:MaltegoEntity xmlns:mtg=\"http://maltego.paterva.com/xml/mtgx\" type=\"maltego.Phrase\">"
                + "<mtg:Properties><mtg:Property name=\"text\"><mtg:Value>&x;</mtg:Value></mtg:Property></mtg:Properties>"
                + "</mtg:MaltegoEntity></data></node></graph></graphml>";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("Graphs/Graph1.graphml"));
            z.write(utf8(xml));
            z.closeEntry();
        }
        assertThatThrownBy(() -> importer.read(b.toByteArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("root:x");
    }

    @Test
    void overlongValuesAreRejectedNotParsed() throws Exception {
        String jsonl = "{\"kind\":\"node\",\"type\":\"domain\",\"value\":\"" + "a".repeat(5000) + ".example\"}\n";
        ImportedGraph g = importer.read(utf8(jsonl));
        assertThat(g.indicators()).isEmpty();
        assertThat(g.reasons()).singleElement().asString().contains("longer than");
    }

    @Test
    void aFileOfNoKnownFormatSaysSo() {
        assertThatThrownBy(() -> importer.read(utf8("{\"hello\":1}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a STIX 2.1 bundle nor a MISP event");
        assertThatThrownBy(() -> importer.read(new byte[] {'P', 'K', 3, 4, 0, 0})).isInstanceOf(Exception.class);
    }

    @Test
    void sourceNamesAreTheFilesBaseNameMadeSafe() {
        assertThat(Importer.sourceName("/tmp/a b/évil;rm -rf.json")).isEqualTo("_vil_rm_-rf.json");
        assertThat(Importer.sourceName("x".repeat(100))).hasSize(64);
    }
}
