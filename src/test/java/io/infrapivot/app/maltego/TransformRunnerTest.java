package io.infrapivot.app.maltego;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response built from an answer, without an engine: soft limit, marks first, failures grouped. */
class TransformRunnerTest {
    static final MaltegoTransform IPS = Transforms.byName("infrapivot.DomainToIPs").orElseThrow();
    static final Indicator SEED = Indicator.fromCanonical(IndicatorType.DOMAIN, "evil.example");

    static Answer.Node ip(String ip, Answer.Mark mark) {
        return new Answer.Node(Indicator.fromCanonical(IndicatorType.IP, ip), 1, SEED, Relation.RESOLVES_TO, true,
                List.of("dns", "mnemonic"), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-09-21T10:00:00Z"),
                12L, mark);
    }

    static Answer.Node seed(Answer.Mark mark) {
        return new Answer.Node(SEED, 0, null, null, false, List.of(), null, null, null, mark);
    }

    static Answer.SourceReport report(String source, Indicator on, Answer.Status status, String message) {
        return new Answer.SourceReport(source, on, status, message, null, false);
    }

    @Test
    void softLimitKeepsMarkedNodesFirstAndSaysHowManyWereLeftOut() throws Exception {
        List<Answer.Node> found = new ArrayList<>();
        for (int i = 1; i <= 5; i++) found.add(ip("192.0.2." + i, null));
        found.add(ip("104.16.0.1", new Answer.Mark("known-network", "Cloudflare", false, null)));
        Answer a = new Answer(seed(null), found, List.of(report("dns", SEED, Answer.Status.OK, null)), "c1");
        TransformRunner.Result r = new TransformRunner(null).answer(IPS, SEED, a, 3);
        assertThat(r.status()).isEqualTo(TransformRunner.Status.OK);
        MaltegoWorld.Response m = MaltegoWorld.read(r.xml());
        assertThat(m.values()).containsExactly("104.16.0.1", "192.0.2.1", "192.0.2.2");
        assertThat(m.entity("104.16.0.1").field("infrapivot.mark")).isEqualTo("known-network: Cloudflare (not expanded)");
        assertThat(m.entity("104.16.0.1").field("link#maltego.link.style")).isEqualTo("1");
        MaltegoWorld.Entity e = m.entity("192.0.2.1");
        assertThat(e.field("link#maltego.link.label")).isEqualTo("resolves-to 2026-01-01..2026-09-21");
        assertThat(e.field("infrapivot.first-seen")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(e.field("infrapivot.last-seen")).isEqualTo("2026-09-21T10:00:00Z");
        assertThat(e.field("infrapivot.count")).isEqualTo("12");
        assertThat(e.field("infrapivot.sources")).isEqualTo("dns, mnemonic");
        assertThat(e.field("infrapivot.case")).isEqualTo("c1");
        assertThat(m.messages("Inform")).anySatisfy(x -> assertThat(x).isEqualTo(
                "returned 3 of 6 entities (soft limit 3); all are in case 'c1'"));
    }

    @Test
    void failuresAreGroupedPerSourceAndNeverLookLikeNothingFound() throws Exception {
        Indicator other = Indicator.fromCanonical(IndicatorType.IP, "192.0.2.9");
        Answer a = new Answer(seed(null), List.of(), List.of(
                report("mnemonic", SEED, Answer.Status.FAILED, "HTTP 500 from <server>"),
                report("mnemonic", other, Answer.Status.FAILED, "HTTP 500"),
                report("dns", SEED, Answer.Status.EMPTY, null)), "c");
        TransformRunner.Result r = new TransformRunner(null).answer(IPS, SEED, a, 12);
        assertThat(r.status()).isEqualTo(TransformRunner.Status.PARTIAL);
        MaltegoWorld.Response m = MaltegoWorld.read(r.xml());
        assertThat(m.messages("PartialError")).containsExactly(
                "source mnemonic failed for evil.example and 1 more: HTTP 500 from <server> (the other sources' results are returned)");
        assertThat(m.messages("Inform")).anySatisfy(x -> assertThat(x).startsWith("nothing found for evil.example by dns"));

        Answer none = new Answer(seed(null), List.of(), List.of(
                report("whoxy", SEED, Answer.Status.SKIPPED, "needs key")), "c");
        MaltegoWorld.Response n = MaltegoWorld.read(new TransformRunner(null).answer(IPS, SEED, none, 12).xml());
        assertThat(n.messages("PartialError")).anySatisfy(x -> assertThat(x).contains("no source answered")
                .contains("whoxy: needs key"));
    }

    @Test
    void aMarkedInputComesBackWithItsMark() throws Exception {
        Answer a = new Answer(seed(new Answer.Mark("parking", "parked at sedo", false, null)), List.of(),
                List.of(report("dns", SEED, Answer.Status.OK, null)), "c");
        MaltegoWorld.Response m = MaltegoWorld.read(new TransformRunner(null).answer(IPS, SEED, a, 12).xml());
        assertThat(m.entity("evil.example").type()).isEqualTo("maltego.Domain");
        assertThat(m.entity("evil.example").field("infrapivot.mark")).startsWith("parking");
        assertThat(m.messages("Inform")).anySatisfy(x -> assertThat(x).contains("is marked parking (parked at sedo)"));
    }
}
