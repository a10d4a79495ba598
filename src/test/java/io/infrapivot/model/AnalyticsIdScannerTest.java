package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AnalyticsIdScannerTest {
    private static String first(String text) {
        var found = AnalyticsIdScanner.find(text);
        return found.isEmpty() ? "" : found.getFirst().value();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gtag('config', 'UA-12345-1') | UA-12345-1",
        "id=G-ABCDEF1234 | G-ABCDEF1234",
        "GTM-ABC123 | GTM-ABC123",
        "x AW-123456789 | AW-123456789",
        "ca-pub-1234567890123456 | ca-pub-1234567890123456",
        "xUA-12345-1 | ''",
        "ym(12345678, 'init' | yandex:12345678",
        "var yaCounter12345678 = 1 | yandex:12345678",
        "mc.yandex.ru/watch/12345678 | yandex:12345678",
        "Ya.Metrika2({id:12345678 | yandex:12345678",
        "fbq('init', '123456789012345') | fbpixel:123456789012345",
        "facebook.com/tr?id=123456789012345 | fbpixel:123456789012345",
        "hjid:1234567 | hotjar:1234567",
        "static.hotjar.com/c/hotjar-1234567.js | hotjar:1234567",
        "hm.baidu.com/hm.js?0123456789abcdef0123456789ABCDEF | baidu:0123456789abcdef0123456789abcdef",
    })
    void findsEachForm(String text, String expected) {
        assertThat(first(text)).isEqualTo(expected);
        // the same at the very end of a long text and after other text (the markers looked for in one pass)
        assertThat(first("a".repeat(5000) + " " + text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"ym( | true", "xx ym( | true", "yandex | true", "yaCounter | true",
        "Metrika | true", "fbq( | true", "facebook | true", "hjid | true", "hotjar | true", "baidu | true",
        "setSiteId | true", "ym | false", "fbq | false", "metrika | false", "the quick brown fox | false",
        "yam yes Meta fab hot bai set | false"})
    void markers(String text, boolean expected) {
        assertThat(AnalyticsIdScanner.hasMarker(text.toCharArray(), text.length())).isEqualTo(expected);
        char[] longer = (text + "________").toCharArray();
        assertThat(AnalyticsIdScanner.hasMarker(longer, text.length())).as("only the given length").isEqualTo(expected);
    }
}
