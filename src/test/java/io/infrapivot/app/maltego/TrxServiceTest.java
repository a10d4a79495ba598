package io.infrapivot.app.maltego;

import static io.infrapivot.scenario.SimulatedInternet.DOMAINS;
import static io.infrapivot.scenario.SimulatedInternet.IPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.store.SqliteCaseRepository;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TRX service with requests shaped like Maltego's, directly and over the JDK HTTP carrier. */
class TrxServiceTest {
    static SimulatedInternet net;
    static Path dir;
    static EngineLookups lookups;
    static TrxService service;

    @BeforeAll
    static void start() throws Exception {
        net = new SimulatedInternet(Duration.ZERO);
        dir = Files.createTempDirectory("trx-test");
        lookups = MaltegoWorld.lookups(MaltegoWorld.env(net, dir), dir, net.resolver());
        service = new TrxService(new TransformRunner(lookups));
    }

    @AfterAll
    static void stop() {
        if (lookups != null) lookups.close();
        if (net != null) net.close();
    }

    /** A request as the Maltego client sends it (entity with genealogy and fields, limits, transform fields). */
    static byte[] request(String type, String property, String value, int softLimit, String caseName) {
        return ("""
                <MaltegoMessage>
                <MaltegoTransformRequestMessage>
                <Entities>
                <Entity Type="%1$s">
                <Genealogy>
                <Type Name="%1$s" OldName="Domain"/>
                </Genealogy>
                <AdditionalFields>
                <Field Name="%2$s" DisplayName="Domain Name">%3$s</Field>
                <Field Name="whois-info" DisplayName="WHOIS Info"></Field>
                </AdditionalFields>
                <Value>%3$s</Value>
                <Weight>100</Weight>
                </Entity>
                </Entities>
                <Limits SoftLimit="%4$d" HardLimit="%4$d"/>
                <TransformFields>
                <Field Name="case">%5$s</Field>
                </TransformFields>
                </MaltegoTransformRequestMessage>
                </MaltegoMessage>
                """).formatted(type, property, value, softLimit, caseName).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersARequestHonouringItsSoftLimitAndCaseSetting() throws Exception {
        TrxService.Response r = service.handle("infrapivot.DomainToIPs",
                request("maltego.Domain", "fqdn", DOMAINS.get(0), 3, "trx-case"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/xml");
        MaltegoWorld.Response m = MaltegoWorld.read(r.body());
        assertThat(m.entities()).hasSize(3);
        assertThat(m.messages("Inform")).anySatisfy(x -> assertThat(x).contains("returned 3 of").contains("soft limit 3"));
        assertThat(m.entities()).allSatisfy(e -> assertThat(e.field("infrapivot.case")).isEqualTo("trx-case"));
        try (var store = new SqliteCaseRepository(dir.resolve("cases")).openExisting("trx-case")) {
            assertThat(store.seeds()).contains(Indicator.fromCanonical(IndicatorType.DOMAIN, DOMAINS.get(0)));
            assertThat(store.indicators()).contains(Indicator.fromCanonical(IndicatorType.IP, IPS.get(4)));
        }
    }

    @Test
    void theValueMayComeFromTheMainPropertyAlone() throws Exception {
        byte[] body = new String(request("maltego.IPv4Address", "ipv4-address", IPS.get(1), 12, "trx-case"),
                StandardCharsets.UTF_8).replaceAll("<Value>.*</Value>", "<Value></Value>").getBytes(StandardCharsets.UTF_8);
        TrxService.Response r = service.handle("infrapivot.IPv4ToDomains", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(MaltegoWorld.read(r.body()).values()).contains(DOMAINS.get(8));
    }

    @Test
    void refusesExternalEntitiesAndDoctypes() throws Exception {
        Path secret = Files.createTempFile(dir, "secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE MaltegoMessage [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + new String(request("maltego.Domain", "fqdn", "&x;", 12, "xxe"), StandardCharsets.UTF_8);
        TrxService.Response r = service.handle("infrapivot.DomainToIPs", xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("MaltegoTransformExceptionMessage").contains("DTD").doesNotContain("TOP-SECRET");
        // a billion-laughs style internal entity is refused the same way
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><m>&b;</m>";
        assertThat(service.handle("infrapivot.DomainToIPs", laughs.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(new SqliteCaseRepository(dir.resolve("cases")).list()).noneMatch(c -> c.name().equals("xxe"));
    }

    @Test
    void boundsAndErrors() throws Exception {
        byte[] big = new byte[TrxService.MAX_BODY + 1];
        assertThat(service.handle("infrapivot.DomainToIPs", big).status()).isEqualTo(413);
        assertThat(service.handle("infrapivot.NoSuchThing", request("maltego.Domain", "fqdn", "a.com", 12, "x")).status())
                .isEqualTo(404);
        assertThat(service.handle("infrapivot.DomainToIPs", "<notmaltego/>".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
        assertThat(service.handle("infrapivot.DomainToIPs", "<<<".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        TrxService.Response badValue = service.handle("infrapivot.IPv4ToDomains",
                request("maltego.IPv4Address", "ipv4-address", "999.1.1.1", 12, "x"));
        assertThat(badValue.status()).isEqualTo(200);
        assertThat(new String(badValue.body(), StandardCharsets.UTF_8)).contains("MaltegoTransformExceptionMessage");
        TrxService.Response pathCase = service.handle("infrapivot.DomainToIPs",
                request("maltego.Domain", "fqdn", DOMAINS.get(0), 12, "/tmp/evil.sqlite"));
        assertThat(new String(pathCase.body(), StandardCharsets.UTF_8)).contains("not a case name");
        assertThat(Files.exists(Path.of("/tmp/evil.sqlite"))).isFalse();
    }

    @Test
    void concurrentRequestsOnManyCasesAllAnswer() throws Exception {
        // more cases than are kept open at once, several requests on each at the same time
        int cases = EngineLookups.OPEN_CASES + 3;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<TrxService.Response>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < cases * 2; i++) {
                String c = "many-" + (i % cases);
                futures.add(pool.submit(() -> service.handle("infrapivot.URLToHost",
                        request("maltego.URL", "url", "https://" + DOMAINS.get(2) + "/x", 12, c))));
            }
            for (var f : futures) {
                TrxService.Response r = f.get();
                assertThat(r.status()).isEqualTo(200);
                assertThat(MaltegoWorld.read(r.body()).values()).contains(DOMAINS.get(2));
            }
        }
        assertThat(new SqliteCaseRepository(dir.resolve("cases")).list().stream().filter(c -> c.name().startsWith("many-")))
                .hasSize(cases);
    }

    @Test
    void overHttpPostRunTransform() throws Exception {
        try (TrxHttpServer server = TrxHttpServer.start(new InetSocketAddress("127.0.0.1", 0), service)) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/run/infrapivot.DomainToNameServers/");
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request("maltego.Domain", "fqdn", DOMAINS.get(3), 12, "http")))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(MaltegoWorld.read(r.body()).entity("ns1.acme-dns.net").type()).isEqualTo("maltego.NSRecord");
            HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(405);
            HttpResponse<byte[]> none = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/run/nope/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(none.statusCode()).isEqualTo(404);
        }
    }
}
