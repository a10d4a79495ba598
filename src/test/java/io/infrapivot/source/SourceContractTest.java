package io.infrapivot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.dns.NsdServer;
import io.infrapivot.source.dns.SilentServer;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every source of {@link SourceRegistry#builtIn()} keeps, checked against local stand-ins: a
 * MockWebServer for the HTTP sources (their base URL settings pointed at it), the test NSD or a silent UDP server
 * for the DNS-based ones, a local socket for WHOIS. Each source
 * <ul>
 *   <li>produces only the relations it declares;</li>
 *   <li>never leaks a secret setting — raw, URL-encoded, as the base64 of a Basic {@code Authorization}, or its
 *   password half — when the service echoes the request (URL, headers, body) back in its answer, in an error
 *   status or in HTML: not in the message, the facts, their values, nor the evidence (requests and bytes);</li>
 *   <li>ends within a second when the thread running its lookup is interrupted while the server never answers;</li>
 *   <li>(HTTP) maps the error table to typed classes: 401 and 403 auth (unless the service declares otherwise),
 *   404 nothing known or not found, 429 with Retry-After rate limited, 500 server error, HTML for JSON garbage.</li>
 * </ul>
 * A new source that fits none of the stand-ins fails {@link #everySourceHasAStandIn()} until one is added here.
 */
@Timeout(600)
class SourceContractTest {
    /** A credential with every character that encodes differently in a URL, in base64 and in JSON. */
    private static final String SECRET = "analyst-echo:S3cr3t/P4ss+w0rd=0123";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** WEB: the active page fetcher; a status or an HTML page is what it reads, not a service's refusal. */
    private enum Kind { OFFLINE, HTTP, DNS, WHOIS, WEB }

    private enum Mode { ECHO_JSON, ECHO_TEXT, ECHO_HTML, ECHO_401, ECHO_500, ECHO_429, S401, S403, S404, S429, S500, HTML }

    /** Sample indicators, in the order they are tried (the first one a source accepts is its main sample). */
    private static final Map<IndicatorType, String> SAMPLES = new java.util.LinkedHashMap<>();

    static {
        SAMPLES.put(IndicatorType.DOMAIN, "records.test");
        SAMPLES.put(IndicatorType.HOST, "www.records.test");
        SAMPLES.put(IndicatorType.IP, "192.0.2.1");
        SAMPLES.put(IndicatorType.CIDR, "192.0.2.0/30");
        SAMPLES.put(IndicatorType.ASN, "AS64500");
        SAMPLES.put(IndicatorType.URL, "https://www.records.test/login");
        SAMPLES.put(IndicatorType.EMAIL, "owner@records.test");
        SAMPLES.put(IndicatorType.HASH, "d41d8cd98f00b204e9800998ecf8427e");
        SAMPLES.put(IndicatorType.FILE, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        SAMPLES.put(IndicatorType.ORG, "Example Holdings Ltd");
        SAMPLES.put(IndicatorType.PERSON, "Jane Example");
        SAMPLES.put(IndicatorType.PHONE, "+1.5555550100");
        SAMPLES.put(IndicatorType.ANALYTICS_ID, "UA-12345678-1");
        SAMPLES.put(IndicatorType.CERT, "a".repeat(64));
    }

    private static MockWebServer http;
    private static final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ECHO_JSON);
    private static NsdServer nsd;
    private static ServerSocket whois;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void standIns() throws Exception {
        http = new MockWebServer();
        http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return answer(mode.get(), r);
            }
        });
        http.start(InetAddress.getLoopbackAddress(), 0);
        nsd = NsdServer.shared();
        whois = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!whois.isClosed()) {
                try (Socket s = whois.accept()) {
                    InputStream in = s.getInputStream();
                    StringBuilder q = new StringBuilder();
                    for (int c; (c = in.read()) >= 0 && c != '\n'; ) q.append((char) c);
                    OutputStream out = s.getOutputStream();
                    out.write(("Domain Name: RECORDS.TEST\r\nRegistrar: Example Registrar\r\n"
                            + "Name Server: NS1.RECORDS.TEST\r\nCreation Date: 2020-01-01T00:00:00Z\r\n"
                            + "Registrant Email: owner@records.test\r\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // the next connection, or the socket closed at the end
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        http.close();
        whois.close();
        for (Socket s : held) s.close();
    }

    /** Everything the request carried, echoed: the request line, every header, the body. */
    private static String echo(RecordedRequest r) {
        StringBuilder b = new StringBuilder(r.getRequestLine()).append('\n');
        r.getHeaders().forEach(h -> b.append(h.getFirst()).append(": ").append(h.getSecond()).append('\n'));
        b.append('\n').append(r.getBody() == null ? "" : r.getBody().utf8());
        return b.toString();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("/", "\\/") + "\"";
    }

    private static MockResponse answer(Mode m, RecordedRequest r) {
        String e = echo(r);
        MockResponse.Builder b = new MockResponse.Builder().setHeader("X-Echo-Url", r.getRequestLine());
        String auth = r.getHeaders().get("Authorization");
        if (auth != null) b.setHeader("X-Echo-Authorization", auth);
        return switch (m) {
            case ECHO_JSON -> b.code(200).setHeader("Content-Type", "application/json")
                    .body("{\"error\":" + json(e) + ",\"message\":" + json(e) + ",\"status\":0,\"status_reason\":"
                            + json(e) + ",\"data\":[{\"query\":" + json(e) + ",\"answer\":" + json(e) + "}]}").build();
            case ECHO_TEXT -> b.code(200).setHeader("Content-Type", "text/plain").body(e).build();
            case ECHO_HTML -> b.code(200).setHeader("Content-Type", "text/html")
                    .body("<html><body><pre>" + e + "</pre></body></html>").build();
            case ECHO_401 -> b.code(401).setHeader("Content-Type", "application/json")
                    .body("{\"message\":" + json("bad credentials in " + e) + "}").build();
            case ECHO_500 -> b.code(500).setHeader("Content-Type", "text/plain").body("failed: " + e).build();
            case ECHO_429 -> b.code(429).setHeader("Retry-After", "3600").body("slow down: " + e).build();
            case S401 -> b.code(401).setHeader("Content-Type", "application/json").body("{}").build();
            case S403 -> b.code(403).setHeader("Content-Type", "application/json").body("{}").build();
            case S404 -> b.code(404).setHeader("Content-Type", "application/json").body("{}").build();
            case S429 -> b.code(429).setHeader("Retry-After", "3600").setHeader("Content-Type", "application/json")
                    .body("{}").build();
            case S500 -> b.code(500).setHeader("Content-Type", "application/json").body("{}").build();
            case HTML -> b.code(200).setHeader("Content-Type", "text/html")
                    .body("<!DOCTYPE html><html><head><title>Sign in</title></head><body>portal</body></html>")
                    .build();
        };
    }

    private static Kind kind(Source s) {
        SourceInfo info = s.info();
        if (info.access() == Access.OFFLINE) return Kind.OFFLINE;
        if (info.id().equals("web")) return Kind.WEB;
        if (info.setting("url") != null) return Kind.HTTP;
        if (s instanceof InheritsSettings || info.id().equals("dns")) return Kind.DNS;
        if (info.id().equals("whois") || info.id().equals("bgptools")) return Kind.WHOIS;
        return null;
    }

    private static List<Source> sources() {
        return SourceRegistry.builtIn().all();
    }

    private static List<Indicator> samples(Source s) {
        List<Indicator> out = new ArrayList<>();
        SAMPLES.forEach((t, text) -> {
            // a FILE is its SHA-256 (Indicator.of would look for a local file of that name)
            if (s.info().accepts().contains(t)) {
                out.add(t == IndicatorType.FILE ? Indicator.fromCanonical(t, text) : Indicator.of(t, text));
            }
        });
        return out;
    }

    /** Settings pointing the source at its stand-in, every secret set to {@link #SECRET}. */
    private static Map<String, String> settings(Source s, String base) {
        Map<String, String> m = new HashMap<>();
        for (SourceInfo.Setting<?> st : s.info().settings()) {
            if (st.secret()) m.put(st.name(), SECRET);
            if (base != null && (st.type().equals("url") || st.name().endsWith("_url"))) m.put(st.name(), base);
        }
        if (kind(s) == Kind.HTTP) {
            m.put("retries", "0");
            m.put("timeout", "20s");
        }
        return m;
    }

    private static LookupContext context(Source s, Map<String, String> settings, List<String> resolvers) {
        return new LookupContext(new SourceSettings(s.info().id(), settings), Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC), IndicatorParser.standard(), CaseView.EMPTY,
                new RunOptions(resolvers, true, null, null, 50));
    }

    /** A context for a normal answer from the stand-in of the source's kind. */
    private static LookupContext working(Source s) {
        return switch (kind(s)) {
            case HTTP, WEB -> context(s, settings(s, http.url("/").toString()), List.of());
            case DNS -> {
                Map<String, String> m = settings(s, null);
                m.put("origin_zone", "origin.cymru.test");
                m.put("origin6_zone", "origin6.cymru.test");
                m.put("asn_zone", "asn.cymru.test");
                yield context(s, m, List.of(nsd.resolverOption()));
            }
            case WHOIS -> {
                Map<String, String> m = settings(s, null);
                m.put("servers", "whois.iana.org=127.0.0.1:" + whois.getLocalPort());
                m.put("server", "127.0.0.1:" + whois.getLocalPort()); // bgptools
                yield context(s, m, List.of());
            }
            case OFFLINE -> context(s, settings(s, null), List.of());
        };
    }

    @Test
    void everySourceHasAStandIn() {
        for (Source s : sources()) {
            assertThat(kind(s)).as("stand-in for source %s", s.info().id()).isNotNull();
            assertThat(samples(s)).as("a sample indicator for source %s", s.info().id()).isNotEmpty();
        }
        assertThat(sources()).hasSizeGreaterThanOrEqualTo(24);
    }

    @TestFactory
    Stream<DynamicTest> producesOnlyTheRelationsItDeclares() {
        return sources().stream().map(s -> DynamicTest.dynamicTest(s.info().id(), () -> {
            mode.set(Mode.ECHO_JSON);
            for (Indicator i : samples(s)) {
                LookupResult r = s.lookup(i, working(s));
                assertThat(r.outcome()).as("%s %s", s.info().id(), i.key()).isNotNull();
                for (Observation o : r.observations()) {
                    assertThat(s.info().produces()).as("%s produced %s for %s", s.info().id(), o.relation(), i.key())
                            .contains(o.relation());
                }
            }
        }));
    }

    /** Every form in which a request carries {@link #SECRET}, computed here independently of the code under test. */
    private static Set<String> secretForms() {
        Set<String> f = new LinkedHashSet<>();
        String password = SECRET.substring(SECRET.indexOf(':') + 1);
        for (String s : List.of(SECRET, password)) {
            f.add(s);
            f.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            f.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            f.add(s.replace("/", "\\/"));
        }
        for (String s : List.of(SECRET, SECRET + ":")) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            String b64 = Base64.getEncoder().encodeToString(b);
            f.add(b64);
            f.add(b64.replace("=", ""));
            f.add(b64.replace("/", "\\/"));
            f.add(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
            f.add(URLEncoder.encode(b64, StandardCharsets.UTF_8));
        }
        return f;
    }

    private static void assertNoSecret(String where, String text) {
        if (text == null) return;
        for (String form : secretForms()) {
            if (text.contains(form)) fail(where + " leaks the secret as '" + form + "': " + text);
        }
    }

    private static void assertNoSecret(String where, LookupResult r) {
        assertNoSecret(where + " message", r.message());
        assertNoSecret(where + " result", String.valueOf(r));
        for (Observation o : r.observations()) {
            assertNoSecret(where + " fact", o.subject().key() + " " + o.relation() + " "
                    + (o.object() == null ? "" : o.object().key()) + " " + (o.value() == null ? "" : o.value()));
            if (o.evidence() != null) assertEvidence(where, o.evidence());
        }
        for (RawAnswer a : r.evidence()) assertEvidence(where, a);
    }

    private static void assertEvidence(String where, RawAnswer a) {
        assertNoSecret(where + " evidence request", a.request());
        assertNoSecret(where + " evidence status", a.status());
        assertNoSecret(where + " evidence content type", a.contentType());
        assertNoSecret(where + " evidence bytes", new String(a.response(), StandardCharsets.UTF_8));
        assertNoSecret(where + " evidence bytes (latin-1)", new String(a.response(), StandardCharsets.ISO_8859_1));
    }

    @TestFactory
    Stream<DynamicTest> neverLeaksAKeyWhateverTheServiceEchoes() {
        List<Source> keyed = sources().stream()
                .filter(s -> s.info().settings().stream().anyMatch(SourceInfo.Setting::secret)).toList();
        assertThat(keyed).as("keyed sources").hasSizeGreaterThanOrEqualTo(12);
        return keyed.stream().map(s -> DynamicTest.dynamicTest(s.info().id(), () -> {
            int before = http.getRequestCount();
            for (Mode m : List.of(Mode.ECHO_JSON, Mode.ECHO_TEXT, Mode.ECHO_HTML, Mode.ECHO_401, Mode.ECHO_500,
                    Mode.ECHO_429)) {
                mode.set(m);
                for (Indicator i : samples(s)) {
                    LookupResult r = s.lookup(i, working(s));
                    assertNoSecret(s.info().id() + " " + m + " " + i.key(), r);
                }
            }
            assertThat(http.getRequestCount()).as("%s asked the echo server", s.info().id()).isGreaterThan(before);
        }));
    }

    @Test
    void theEchoServerReallyEchoesTheSecret() throws Exception {
        // guards the test above: without redaction the forms it looks for would be there
        Source circl = SourceRegistry.builtIn().byId("circl").orElseThrow();
        mode.set(Mode.ECHO_TEXT);
        var client = new okhttp3.OkHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        try (var resp = client.newCall(new okhttp3.Request.Builder().url(http.url("/x?key="
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8))).header("Authorization", basic).build()).execute()) {
            String body = resp.body().string();
            assertThat(body).contains(basic.substring(6)).contains(URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
        }
        assertThat(circl.info().setting("key").secret()).isTrue();
    }

    /** A server that accepts connections (TCP) and never answers. */
    private static ServerSocket silentTcp() throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!ss.isClosed()) {
                try {
                    held.add(ss.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return ss;
    }

    @TestFactory
    Stream<DynamicTest> endsWithinASecondOfAnInterrupt() throws IOException {
        ServerSocket tcp = silentTcp();
        SilentServer udp = new SilentServer();
        String tcpBase = "http://127.0.0.1:" + tcp.getLocalPort() + "/";
        InetSocketAddress u = udp.address();
        return sources().stream().filter(s -> kind(s) != Kind.OFFLINE)
                .map(s -> DynamicTest.dynamicTest(s.info().id(), () -> {
                    LookupContext ctx = switch (kind(s)) {
                        case HTTP, WEB -> context(s, settings(s, tcpBase), List.of());
                        case DNS -> context(s, settings(s, null), List.of("127.0.0.1:" + u.getPort()));
                        case WHOIS -> {
                            Map<String, String> m = settings(s, null);
                            m.put("servers", "whois.iana.org=127.0.0.1:" + tcp.getLocalPort());
                            m.put("server", "127.0.0.1:" + tcp.getLocalPort()); // bgptools
                            yield context(s, m, List.of());
                        }
                        case OFFLINE -> throw new AssertionError();
                    };
                    Indicator i = samples(s).get(0);
                    java.util.function.IntSupplier asked = kind(s) == Kind.DNS ? udp::received : held::size;
                    int before = asked.getAsInt();
                    AtomicReference<Object> ended = new AtomicReference<>();
                    Thread t = Thread.ofVirtual().start(() -> {
                        try {
                            ended.set(s.lookup(i, ctx));
                        } catch (InterruptedException e) {
                            ended.set(e);
                        } catch (RuntimeException e) {
                            ended.set(e);
                        }
                    });
                    // interrupt once the question is out and the source waits for the answer that never comes
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (asked.getAsInt() == before && t.isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertThat(asked.getAsInt()).as("%s asked the silent server", s.info().id()).isGreaterThan(before);
                    t.join(Duration.ofMillis(200));
                    assertThat(t.isAlive()).as("%s is still waiting on the silent server", s.info().id()).isTrue();
                    long t0 = System.nanoTime();
                    t.interrupt();
                    t.join(Duration.ofSeconds(1));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(t.isAlive()).as("%s ignored the interrupt for a second", s.info().id()).isFalse();
                    assertThat(ms).isLessThan(1000);
                    assertThat(ended.get()).as("%s ended by interruption, not an unexpected exception: %s",
                            s.info().id(), ended.get()).isNotInstanceOf(RuntimeException.class);
                    if (ended.get() instanceof LookupResult r) {
                        assertThat(r.outcome()).as("%s after an interrupt", s.info().id()).isNotIn(Outcome.OK);
                    }
                }))
                .onClose(() -> {
                    try {
                        tcp.close();
                    } catch (IOException ignored) {
                        // closing at the end
                    }
                    udp.close();
                });
    }

    private record Expect(Mode mode, ErrorClass errorClass) {}

    @TestFactory
    Stream<DynamicTest> mapsTheErrorTableToTypedClasses() {
        return sources().stream().filter(s -> kind(s) == Kind.HTTP)
                .map(s -> DynamicTest.dynamicTest(s.info().id(), () -> {
                    var table = s instanceof ServiceSource ss ? ss.errors()
                            : io.infrapivot.source.http.ErrorTable.STANDARD;
                    List<Expect> cases = List.of(new Expect(Mode.S401, table.ofStatus(401)),
                            new Expect(Mode.S403, table.ofStatus(403)),
                            new Expect(Mode.S429, ErrorClass.RATE_LIMITED),
                            new Expect(Mode.S500, ErrorClass.SERVER),
                            new Expect(Mode.HTML, ErrorClass.GARBAGE));
                    Indicator i = samples(s).get(0);
                    for (Expect e : cases) {
                        mode.set(e.mode());
                        LookupResult r = s.lookup(i, working(s));
                        assertThat(r.outcome()).as("%s %s: %s", s.info().id(), e.mode(), r.message())
                                .isEqualTo(Outcome.ERROR);
                        assertThat(r.errorClass()).as("%s %s: %s", s.info().id(), e.mode(), r.message())
                                .isEqualTo(e.errorClass());
                        assertThat(r.observations()).isEmpty();
                    }
                    mode.set(Mode.S404);
                    LookupResult r = s.lookup(i, working(s));
                    if (r.outcome() == Outcome.ERROR) {
                        assertThat(r.errorClass()).as("%s 404: %s", s.info().id(), r.message())
                                .isEqualTo(ErrorClass.NOT_FOUND);
                    } else {
                        // the service declares 404 as "nothing known" (RDAP: "not registered")
                        assertThat(r.outcome()).as("%s 404", s.info().id()).isIn(Outcome.EMPTY, Outcome.OK);
                    }
                }));
    }

    @Test
    void theWebSourceReadsErrorStatusesAndHtmlAsPages() throws Exception {
        Source web = SourceRegistry.builtIn().byId("web").orElseThrow();
        for (Mode m : List.of(Mode.S401, Mode.S404, Mode.S500, Mode.HTML)) {
            mode.set(m);
            LookupResult r = web.lookup(samples(web).get(0), working(web));
            assertThat(r.outcome()).as("web %s: %s", m, r.message()).isEqualTo(Outcome.OK);
            assertThat(r.observations()).anyMatch(o -> o.relation() == io.infrapivot.model.Relation.WEB_PAGE
                    && o.value().get("status").asInt() == switch (m) {
                        case S401 -> 401;
                        case S404 -> 404;
                        case S500 -> 500;
                        default -> 200;
                    });
        }
    }
}
