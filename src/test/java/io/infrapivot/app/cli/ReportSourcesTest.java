package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-lookup sources table: one summary line (errors and truncations each said) unless -v lists every source. */
class ReportSourcesTest {
    static String render(boolean verbose, List<SourceOutcome> outcomes, Indicator ind) {
        var out = new ByteArrayOutputStream();
        var t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        new Report(t, verbose).print(ind, null, outcomes);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void skippedSourcesAreCountedNotListedUnlessVerbose() {
        Indicator ind = IndicatorParser.standard().parse("evil.test").orElseThrow().indicator();
        List<SourceOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            outcomes.add(new SourceOutcome(ind, "needs-key" + i, Access.PASSIVE, Outcome.SKIPPED, "no API key set",
                    false, Duration.ZERO, null, List.of(), null, null));
        }
        outcomes.add(new SourceOutcome(ind, "dns", Access.PASSIVE, Outcome.EMPTY, null, true, Duration.ZERO, null,
                List.of(), null, null));
        outcomes.add(new SourceOutcome(ind, "rdap", Access.PASSIVE, Outcome.ERROR, "rdap.test answered HTTP 503", false,
                Duration.ofMillis(5), null, List.of(), null, null));
        String brief = render(false, outcomes, ind);
        assertThat(brief).contains("sources 22: 1 empty, 1 error, 20 skipped (1 cached)").contains("-v lists each")
                .contains("rdap").contains("answered HTTP 503").doesNotContain("needs-key").doesNotContain("no API key");
        assertThat(brief.lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(1);
        String full = render(true, outcomes, ind);
        assertThat(full).contains("needs-key0", "needs-key19", "no API key set", "dns", "rdap");
        assertThat(full.lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(22);
    }
}
