package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SafeTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain.example.com", "plain.example.com"),
                Arguments.of("a\u001b[31mred", "a\\u001b[31mred"),
                Arguments.of("line1\nline2", "line1\\nline2"),
                Arguments.of("tab\there", "tab\\there"),
                Arguments.of("cr\roverwrite", "cr\\roverwrite"),
                Arguments.of("bidi\u202eevil", "bidi\\u202eevil"),
                Arguments.of("isolate\u2066x\u2069", "isolate\\u2066x\\u2069"),
                Arguments.of("del\u007fx", "del\\u007fx"),
                Arguments.of("c1\u009bcsi", "c1\\u009bcsi"),
                Arguments.of("back\\slash", "back\\\\slash"),
                Arguments.of("ünïcödé ok", "ünïcödé ok"),
                Arguments.of("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
                Arguments.of("bom\ufeff", "bom\\ufeff"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void oneLineEscapesEverythingThatCouldForgeOrRecolourOutput(String in, String out) {
        assertThat(Safe.oneLine(in)).isEqualTo(out);
        assertThat(Safe.oneLine(in)).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]");
    }

    @Test
    void multiLineKeepsLinesButNotEscapes() {
        assertThat(Safe.multiLine("a\r\nb\n\u001b[2Jc\rd")).isEqualTo("a\nb\n\\u001b[2Jc\\rd");
    }

    @Test
    void nullIsEmptyAndTruncationIsMarked() {
        assertThat(Safe.oneLine(null)).isEmpty();
        assertThat(Safe.truncate("abcdef", 4)).isEqualTo("abc…");
        assertThat(Safe.truncate("abc", 4)).isEqualTo("abc");
    }
}
