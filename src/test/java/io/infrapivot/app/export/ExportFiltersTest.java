package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.store.SqliteCaseStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export filters, read from the jsonl output. */
class ExportFiltersTest {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    SqliteCaseStore store;

    @BeforeEach
    void open() {
        store = CaseFixture.open(dir, "filters");
        CaseFixture.fill(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    record Graph(Set<String> nodes, Set<String> edges, int attributes) {}

    Graph graph(ExportOptions o) throws Exception {
        Set<String> nodes = new HashSet<>();
        Set<String> edges = new HashSet<>();
        int attributes = 0;
        for (String line : lines(export(store, Format.JSONL, o))) {
            JsonNode n = M.readTree(line);
            switch (n.path("kind").asText()) {
                case "node" -> nodes.add(n.path("id").asText());
                case "edge" -> edges.add(n.path("source").path("value").asText() + " " + n.path("relation").asText() + " "
                        + n.path("target").path("value").asText());
                case "attribute" -> attributes++;
                default -> {
                }
            }
        }
        // every edge's ends are exported nodes
        return new Graph(nodes, edges, attributes);
    }

    static ExportOptions opts(Indicator from, int depth, boolean excludeMarked, Set<IndicatorType> types,
                              Set<String> sources, Instant since, Instant until, Double minRank) {
        return new ExportOptions(from, depth, excludeMarked, types, sources, since, until, minRank, "amber");
    }

    @Test
    void wholeCaseHasEveryIndicatorWithAFactAndNoNoiseLines() throws Exception {
        Graph g = graph(ExportOptions.all());
        assertThat(g.nodes()).contains(SEED.key(), SHARED.key(), OTHER.key(), FILE.key(), HASH.key(), NET.key());
        assertThat(g.edges()).contains("evil.example resolves-to 198.51.100.3", "198.51.100.3 announced-by AS64500");
        assertThat(g.attributes()).isEqualTo(2); // the TXT record and the registration; noise marks are node marks
        JsonNode shared = M.readTree(lines(export(store, Format.JSONL, ExportOptions.all())).stream()
                .filter(l -> l.contains("\"id\":\"ip:203.0.113.9\"")).findFirst().orElseThrow());
        assertThat(shared.path("marks").get(0).path("rule").asText()).isEqualTo("shared-hosting");
        assertThat(shared.path("marks").get(0).path("expanded").asBoolean()).isFalse();
    }

    @Test
    void fromAndDepthKeepTheSubgraphAndStopAtMarkedIndicators() throws Exception {
        Graph one = graph(opts(IP, 1, false, Set.of(), Set.of(), null, null, null));
        assertThat(one.nodes()).containsExactlyInAnyOrder(IP.key(), SEED.key(), ASN.key(), NET.key(), NS1.key(),
                FILE.key());
        Graph two = graph(opts(NS1, 2, false, Set.of(), Set.of(), null, null, null));
        // ns1 reaches the shared address, which is marked: innocent.example behind it is not reached
        assertThat(two.nodes()).contains(SHARED.key()).doesNotContain(OTHER.key());
        for (String e : two.edges()) {
            String[] p = e.split(" ");
            assertThat(two.nodes().stream().anyMatch(n -> n.endsWith(":" + p[0]))).isTrue();
        }
    }

    @Test
    void excludeMarkedDropsMarkedIndicatorsAndTheirLinks() throws Exception {
        Graph g = graph(opts(null, 0, true, Set.of(), Set.of(), null, null, null));
        assertThat(g.nodes()).doesNotContain(SHARED.key()).contains(NS1.key()); // ns1's mark let the pivot expand it
        assertThat(g.edges()).noneMatch(e -> e.contains("203.0.113.9"));
    }

    @Test
    void typesSourcesAndDatesFilter() throws Exception {
        Graph names = graph(opts(null, 0, false, Set.of(IndicatorType.DOMAIN, IndicatorType.HOST), Set.of(), null, null,
                null));
        assertThat(names.nodes()).allMatch(n -> n.startsWith("domain:") || n.startsWith("host:"));
        assertThat(names.edges()).contains("www.evil.example alias-of evil.example");

        Graph cymru = graph(opts(null, 0, false, Set.of(), Set.of("cymru"), null, null, null));
        assertThat(cymru.edges()).containsExactlyInAnyOrder("198.51.100.3 announced-by AS64500",
                "198.51.100.3 in-netblock 198.51.100.0/24");

        // last seen in early 2025: the co-hosting record (day 6) only; the resolution was last seen later
        Graph early = graph(opts(null, 0, false, Set.of(), Set.of(), day(0), day(10), null));
        assertThat(early.edges()).containsExactly("203.0.113.9 co-hosted innocent.example");
    }

    @Test
    void minRankKeepsSeedsAndStrongTies() throws Exception {
        Graph g = graph(opts(null, 0, false, Set.of(), Set.of(), null, null, 4.0));
        assertThat(g.nodes()).contains(SEED.key(), EMAIL.key()); // registrant email: weight 5
        assertThat(g.nodes()).doesNotContain(ASN.key(), REGISTRAR.key());
    }

    @Test
    void anUnknownFromIsNotFound() {
        assertThatThrownBy(() -> export(store, Format.JSONL, opts(ind(IndicatorType.DOMAIN, "nowhere.example"), 2, false,
                Set.of(), Set.of(), null, null, null))).isInstanceOf(NoSuchElementException.class);
    }
}
