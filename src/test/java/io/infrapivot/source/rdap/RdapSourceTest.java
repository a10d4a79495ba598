package io.infrapivot.source.rdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.TestFixtures;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rdap source against MockWebServer answering in each registry's shape. */
class RdapSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private MockWebServer server;
    private final Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    private void answer(int code, String fixture) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/rdap+json")
                .body(TestFixtures.text("rdap/" + fixture).replace("{{base}}", base())).build());
    }

    private io.infrapivot.source.RequestGate gate = io.infrapivot.source.RequestGate.OPEN;

    private LookupResult lookup(RdapSource source, IndicatorType type, String value) throws InterruptedException {
        LookupContext ctx = new LookupContext(new SourceSettings("rdap", settings), Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC), IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults(), gate);
        return source.lookup(Indicator.of(type, value), ctx);
    }

    private LookupResult lookupAt(String path, IndicatorType type, String value) throws InterruptedException {
        settings.put("url", base() + path);
        return lookup(new RdapSource(), type, value);
    }

    private static RegistrationRecord record(LookupResult r) {
        Observation o = r.observations().stream().filter(x -> x.relation() == Relation.REGISTRATION).findFirst()
                .orElseThrow();
        return RegistrationJson.fromTree(o.value());
    }

    @Test
    void gtldRegistryThenRegistrarMerged() throws Exception {
        answer(200, "registry-domain.json");
        answer(200, "registrar-domain.json");
        LookupResult r = lookupAt("/com/v1/", IndicatorType.HOST, "www.example-shop.com");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/com/v1/domain/example-shop.com");
        var second = server.takeRequest();
        assertThat(second.getTarget()).isEqualTo("/registrar/domain/EXAMPLE-SHOP.COM");
        assertThat(second.getHeaders().get("Accept")).contains("application/rdap+json");
        assertThat(r.evidence()).hasSize(2);
        assertThat(r.evidence().get(0).request()).endsWith("/com/v1/domain/example-shop.com");
        assertThat(r.evidence().get(0).status()).isEqualTo("200");
        RegistrationRecord rec = record(r);
        assertThat(rec.registrar().ianaId()).isEqualTo("9999");
        assertThat(rec.contacts().registrant().organization()).isEqualTo("Roe Widgets Ltd");
        assertThat(rec.updated()).isEqualTo(Instant.parse("2026-08-14T07:01:38Z"));
        assertThat(rec.redacted()).contains("Registrant Name");
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.REGISTRANT_ORG
                && o.object().value().equals("Roe Widgets Ltd"));
        assertThat(r.observations()).noneMatch(o -> o.relation() == Relation.REGISTRANT_EMAIL
                && o.object().value().contains("registrar.example/contact"));
    }

    @Test
    void aRegistrarRequestHeldBackByTheRateLimitLeavesTheRegistryAnswer() throws Exception {
        answer(200, "registry-domain.json");
        int[] asked = {0};
        gate = () -> asked[0]++ == 0 ? null : "rate limit of 60 per 1m reached";
        LookupResult r = lookupAt("/com/v1/", IndicatorType.DOMAIN, "example-shop.com");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).contains("registrar RDAP server not asked: rate limit of 60 per 1m reached");
        assertThat(record(r).registrar().name()).isEqualTo("Example Registrar, LLC");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void failingRegistrarLeavesTheRegistryAnswer() throws Exception {
        answer(200, "registry-domain.json");
        server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "text/html")
                .body("<html><body>Not here</body></html>").build());
        LookupResult r = lookupAt("/com/v1/", IndicatorType.DOMAIN, "example-shop.com");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).startsWith("registrar RDAP server failed: ").contains("HTML page");
        assertThat(record(r).registrar().name()).isEqualTo("Example Registrar, LLC");
        assertThat(r.evidence()).hasSize(2);
    }

    @Test
    void relatedLinkToAnInternalAddressIsNotFollowed() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json")
                .body(TestFixtures.text("rdap/registry-domain.json").replace("{{base}}/registrar",
                        "http://10.0.0.5/registrar")).build());
        LookupResult r = lookupAt("/com/v1/", IndicatorType.DOMAIN, "example-shop.com");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(r.message())
                .contains("registrar link http://10.0.0.5/registrar/domain/EXAMPLE-SHOP.COM not followed");
        assertThat(RdapClient.safeRelated("https://rdap.verisign.com/com/v1/domain/x.com",
                "https://rdap.registrar.example/domain/x.com")).isTrue();
        assertThat(RdapClient.safeRelated("https://rdap.verisign.com/com/v1/domain/x.com",
                "http://rdap.registrar.example/domain/x.com")).isFalse();
        assertThat(RdapClient.safeRelated("https://rdap.verisign.com/com/v1/domain/x.com",
                "https://[::1]/domain/x.com")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"arin-ip.json, IP, 8.8.8.8, /ip/8.8.8.8, 8.8.8.0/24",
            "ripe-ip.json, IP, 193.0.0.1, /ip/193.0.0.1, 193.0.0.0/21",
            "apnic-ip.json, IP, 1.1.1.1, /ip/1.1.1.1, 1.1.1.0/24",
            "lacnic-ip.json, CIDR, 200.7.84.0/23, /ip/200.7.84.0, 200.7.84.0/23",
            "afrinic-ip.json, IP, 196.216.2.1, /ip/196.216.2.1, 196.216.2.0/23"})
    void rirNetworks(String fixture, IndicatorType type, String value, String path, String cidr) throws Exception {
        answer(200, fixture);
        LookupResult r = lookupAt("/", type, value);
        assertThat(server.takeRequest().getTarget()).isEqualTo(path);
        assertThat(record(r).network().cidrs()).containsExactly(cidr);
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.NETWORK_OWNER);
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.ABUSE_EMAIL);
    }

    @ParameterizedTest
    @CsvSource({"arin-autnum.json, AS15169, /autnum/15169, GOOGLE",
            "ripe-autnum.json, AS3333, /autnum/3333, RIPE-NCC-AS"})
    void autnums(String fixture, String asn, String path, String name) throws Exception {
        answer(200, fixture);
        LookupResult r = lookupAt("/", IndicatorType.ASN, asn);
        assertThat(server.takeRequest().getTarget()).isEqualTo(path);
        assertThat(record(r).autnum().name()).isEqualTo(name);
    }

    @Test
    void bootstrapChoosesTheServer() throws Exception {
        String b = base();
        RdapBootstrap boot = RdapBootstrap.of(
                "{\"publication\":\"2026-11-01T00:00:00Z\",\"services\":[[[\"com\"],[\"" + b + "/com/v1/\"]]]}",
                "{\"services\":[[[\"193.0.0.0/8\"],[\"" + b + "/ripe/\"]],[[\"8.0.0.0/8\"],[\"" + b + "/arin/\"]]]}",
                "{\"services\":[]}", "{\"services\":[[[\"3154-3353\"],[\"" + b + "/ripe/\"]]]}");
        answer(200, "ripe-ip.json");
        LookupResult r = lookup(new RdapSource(boot), IndicatorType.IP, "193.0.0.1");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/ripe/ip/193.0.0.1");
        assertThat(record(r).network().rir()).isEqualTo("ripe");
        answer(200, "ripe-autnum.json");
        lookup(new RdapSource(boot), IndicatorType.ASN, "AS3333");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/ripe/autnum/3333");
        LookupResult none = lookup(new RdapSource(boot), IndicatorType.DOMAIN, "example.de");
        assertThat(none.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(none.message()).contains("no RDAP server in the bootstrap for example.de");
    }

    @Test
    void notFoundIsAvailable() throws Exception {
        answer(404, "not-found.json");
        LookupResult r = lookupAt("/com/v1/", IndicatorType.DOMAIN, "nope-12345.com");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(record(r).status().id()).isEqualTo("available");
        assertThat(r.evidence().get(0).status()).isEqualTo("404");
    }

    @Test
    void rateLimitWithRetryAfterIsAClearError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120")
                .addHeader("Content-Type", "application/rdap+json")
                .body("{\"errorCode\":429,\"title\":\"Too Many Requests\"}").build());
        LookupResult r = lookupAt("/", IndicatorType.IP, "8.8.8.8");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).isEqualTo("localhost rate-limited the request (429, retry after 120 s)");
        assertThat(r.evidence()).hasSize(1);
        assertThat(r.evidence().get(0).status()).isEqualTo("429");
    }

    @Test
    void htmlErrorPage() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<!doctype html><title>Maintenance</title>").build());
        LookupResult r = lookupAt("/", IndicatorType.IP, "8.8.8.8");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("answered an HTML page (HTTP 200) where JSON was expected");
        assertThat(new String(r.evidence().get(0).response())).contains("Maintenance");
    }

    @Test
    void invalidJson() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json")
                .body("{\"objectClassName\": \"ip network\", \"handle\": ").build());
        LookupResult r = lookupAt("/", IndicatorType.IP, "8.8.8.8");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).startsWith("localhost answered invalid RDAP (not JSON");
    }

    @Test
    void twentyMegabyteAnswerIsCutAtTheCap() throws Exception {
        Buffer big = new Buffer();
        big.writeUtf8("{\"objectClassName\":\"ip network\",\"remarks\":[{\"description\":[\"");
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 20; i++) big.write(chunk);
        big.writeUtf8("\"]}]}");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json")
                .body(big).build());
        LookupResult r = lookupAt("/", IndicatorType.IP, "8.8.8.8");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).isEqualTo("localhost sent more than 4194304 bytes; the answer was cut at the cap");
        assertThat(r.evidence().get(0).response()).hasSize(4 << 20);
    }

    @Test
    void oneByteASecondTimesOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json")
                .body(TestFixtures.text("rdap/arin-ip.json")).throttleBody(1, 1, TimeUnit.SECONDS).build());
        settings.put("timeout", "2s");
        LookupResult r = lookupAt("/", IndicatorType.IP, "8.8.8.8");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).startsWith("localhost timed out");
    }

    @Test
    void nameserverAndEntityLookups() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"objectClassName\":\"nameserver\","
                + "\"ldhName\":\"NS1.EXAMPLE-DNS.NET\",\"ipAddresses\":{\"v4\":[\"192.0.2.53\"]}}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"objectClassName\":\"entity\",\"handle\":\"GOGL\","
                + "\"roles\":[\"registrant\"],\"vcardArray\":[\"vcard\",[[\"fn\",{},\"text\",\"Google LLC\"]]]}")
                .build());
        RdapClient c = new RdapClient(new HttpFetcher(HttpFetcher.Options.defaults()), true);
        RdapClient.Result ns = c.lookup(base() + "/", "nameserver", "ns1.example-dns.net", NOW);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/nameserver/ns1.example-dns.net");
        assertThat(ns.record().kind()).isEqualTo("nameserver");
        assertThat(ns.record().domain()).isEqualTo("ns1.example-dns.net");
        RdapClient.Result ent = c.lookup(base() + "/", "entity", "GOGL", NOW);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/entity/GOGL");
        assertThat(ent.record().kind()).isEqualTo("entity");
        assertThat(ent.evidence()).hasSize(1);
    }

    @Test
    void shippedBootstrapSnapshot() {
        RdapBootstrap b = RdapBootstrap.shipped();
        assertThat(b.publication()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(b.forDomain("example.com")).contains("https://rdap.verisign.com/com/v1/");
        assertThat(b.forDomain("example.co.uk")).contains("https://rdap.nominet.uk/uk/");
        assertThat(b.forDomain("example.de")).isEmpty();
        assertThat(b.forIp("8.8.8.8")).contains("https://rdap.arin.net/registry/");
        assertThat(b.forIp("193.0.6.139")).contains("https://rdap.db.ripe.net/");
        assertThat(b.forIp("200.7.84.1")).contains("https://rdap.lacnic.net/rdap/");
        assertThat(b.forIp("196.216.2.1")).contains("https://rdap.afrinic.net/rdap/");
        assertThat(b.forIp("2a00:1450:4001::1")).contains("https://rdap.db.ripe.net/");
        assertThat(b.forIp("2001:200::1")).contains("https://rdap.apnic.net/");
        assertThat(b.forAsn(15169)).contains("https://rdap.arin.net/registry/");
        assertThat(b.forAsn(3333)).contains("https://rdap.db.ripe.net/");
        assertThat(b.forAsn(4_000_000_000L)).isEmpty();
    }

    @Test
    void readinessSaysTheSnapshotDate() {
        var ready = new RdapSource().readiness(SourceSettings.empty("rdap"));
        assertThat(ready.isReady()).isTrue();
        assertThat(ready.reason()).contains("2026-11-27");
        RdapBootstrap old = RdapBootstrap.of("{\"publication\":\"2020-01-01T00:00:00Z\",\"services\":[]}",
                "{\"services\":[]}", "{\"services\":[]}", "{\"services\":[]}");
        assertThat(new RdapSource(old).readiness(SourceSettings.empty("rdap")).reason()).contains("stale");
        assertThat(List.of(RdapBootstrap.FILES.toArray())).containsExactly("dns.json", "ipv4.json", "ipv6.json",
                "asn.json");
    }
}
