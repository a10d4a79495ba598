package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Fact;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Human output fits the terminal's width (COLUMNS, else 80): folded at spaces, continuations in their column. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FoldTest {
    private static List<String> words(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) out.addAll(Arrays.stream(l.strip().split(" +")).toList());
        return out;
    }

    @Test
    void aShortLineIsLeftAsItIs() {
        assertThat(Fold.lines("  dns             passive  ready", 80, 25)).containsExactly("  dns             passive  ready");
    }

    @Test
    void aLongLineBreaksAtSpacesWithEveryContinuationInItsColumn() {
        String line = "    " + "the quick brown fox jumps over the lazy dog ".repeat(6).strip();
        List<String> got = Fold.lines(line, 40, 6);
        assertThat(got).hasSizeGreaterThan(5).allSatisfy(l -> assertThat(Fold.visible(l)).isLessThanOrEqualTo(40));
        assertThat(got.get(0)).startsWith("    the quick");
        assertThat(got.subList(1, got.size())).allSatisfy(l -> assertThat(l).startsWith("      ").doesNotStartWith("       "));
        assertThat(words(got)).isEqualTo(words(List.of(line)));
    }

    @Test
    void aWordLongerThanALineIsCutAndCarriedOn() {
        String url = "https://very-long.example/" + "a".repeat(150);
        List<String> got = Fold.lines("  url               " + url + "  [crtsh]", 80, 20);
        assertThat(got).allSatisfy(l -> assertThat(Fold.visible(l)).isLessThanOrEqualTo(80));
        assertThat(String.join("", got.stream().map(String::strip).toList())).contains(url);
        assertThat(got.get(got.size() - 1)).endsWith("[crtsh]");
    }

    @Test
    void colourSequencesTakeNoRoomAndAreNeverCut() {
        String bold = "\u001b[1m" + "x".repeat(60) + "\u001b[0m";
        assertThat(Fold.visible(bold)).isEqualTo(60);
        List<String> got = Fold.lines(bold + " " + "\u001b[2m" + "y".repeat(30) + "\u001b[0m", 80, 4);
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isEqualTo(bold);
        assertThat(got.get(1)).isEqualTo("    \u001b[2m" + "y".repeat(30) + "\u001b[0m");
        List<String> cut = Fold.lines("\u001b[1m" + "z".repeat(100) + "\u001b[0m", 40, 0);
        assertThat(cut).allSatisfy(l -> assertThat(Fold.visible(l)).isLessThanOrEqualTo(40));
        assertThat(String.join("", cut)).isEqualTo("\u001b[1m" + "z".repeat(100) + "\u001b[0m");
    }

    @Test
    void theWidthIsColumnsWhenSensibleElseEighty() {
        assertThat(Fold.width(Map.of("COLUMNS", "120"))).isEqualTo(120);
        assertThat(Fold.width(Map.of("COLUMNS", " 100 "))).isEqualTo(100);
        assertThat(Fold.width(Map.of())).isEqualTo(80);
        assertThat(Fold.width(Map.of("COLUMNS", "wide"))).isEqualTo(80);
        assertThat(Fold.width(Map.of("COLUMNS", "5"))).isEqualTo(80);
    }

    @Test
    void theLookupReportFitsEightyColumns() {
        IndicatorParser parser = IndicatorParser.standard();
        Indicator ind = parser.parse("evil.test").orElseThrow().indicator();
        Indicator host = parser.parse("a-long-host-name-of-a-login-portal.cdn.evil.test").orElseThrow()
                .indicator();
        Fact link = new Fact(null, ind, Relation.ALIAS_OF, host, null, List.of("dns", "circl", "robtex", "dnsdb"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), 17L,
                List.of());
        List<SourceOutcome> outcomes = List.of(
                new SourceOutcome(ind, "dns", Access.PASSIVE, Outcome.OK, null, false, Duration.ofMillis(3), null,
                        List.of(link), null, null),
                new SourceOutcome(ind, "securitytrails", Access.PASSIVE, Outcome.ERROR, "api.securitytrails.test "
                        + "answered HTTP 429: the monthly quota of this key is used up; it renews on the first day of "
                        + "the next month", false, Duration.ofMillis(5), null, List.of(), null, null));
        for (boolean verbose : new boolean[] {false, true}) {
            var out = new ByteArrayOutputStream();
            var t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                    new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
            t.width(80);
            new Report(t, verbose).print(ind, null, outcomes);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text.lines()).allSatisfy(l -> assertThat(Fold.visible(l)).as(l).isLessThanOrEqualTo(80));
            assertThat(text).contains("a-long-host-name-of-a-login-portal.cdn.evil.test")
                    .contains("monthly quota");
        }
    }
}
