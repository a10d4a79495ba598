package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the case table in src/test/resources/io/infrapivot/model/parser_cases.txt through the standard parser. */
class IndicatorParserCasesTest {
    private static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), false);

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                IndicatorParserCasesTest.class.getResourceAsStream("parser_cases.txt"), StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\\|", -1);
                if (f.length < 3) throw new IllegalStateException("line " + no + " has fewer than 3 columns");
                String input = unescape(f[0].strip());
                String notes = f.length > 3 ? f[3].strip() : null;
                out.add(Arguments.of(no, input, f[1].strip(), f[2].strip(), notes));
            }
        }
        return out.stream();
    }

    private static String unescape(String s) {
        if (s.equals("(empty)")) return "";
        return s.replace("\\s", " ").replace("\\t", "\t");
    }

    @ParameterizedTest(name = "line {0}: [{1}] -> {2} {3}")
    @MethodSource("cases")
    void parses(int line, String input, String type, String value, String notes) {
        ParseResult result = PARSER.parse(input);
        switch (type) {
            case "invalid" -> {
                assertThat(result).isInstanceOf(ParseResult.Invalid.class);
                assertThat(((ParseResult.Invalid) result).reason()).containsIgnoringCase(value);
            }
            case "ambiguous" -> {
                assertThat(result).isInstanceOf(ParseResult.Ambiguous.class);
                List<String> keys = ((ParseResult.Ambiguous) result).candidates().stream()
                        .map(c -> c.indicator().key()).toList();
                assertThat(keys).containsExactly(value.split("\\s*;\\s*"));
            }
            default -> {
                assertThat(result).as("%s", result).isInstanceOf(ParseResult.Parsed.class);
                ParsedIndicator p = result.orElseThrow();
                assertThat(p.type().id()).isEqualTo(type);
                assertThat(p.value()).isEqualTo(value);
                if (notes != null) {
                    List<String> expected = notes.equals("-") ? List.of() : Arrays.asList(notes.split("\\s*,\\s*"));
                    assertThat(p.notes()).containsExactlyInAnyOrderElementsOf(expected);
                }
                // the canonical value parses back to itself
                ParsedIndicator again = PARSER.parseAs(p.type(), p.value()).orElseThrow();
                assertThat(again.indicator()).isEqualTo(p.indicator());
            }
        }
    }
}
