package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.store.SqliteCaseStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export → import into a new case → export gives the same graph, in every format import reads. */
class RoundTripTest {
    @TempDir
    Path dir;

    record Graph(Set<Indicator> nodes, Set<String> links) {}

    static Graph graph(Importer importer, byte[] export, String importedFileSha) throws Exception {
        ImportedGraph g = importer.read(export);
        assertThat(g.rejected()).as(g.reasons().toString()).isZero();
        Set<Indicator> nodes = new HashSet<>(g.indicators());
        Set<String> links = g.links().stream()
                .filter(l -> !l.subject().value().equals(importedFileSha))
                .map(l -> l.subject().key() + " " + l.relation().id() + " " + l.object().key() + " " + l.firstSeen() + " "
                        + l.lastSeen())
                .collect(Collectors.toCollection(HashSet::new));
        nodes.removeIf(i -> i.type() == IndicatorType.FILE && i.value().equals(importedFileSha));
        return new Graph(nodes, links);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JSONL", "CSV", "STIX21", "MISP", "MTGX"})
    void exportImportExportGivesTheSameGraph(Format format) throws Exception {
        Importer importer = new Importer(Importer.noFiles(IndicatorParser.standard()));
        byte[] first;
        try (SqliteCaseStore a = CaseFixture.open(dir, "a")) {
            CaseFixture.fill(a);
            first = exportBytes(a, format, ExportOptions.all());
        }
        String sha = Importer.sha256(first);
        byte[] second;
        try (SqliteCaseStore b = CaseFixture.open(dir, "b")) {
            Importer.Stored s = importer.store(b, "case-a." + format.id(), first, importer.read(first), false, CLOCK);
            assertThat(s.source()).isEqualTo("import:case-a." + format.id());
            List<LookupRecord> lookups = b.lookups();
            assertThat(lookups).singleElement().satisfies(l -> {
                assertThat(l.source()).isEqualTo("import:case-a." + format.id());
                assertThat(l.indicator()).isEqualTo(Indicator.fromCanonical(IndicatorType.FILE, sha));
                assertThat(b.evidenceOfLookup(l.id())).singleElement()
                        .satisfies(e -> assertThat(e.response()).isEqualTo(first));
            });
            assertThat(b.observations()).allSatisfy(o -> assertThat(o.sources()).containsExactly(s.source()));
            second = exportBytes(b, format, ExportOptions.all());
        }
        Graph g1 = graph(importer, first, sha);
        Graph g2 = graph(importer, second, sha);
        assertThat(g1.nodes()).isNotEmpty();
        assertThat(g1.links()).isNotEmpty();
        assertThat(g2.nodes()).isEqualTo(g1.nodes());
        assertThat(g2.links()).isEqualTo(g1.links());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JSONL", "CSV", "STIX21", "MTGX"})
    void theLinksOfTheCaseSurviveWithTheirRelation(Format format) throws Exception {
        Importer importer = new Importer(Importer.noFiles(IndicatorParser.standard()));
        try (SqliteCaseStore a = CaseFixture.open(dir, "a")) {
            CaseFixture.fill(a);
            ImportedGraph g = importer.read(exportBytes(a, format, ExportOptions.all()));
            Set<String> links = g.links().stream().map(l -> l.subject().value() + " " + l.relation().id() + " "
                    + l.object().value()).collect(Collectors.toSet());
            assertThat(links).contains("evil.example resolves-to 198.51.100.3", "198.51.100.3 ptr ns1.hoster.example",
                    "www.evil.example alias-of evil.example", "evil.example registrant-email " + EMAIL.value(),
                    "203.0.113.9 co-hosted innocent.example");
            assertThat(g.indicators()).contains(PERSON, ORG, CERT);
        }
    }

    @org.junit.jupiter.api.Test
    void asSeedsAddsSeedsOnly() throws Exception {
        Importer importer = new Importer(Importer.noFiles(IndicatorParser.standard()));
        byte[] list = "evil.example\nhxxp://bad[.]example/x\n# a comment\n198.51.100.7\n".getBytes();
        try (SqliteCaseStore b = CaseFixture.open(dir, "seeds")) {
            ImportedGraph g = importer.read(list);
            importer.store(b, "list.txt", list, g, true, CLOCK);
            assertThat(b.seeds()).containsExactlyInAnyOrder(SEED, ind(IndicatorType.URL, "http://bad.example/x"),
                    ind(IndicatorType.IP, "198.51.100.7"));
            assertThat(b.observations()).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void aPlainListBecomesFactsOfTheFile() throws Exception {
        Importer importer = new Importer(Importer.noFiles(IndicatorParser.standard()));
        byte[] list = "indicator,comment\nevil.example,seen in phishing\n198.51.100.7,\"c2, maybe\"\n".getBytes();
        try (SqliteCaseStore b = CaseFixture.open(dir, "list")) {
            importer.store(b, "/tmp/x/iocs.csv", list, importer.read(list), false, CLOCK);
            Indicator file = Indicator.fromCanonical(IndicatorType.FILE, Importer.sha256(list));
            assertThat(b.observations()).extracting(o -> o.subject() + " " + o.relation().id() + " " + o.object())
                    .containsExactlyInAnyOrder(file + " contains " + SEED,
                            file + " contains " + ind(IndicatorType.IP, "198.51.100.7"));
            assertThat(b.observations()).allSatisfy(o -> assertThat(o.relation()).isEqualTo(Relation.CONTAINS));
        }
    }
}
