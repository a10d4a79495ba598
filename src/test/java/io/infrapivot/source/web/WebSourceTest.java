package io.infrapivot.source.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.thirdparty.Fixtures;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The web source against a local MockWebServer standing in for every public host (its {@code url} setting). */
@Timeout(60)
class WebSourceTest {
    private static final Instant NOW = Instant.now();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base(String scheme) {
        return scheme + "://127.0.0.1:" + server.getPort() + "/";
    }

    private LookupResult lookup(Indicator i, Map<String, String> extra) throws InterruptedException {
        Map<String, String> m = new HashMap<>();
        m.put("url", base(server.url("/").isHttps() ? "https" : "http"));
        m.put("timeout", "3s");
        m.putAll(extra);
        var s = new WebSource();
        LookupResult r = s.lookup(i, new LookupContext(new SourceSettings("web", m), Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC), IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults()));
        for (Observation o : r.observations()) assertThat(s.info().produces()).contains(o.relation());
        return r;
    }

    private static List<String> lines(LookupResult r) {
        return r.observations().stream().filter(o -> o.object() != null)
                .map(o -> o.subject() + " " + o.relation() + " " + o.object()).toList();
    }

    private static List<Observation> of(LookupResult r, Relation rel) {
        return r.observations().stream().filter(o -> o.relation() == rel).toList();
    }

    private static MockResponse html(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html; charset=utf-8")
                .setHeader("Server", "nginx/1.25.3").setHeader("X-Powered-By", "PHP/8.2").body(body).build();
    }

    @Test
    void isActive() {
        assertThat(new WebSource().info().access()).isEqualTo(Access.ACTIVE);
    }

    @Test
    void selfSignedCertificateIsReadAndReportedInvalid() throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().commonName("www.records.test")
                .addSubjectAlternativeName("www.records.test").addSubjectAlternativeName("alt.records.test").build();
        HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        server.useHttps(tls.sslSocketFactory());
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(html(200, "<html><head><title>Hi</title></head><body>x</body></html>"));
        server.enqueue(new MockResponse.Builder().code(404).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.HOST, "www.records.test"), Map.of());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getHeaders().get("Host")).isEqualTo("www.records.test");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(cert.certificate().getEncoded()));
        assertThat(of(r, Relation.SERVES_CERTIFICATE)).as(String.valueOf(r.observations())).isNotEmpty();
        Observation served = of(r, Relation.SERVES_CERTIFICATE).get(0);
        assertThat(served.subject().key()).isEqualTo("host:www.records.test");
        assertThat(served.object().key()).isEqualTo("cert:" + sha);
        JsonNode v = served.value();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("problems").toString()).contains("self-signed");
        assertThat(v.get("serial").asText()).isEqualTo(cert.certificate().getSerialNumber().toString(16));
        assertThat(v.get("names").toString()).contains("alt.records.test");
        assertThat(lines(r)).contains("cert:" + sha + " cert-name host:alt.records.test");
        JsonNode page = of(r, Relation.WEB_PAGE).get(0).value();
        assertThat(page.get("title").asText()).isEqualTo("Hi");
        assertThat(page.get("headers").get("Server").asText()).isEqualTo("nginx/1.25.3");
    }

    @Test
    void redirectChainIsKept() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/step2").build());
        server.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "http://landing.records.test/final?x=1").build());
        server.enqueue(html(200, "<title>Landing</title>"));
        server.enqueue(new MockResponse.Builder().code(404).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://start.records.test/go"), Map.of());
        assertThat(lines(r)).containsSubsequence(
                "url:http://start.records.test/go redirects-to url:http://start.records.test/step2",
                "url:http://start.records.test/step2 redirects-to url:http://landing.records.test/final?x=1");
        assertThat(of(r, Relation.WEB_PAGE).get(0).value().get("final_url").asText())
                .isEqualTo("http://landing.records.test/final?x=1");
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Host")).isEqualTo("landing.records.test");
    }

    @Test
    void metaRefreshIsFollowedLikeARedirect() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(html(200, "<html><head><meta http-equiv=\"Refresh\" content=\"0; URL='https://kit.records.test/p'\">"
                + "</head></html>"));
        server.enqueue(html(200, "<title>Kit</title>"));
        server.enqueue(new MockResponse.Builder().code(404).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://lure.records.test/"), Map.of());
        assertThat(lines(r)).contains("url:http://lure.records.test/ redirects-to url:https://kit.records.test/p");
        Observation hop = of(r, Relation.REDIRECTS_TO).get(0);
        assertThat(hop.value().get("via").asText()).isEqualTo("meta refresh");
        assertThat(of(r, Relation.WEB_PAGE).get(0).value().get("title").asText()).isEqualTo("Kit");
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Host")).isEqualTo("kit.records.test");
    }

    @Test
    void metaRefreshToAnInternalHostIsNotFollowed() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(html(200, "<meta http-equiv=refresh content=\"1;url=http://192.168.1.1/\"><title>Lure</title>"));
        server.enqueue(new MockResponse.Builder().code(404).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://lure.records.test/"), Map.of());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(of(r, Relation.REDIRECTS_TO)).isEmpty();
        assertThat(of(r, Relation.WEB_PAGE).get(0).value().get("title").asText()).isEqualTo("Lure");
    }

    @Test
    void redirectToAnInternalHostIsNotFollowed() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "http://127.0.0.1:22/").build());
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://start.records.test/"), Map.of());
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(r.message()).contains("redirect not followed").contains("not a public address");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(r.evidence()).hasSize(1);
    }

    @Test
    void internalTargetsAreNotFetched() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        for (String url : List.of("http://localhost/", "http://10.1.2.3/admin", "http://[::1]/", "http://printer.local/",
                "http://169.254.169.254/latest/meta-data/")) {
            LookupResult r = lookup(Indicator.of(IndicatorType.URL, url), Map.of());
            assertThat(r.outcome()).as(url).isEqualTo(Outcome.ERROR);
            assertThat(r.message()).as(url).startsWith("not fetched: ").containsPattern("not a public (host|address)");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void wildcardCertificatesCoverOneLabel() {
        assertThat(CertificateDetails.covers(List.of("*.records.test"), "www.records.test")).isTrue();
        assertThat(CertificateDetails.covers(List.of("*.records.test"), "a.b.records.test")).isFalse();
        assertThat(CertificateDetails.covers(List.of("*.records.test"), "records.test")).isFalse();
        assertThat(CertificateDetails.covers(List.of("192.0.2.1"), "192.0.2.1")).isTrue();
    }

    @Test
    void redirectLoopStopsAtTheCap() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/again" + i).build());
        }
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://start.records.test/"),
                Map.of("max-redirects", "3"));
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("more than 3 redirects");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void oversizedPageIsCutAtTheCapAndStillRead() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        Buffer big = new Buffer().writeUtf8("<html><head><title>Big</title><script>gtag('config','UA-99999999-1')"
                + "</script></head><body>");
        while (big.size() < 3L << 20) big.writeUtf8("<p>" + "x".repeat(1000) + "</p>");
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body(big).build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://big.records.test/"),
                Map.of("max-bytes", "65536"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).contains("cut at 65536 bytes");
        assertThat(r.evidence().get(0).response()).hasSize(65536);
        assertThat(r.evidence().get(0).status()).contains("cut");
        assertThat(lines(r)).contains("url:http://big.records.test/ uses-analytics-id analytics-id:UA-99999999-1");
        assertThat(of(r, Relation.WEB_PAGE).get(0).value().get("cut").asBoolean()).isTrue();
    }

    @Test
    void slowPageTimesOut() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html>" + " ".repeat(100) + "</html>").throttleBody(1, 1, TimeUnit.SECONDS).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.URL, "http://slow.records.test/"),
                Map.of("timeout", "500ms"));
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(r.message()).contains("timed out");
    }

    @Test
    void idsVerificationTagsLinksAndFaviconHash() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        byte[] icon = new byte[1150];
        for (int i = 0; i < icon.length; i++) icon[i] = (byte) (i * 31 + 7);
        server.enqueue(html(200, Fixtures.read("web/page.html")));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/x-icon")
                .body(new Buffer().write(icon)).build());
        LookupResult r = lookup(Indicator.of(IndicatorType.DOMAIN, "records.test"), Map.of());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains(
                "domain:records.test uses-analytics-id analytics-id:G-ABC123DEF4",
                "domain:records.test uses-analytics-id analytics-id:UA-12345678-2",
                "domain:records.test uses-analytics-id analytics-id:AW-1234567890",
                "domain:records.test uses-analytics-id analytics-id:GTM-AB12CD3",
                "domain:records.test uses-analytics-id analytics-id:ca-pub-1234567890123456",
                "domain:records.test uses-analytics-id analytics-id:yandex:87654321",
                "domain:records.test uses-analytics-id analytics-id:fbpixel:123456789012345",
                "domain:records.test uses-analytics-id analytics-id:hotjar:3456789",
                "domain:records.test uses-analytics-id analytics-id:matomo:stats.example-matomo.org/7",
                "domain:records.test uses-analytics-id analytics-id:baidu:0123456789abcdef0123456789abcdef",
                "domain:records.test links-to host:evil-partner.example.org",
                "domain:records.test links-to host:collect.example-drop.com",
                "domain:records.test links-to host:cdn.styles-example.net");
        assertThat(of(r, Relation.VERIFICATION_TOKEN)).extracting(o -> o.value().get("service").asText())
                .containsExactlyInAnyOrder("google", "bing", "yandex", "facebook");
        assertThat(of(r, Relation.WEB_PAGE).get(0).value().get("title").asText()).isEqualTo("Example Login");
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/static/fav.ico");
        assertThat(lines(r)).contains("domain:records.test favicon-hash hash:mmh3:" + shodanHash(icon));
    }

    @Test
    void referenceMurmurMatchesPublishedVectors() {
        // MurmurHash3_x86_32, seed 0: published test vectors (the mmh3 package's own examples among them)
        assertThat(murmur3("".getBytes(StandardCharsets.UTF_8))).isEqualTo(0);
        assertThat(murmur3("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x248bfa47);
        assertThat(murmur3("foo".getBytes(StandardCharsets.UTF_8))).isEqualTo(-156908512);
        assertThat(murmur3("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(0x2e4ff723);
    }

    @Test
    void faviconHashFollowsShodansDefinition() {
        for (int n : new int[] {0, 1, 56, 57, 58, 114, 1000, 4321}) {
            byte[] icon = new byte[n];
            for (int i = 0; i < n; i++) icon[i] = (byte) (i * 13 + n);
            assertThat(FaviconHash.of(icon)).as("%d bytes", n).isEqualTo(shodanHash(icon));
        }
        assertThat(FaviconHash.encodebytes(new byte[58])).endsWith("\n").contains("\nAA");
    }

    /** Python's {@code mmh3.hash(base64.encodebytes(icon))}, written from the two definitions. */
    static int shodanHash(byte[] icon) {
        StringBuilder b64 = new StringBuilder();
        for (int i = 0; i < icon.length; i += 57) {
            byte[] chunk = java.util.Arrays.copyOfRange(icon, i, Math.min(icon.length, i + 57));
            b64.append(Base64.getEncoder().encodeToString(chunk)).append('\n');
        }
        return murmur3(b64.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** MurmurHash3 x86 32-bit, seed 0, as Austin Appleby's reference defines it. */
    static int murmur3(byte[] data) {
        int h = 0;
        int c1 = 0xcc9e2d51;
        int c2 = 0x1b873593;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
                    | (data[4 * i + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                k ^= data[tail] & 0xff;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
