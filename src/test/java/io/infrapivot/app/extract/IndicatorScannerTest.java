package io.infrapivot.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.PublicSuffixList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IndicatorScannerTest {
    static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), false);

    static List<Hit> scan(String text, boolean strict) {
        List<Hit> hits = new ArrayList<>();
        IndicatorScanner s = new IndicatorScanner(PARSER, strict, Allowlist.bundled());
        try (TextStream ts = new TextStream(s, new Origin("f", "", 0), hits::add)) {
            ts.append(text, 0, 1);
        }
        return hits;
    }

    static List<String> values(String text, boolean strict) {
        return scan(text, strict).stream().map(h -> h.type().id() + " " + h.value()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "evil[.]com | domain evil.com",
        "evil(.)com | domain evil.com",
        "evil{.}com | domain evil.com",
        "evil[dot]com | domain evil.com",
        "evil(dot)com | domain evil.com",
        "evil{dot}com | domain evil.com",
        "evil [.] com | domain evil.com",
        "evil[ . ]com | domain evil.com",
        "evil dot com | domain evil.com",
        "evil DOT com | domain evil.com",
        "evil\\.com | domain evil.com",
        "evil[.com | domain evil.com",
        "evil.]com | domain evil.com",
        "evil<.>com | domain evil.com",
        "www[.]evil[.]co[.]uk | host www.evil.co.uk",
        "1.2.3[.]4 | ip 1.2.3.4",
        "1[.]2[.]3[.]4 | ip 1.2.3.4",
        "1(.)2(.)3(.)4 | ip 1.2.3.4",
        "hxxp://evil.com/a | url http://evil.com/a",
        "hXXps://evil.com/a | url https://evil.com/a",
        "hxxps[:]//evil[.]com/a | url https://evil.com/a",
        "hxxp[://]evil.com/a | url http://evil.com/a",
        "http[:]//evil.com/a | url http://evil.com/a",
        "https(:)//evil.com/a | url https://evil.com/a",
        "fxp://evil.com/a | url ftp://evil.com/a",
        "fxps://evil.com/a | url ftps://evil.com/a",
        "h**p://evil.com/a | url http://evil.com/a",
        "hxtp://evil.com/a | url http://evil.com/a",
        "http:\\/\\/evil.com\\/a | url http://evil.com/a",
        "john[@]evil.com | email john@evil.com",
        "john(@)evil[.]com | email john@evil.com",
        "john[at]evil[.]com | email john@evil.com",
        "john(at)evil(dot)com | email john@evil.com",
        "john at evil dot com | email john@evil.com",
        "john [at] evil [dot] com | email john@evil.com",
        "mailto:john@evil.com | email john@evil.com",
        "user=john@evil.com&x=1 | email john@evil.com",
    })
    void everyDefangForm(String text, String expected) {
        assertThat(values("see " + text + " now", true)).contains(expected);
    }

    @Test
    void typesAndCanonicalValues() {
        String text = """
                IPv6 2001:DB8:0:0:0:0:0:1 net 192.168.0.0/16 v6net 2001:db8::/32 AS15169 ASN 13335
                md5 D41D8CD98F00B204E9800998ECF8427E sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709
                sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                sha512 cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e
                cert SHA256 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89
                Mail John.Doe+x@Example.COM; site http://WWW.Example.com:80/Path?q=1#frag and ex\u00e4mple.com
                """;
        List<String> v = values(text, true);
        assertThat(v).contains("ip 2001:db8::1", "cidr 192.168.0.0/16", "cidr 2001:db8::/32", "asn AS15169", "asn AS13335",
                "hash d41d8cd98f00b204e9800998ecf8427e", "hash da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "hash cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
                "cert abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
                "email John.Doe+x@example.com", "domain example.com", "url http://www.example.com/Path?q=1",
                "host www.example.com", "domain xn--exmple-cua.com");
    }

    @Test
    void analyticsIds() {
        String page = """
                <script>gtag('config', 'UA-1234567-2'); gtag('config', 'G-ABCD1234EF'); (function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-AB12CD');
                gtag('config', 'AW-987654321'); data-ad-client="ca-pub-1234567890123456"
                ym(87654321, "init", {clickmap:true}); fbq('init', '1234567890123456');
                (function(h,o,t,j,a,r){h.hj=h.hj;h._hjSettings={hjid:3141592,hjsv:6};})
                var _paq = window._paq = []; var u="//stats.example.org/"; _paq.push(['setTrackerUrl', u+'matomo.php']); _paq.push(['setSiteId', '7']);
                hm.src = "https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef";
                </script>""";
        assertThat(values(page, true)).contains("analytics-id UA-1234567-2", "analytics-id G-ABCD1234EF",
                "analytics-id GTM-AB12CD", "analytics-id AW-987654321", "analytics-id ca-pub-1234567890123456",
                "analytics-id yandex:87654321", "analytics-id fbpixel:1234567890123456", "analytics-id hotjar:3141592",
                "analytics-id matomo:stats.example.org/7", "analytics-id baidu:0123456789abcdef0123456789abcdef");
    }

    @Test
    void strictLeavesOutFalsePositivesLooseKeepsThem() {
        String text = "open invoice.pdf with kernel32.dll via index.php; version 1.2.3.4 and Chrome/120.0.0.0;"
                + " schema http://www.w3.org/1999/xhtml and schemas.microsoft.com; obj.userAgent; a.b.notatld;"
                + " real evil.com";
        List<String> strict = values(text, true);
        assertThat(strict).containsExactly("domain evil.com");
        List<String> loose = values(text, false);
        assertThat(loose).contains("domain invoice.pdf", "domain kernel32.dll", "domain index.php", "ip 1.2.3.4",
                "ip 120.0.0.0", "url http://www.w3.org/1999/xhtml", "host schemas.microsoft.com", "host a.b.notatld",
                "domain evil.com");
    }

    @Test
    void aUrlWrittenWithoutItsSchemeIsAUrlBesideItsHost() {
        List<Hit> hits = scan("beacon to www.example.com/path/x.php?id=1, then evil[.]ru/gate.php.", true);
        assertThat(hits.stream().map(h -> h.type().id() + " " + h.value())).containsExactly(
                "host www.example.com", "url http://www.example.com/path/x.php?id=1", "domain evil.ru",
                "url http://evil.ru/gate.php");
        Hit url = hits.get(3);
        assertThat(url.found()).isEqualTo("evil[.]ru/gate.php");
        // no URL: a bare slash, a name inside a path, a file name, an unknown TLD
        assertThat(values("see evil.com/ and /srv/www/evil.com/x.php and lib/invoice.pdf/x and a.notatld/x", true))
                .containsOnly("domain evil.com");
        assertThat(values("x.notatld/page", false)).contains("domain x.notatld", "url http://x.notatld/page");
    }

    @Test
    void aFileNameWrittenDefangedIsAnIndicator() {
        assertThat(values("payload on evil[.]zip and setup.zip", true)).containsExactly("domain evil.zip");
    }

    @Test
    void foundOffsetAndContextAreTheTextAsItStood() {
        String text = "line one\nC2 at hxxps://bad[.]example[.]net/x.php?a=1, then more";
        List<Hit> hits = scan(text, true);
        Hit url = hits.stream().filter(h -> h.type() == IndicatorType.URL).findFirst().orElseThrow();
        assertThat(url.value()).isEqualTo("https://bad.example.net/x.php?a=1");
        assertThat(url.found()).isEqualTo("hxxps://bad[.]example[.]net/x.php?a=1");
        assertThat(url.offset()).isEqualTo(text.indexOf("hxxps"));
        assertThat(url.context()).contains("line one\nC2 at hxxps://bad[.]example[.]net");
        Hit host = hits.stream().filter(h -> h.type() == IndicatorType.HOST).findFirst().orElseThrow();
        assertThat(host.found()).isEqualTo("bad[.]example[.]net");
        assertThat(host.offset()).isEqualTo(text.indexOf("bad["));
    }

    @Test
    void trailingPunctuationAndBracketsAreNotPartOfAUrl() {
        assertThat(values("(see http://evil.com/a_(b).) [http://evil.org/x]. \"https://e.net/q?x=1\",", true))
                .contains("url http://evil.com/a_(b)", "url http://evil.org/x", "url https://e.net/q?x=1");
    }

    @Test
    void versionTimesAndScopesAreNotAddresses() {
        assertThat(values("the dot com bubble; connect a dot to the next", true)).isEmpty();
        assertThat(values("at 12:30:45 call Foo::Bar, ver 10.2.3.4, 1.2.3.4.5 and mac 00:1a:2b:3c:4d:5e", true)).isEmpty();
    }

    @Test
    void anIndicatorAcrossTheWindowBoundaryIsFoundOnceAndWhole() {
        StringBuilder b = new StringBuilder();
        while (b.length() < TextStream.WINDOW - 10) b.append("filler words here\n");
        int at = b.length();
        b.append("evil-domain-across.com and 10.20.30.40\n");
        while (b.length() < TextStream.WINDOW * 3) b.append("more filler\n");
        b.append("last.example.org");
        List<Hit> hits = scan(b.toString(), true);
        assertThat(hits).extracting(h -> h.value() + "@" + h.offset()).containsExactly(
                "evil-domain-across.com@" + at, "10.20.30.40@" + (at + 27), "last.example.org@" + (b.length() - 16));
    }
}
