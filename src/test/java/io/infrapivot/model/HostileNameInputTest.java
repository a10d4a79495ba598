package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Look-alike names are noted (never refused); text written as a local path that names no file says so. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileNameInputTest {
    private static final IndicatorParser FILES = new IndicatorParser(PublicSuffixList.bundled(), true);
    private static final IndicatorParser NO_FILES = new IndicatorParser(PublicSuffixList.bundled(), false);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            p\u0430ypal.com          | xn--pypal-4ve.com       | mixed scripts (Cyrillic, Latin)
            \u0440\u0430\u0443\u0440\u0430l.com | xn--l-7sba6dbr.com | mixed scripts (Cyrillic, Latin)
            www.g\u03bfogle.com      | null                    | mixed scripts (Greek, Latin)
            b\u00fccher.de           | xn--bcher-kva.de        | null
            \u043f\u0440\u0438\u043c\u0435\u0440.com | xn--e1afmkfd.com | null
            \u65e5\u672c\u8a9e\u3072\u3089\u304c\u306a.jp | null | null
            EXAMPLE.COM.             | example.com             | null
            """)
    void aLabelMixingScriptsIsNotedAsAPossibleLookAlike(String input, String value, String note) {
        ParsedIndicator p = FILES.parse(input).orElseThrow();
        if (value != null) assertThat(p.indicator().value()).isEqualTo(value);
        if (note == null) assertThat(p.notes()).noneMatch(n -> n.startsWith("mixed scripts"));
        else assertThat(p.notes()).contains(note);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ./no-such-sample.exe       | no such file
            ../no/such/file.bin        | no such file
            /no/such/folder/x.exe      | no such file
            ~/no-such-infrapivot-file  | no such file
            /                          | a directory, not a file (its files' indicators: infrapivot extract DIR)
            """)
    void textWrittenAsAPathThatNamesNoFileSaysSo(String input, String reason) {
        assertThat(FILES.parse(input)).isInstanceOfSatisfying(ParseResult.Invalid.class,
                r -> assertThat(r.reason()).isEqualTo(reason));
        assertThat(NO_FILES.parse(input)).isInstanceOfSatisfying(ParseResult.Invalid.class,
                r -> assertThat(r.reason()).contains("reading local files is turned off"));
    }
}
