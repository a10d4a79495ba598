package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.reputation.Verdicts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reputation section: every source's verdict on its own line, in its own scale, dated, stale when old. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReportReputationTest {
    private static final Indicator IP = Indicator.of(IndicatorType.IP, "192.0.2.66");
    private static final Instant RECENT = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant OLD = Instant.parse("2020-01-15T00:00:00Z");

    private static SourceOutcome outcome(String source, Relation relation, ObjectNode value) {
        var o = new Observation(IP, relation, null, value, source, null, Verdicts.dateOf(value), Instant.now(), null, null);
        return new SourceOutcome(IP, source, Access.PASSIVE, Outcome.OK, null, false, Duration.ZERO, null,
                List.of(Fact.of(o)), null, null);
    }

    private static String render(Duration maxAge, List<SourceOutcome> outcomes) {
        var out = new ByteArrayOutputStream();
        var t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        Report r = new Report(t, false);
        r.verdictMaxAge = maxAge;
        r.print(IP, null, outcomes);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<SourceOutcome> outcomes() {
        var vt = Verdicts.detections(5, 1L, 70, RECENT);
        var abuse = Verdicts.confidence(87, 100, OLD);
        abuse.put("reports", 42);
        var drop = Verdicts.listed("Spamhaus DROP", true, RECENT);
        drop.put("sbl", "SBL000001");
        var exposure = Verdicts.of(Verdicts.Scale.EXPOSURE, null);
        exposure.putArray("ports").add(22).add(443);
        return List.of(outcome("virustotal", Relation.VERDICT, vt), outcome("abuseipdb", Relation.VERDICT, abuse),
                outcome("spamhausdrop", Relation.LISTED_ON, drop), outcome("internetdb", Relation.VERDICT, exposure));
    }

    @Test
    void eachSourceKeepsItsOwnScaleSideBySide() {
        String text = render(Duration.ofDays(30), outcomes());
        List<String> section = text.lines().dropWhile(l -> !l.equals("reputation")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).toList();
        assertThat(section).hasSize(4);
        assertThat(section.get(0)).startsWith("  virustotal").contains("5/70 engines flag it (+1 suspicious)")
                .contains(Report.day(RECENT)).doesNotContain("stale");
        assertThat(section.get(1)).startsWith("  abuseipdb").contains("confidence 87/100", "reports 42", "2020-01-15")
                .contains("stale (");
        assertThat(section.get(2)).startsWith("  spamhausdrop").contains("listed on Spamhaus DROP", "sbl SBL000001");
        assertThat(section.get(3)).startsWith("  internetdb").contains("exposure", "ports 22, 443", "(no date given)");
        assertThat(text).doesNotContainIgnoringCase("overall").doesNotContainIgnoringCase("combined");
    }

    @Test
    void theStaleAgeIsConfigurable() {
        String text = render(Duration.ofDays(1), outcomes());
        assertThat(text.lines().filter(l -> l.contains("stale (")).count()).isEqualTo(3);
        assertThat(render(Duration.ofDays(36500), outcomes())).doesNotContain("stale");
    }
}
