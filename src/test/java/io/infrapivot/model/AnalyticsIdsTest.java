package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AnalyticsIdsTest {
    private static List<String> ids(String text) {
        return AnalyticsIds.find(text).stream().map(AnalyticsIds.Found::id).toList();
    }

    @Test
    void findsEachKindInItsUsualSnippet() {
        assertThat(ids("gtag('config', 'UA-1234567-12'); gtag('config','G-Q1W2E3R4T5')"))
                .containsExactly("UA-1234567-12", "G-Q1W2E3R4T5");
        assertThat(ids("https://www.googletagmanager.com/ns.html?id=GTM-5X7ZQ9")).containsExactly("GTM-5X7ZQ9");
        assertThat(ids("gtag('config', 'AW-987654321');")).containsExactly("AW-987654321");
        assertThat(ids("data-ad-client=\"ca-pub-9876543210987654\"")).containsExactly("ca-pub-9876543210987654");
        assertThat(ids("google.com, pub-9876543210987654, DIRECT")).containsExactly("ca-pub-9876543210987654");
        assertThat(ids("<img src=\"https://mc.yandex.ru/watch/44444444\">")).containsExactly("yandex:44444444");
        assertThat(ids("ym(55555555, \"init\", {})")).containsExactly("yandex:55555555");
        assertThat(ids("w.yaCounter66666666 = new Ya.Metrika")).containsExactly("yandex:66666666");
        assertThat(ids("fbq('init', '1234567890123456');")).containsExactly("fbpixel:1234567890123456");
        assertThat(ids("https://www.facebook.com/tr?ev=PageView&id=1234567890123456"))
                .containsExactly("fbpixel:1234567890123456");
        assertThat(ids("h._hjSettings={hjid:1234567,hjsv:6}")).containsExactly("hotjar:1234567");
        assertThat(ids("https://hm.baidu.com/hm.js?ABCDEF0123456789abcdef0123456789"))
                .containsExactly("baidu:abcdef0123456789abcdef0123456789");
        assertThat(ids("<img src=\"//stats.example.org/matomo.php?idsite=12&rec=1\">"))
                .containsExactly("matomo:stats.example.org/12");
        assertThat(ids("var u='https://an.example.net/'; _paq.push(['setTrackerUrl', u+'piwik.php']);"
                + " _paq.push(['setSiteId', 3]);")).containsExactly("matomo:an.example.net/3");
    }

    @Test
    void leavesLookAlikesAlone() {
        assertThat(ids("UA-12-1 G-abc GTM-X AW-12 pub-123 ym(1,'x') hjid:12 setSiteId 5")).isEmpty();
        assertThat(ids("_paq.push(['setSiteId', '4'])")).as("a Matomo site without its server").isEmpty();
        assertThat(ids(null)).isEmpty();
    }

    @Test
    void everyIdFoundParsesAsAnAnalyticsIdToItself() {
        IndicatorParser p = IndicatorParser.standard();
        String text = "UA-1234567-12 G-Q1W2E3R4T5 GTM-5X7ZQ9 AW-987654321 ca-pub-9876543210987654 ym(55555555,'init')"
                + " fbq('init','1234567890123456') hjid:1234567 hm.baidu.com/hm.js?abcdef0123456789abcdef0123456789"
                + " //stats.example.org:8080/matomo.php?idsite=12";
        List<AnalyticsIds.Found> found = AnalyticsIds.find(text);
        assertThat(found).hasSize(10);
        for (AnalyticsIds.Found f : found) {
            ParseResult r = p.parse(f.id());
            assertThat(r).as(f.id()).isInstanceOf(ParseResult.Parsed.class);
            var parsed = ((ParseResult.Parsed) r).parsed();
            assertThat(parsed.indicator().type()).as(f.id()).isEqualTo(IndicatorType.ANALYTICS_ID);
            assertThat(parsed.indicator().value()).isEqualTo(f.id());
            assertThat(((Details.AnalyticsId) parsed.details()).kind()).isEqualTo(f.kind());
        }
    }

    @Test
    void verificationTags() {
        assertThat(AnalyticsIds.verificationService("Google-Site-Verification")).isEqualTo("google");
        assertThat(AnalyticsIds.verificationService("msvalidate.01")).isEqualTo("bing");
        assertThat(AnalyticsIds.verificationService("facebook-domain-verification")).isEqualTo("facebook");
        assertThat(AnalyticsIds.verificationService("description")).isNull();
    }

    @Test
    void faviconHashesParseAsMmh3Hashes() {
        IndicatorParser p = IndicatorParser.standard();
        for (String in : List.of("mmh3:-247388890", "favicon:-247388890", "MMH3:-247388890")) {
            var r = (ParseResult.Parsed) p.parse(in);
            assertThat(r.parsed().indicator().key()).isEqualTo("hash:mmh3:-247388890");
            assertThat(((Details.Hash) r.parsed().details()).algorithm()).isEqualTo("mmh3");
        }
        assertThat(p.parseAs(IndicatorType.HASH, "mmh3:+12")).isInstanceOf(ParseResult.Parsed.class);
        assertThat(p.parse("mmh3:2147483648")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(p.parse("mmh3:abc")).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void kindOfACanonicalId() {
        assertThat(AnalyticsIds.kindOf("GTM-AB12CD3")).isEqualTo("google-tag-manager");
        assertThat(AnalyticsIds.kindOf("matomo:stats.example.org/7")).isEqualTo("matomo");
        assertThat(AnalyticsIds.kindOf("not-an-id")).isNull();
        assertThat(AnalyticsIds.GOOGLE).contains(AnalyticsIds.kindOf("ca-pub-1234567890123456"));
    }
}
