package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's defences over real HTTP on loopback, with raw requests (so Host and Origin can be forged as an
 * attacker's page or a rebinding name would send them).
 */
class WebServerSecurityTest {
    @TempDir
    Path dir;
    CaseRepository cases;
    WebServer server;

    @BeforeEach
    void setUp() {
        cases = new SqliteCaseRepository(dir.resolve("cases"));
        try (CaseStore s = cases.open("sec")) {
            s.addSeeds(List.of(Indicator.parse("example.com")));
        }
    }

    @AfterEach
    void tearDown() {
        if (server != null) server.close();
    }

    WebServer start(InetAddress bind) throws IOException {
        IndicatorParser parser = IndicatorParser.standard();
        Config config = Config.load(Map.of("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString()), dir.toString());
        Runs runs = new Runs(new Runs.Setup(new SourceRegistry(List.of()), config, parser, dir.resolve("data"),
                Clock.systemUTC(), List.of(), Duration.ofSeconds(5)));
        server = new WebServer(new WebServer.Options(bind, 0, Set.of("pivot.lan"), "sec", 40, 1000), cases, parser,
                runs).start();
        return server;
    }

    record Response(int status, String head, String body) {}

    Response send(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            return new Response(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : all.substring(split + 4));
        }
    }

    static String get(String path, String host, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + String.join("", headers) + "Connection: close\r\n\r\n";
    }

    static String post(String path, String host, String origin, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Test
    void servesThePageWithAStrictContentSecurityPolicy() throws Exception {
        start(InetAddress.getLoopbackAddress());
        Response r = send(get("/", "127.0.0.1:" + server.port()));
        assertThat(r.status()).isEqualTo(200);
        String csp = r.head().lines().filter(l -> l.toLowerCase().startsWith("content-security-policy:")).findFirst()
                .orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(r.head()).containsIgnoringCase("X-Content-Type-Options: nosniff");
        // no inline script, style or event handler in the page
        assertThat(r.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=");
        assertThat(send(get("/webjars/cytoscape.min.js", "localhost:" + server.port())).status()).isEqualTo(200);
        assertThat(send(get("/webjars/../../etc/passwd", "localhost")).status()).isEqualTo(404);
        assertThat(send(get("/static/../index.html", "localhost")).status()).isEqualTo(404);
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        start(InetAddress.getLoopbackAddress());
        assertThat(send(get("/api/graph", "evil.example:" + server.port())).status()).isEqualTo(403);
        assertThat(send(get("/", "attacker.test")).status()).isEqualTo(403);
        assertThat(send(get("/api/graph", "pivot.lan:" + server.port())).status()).isEqualTo(200);
    }

    @Test
    void aStateChangeNeedsPostAndOurOrigin() throws Exception {
        start(InetAddress.getLoopbackAddress());
        String host = "127.0.0.1:" + server.port();
        String body = "{\"name\":\"made\",\"seed\":\"example.org\"}";
        assertThat(send(post("/api/cases", host, "http://evil.example", body)).status()).isEqualTo(403);
        assertThat(send(post("/api/cases", host, null, body)).status()).isEqualTo(403);
        assertThat(send(get("/api/lookup", host)).status()).isEqualTo(405);
        assertThat(cases.list()).extracting(c -> c.name()).doesNotContain("made");
        Response ok = send(post("/api/cases", host, "http://" + host, body));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(cases.list()).extracting(c -> c.name()).contains("made");
        // a case name is never a path
        assertThat(send(post("/api/cases", host, "http://" + host, "{\"name\":\"../x\",\"seed\":\"example.org\"}"))
                .status()).isEqualTo(400);
        assertThat(send(get("/api/graph?case=%2Ftmp%2Fx", host)).status()).isEqualTo(400);
    }

    @Test
    void aNonLoopbackBindWantsTheTokenThenACookie() throws Exception {
        start(InetAddress.getByName("0.0.0.0"));
        String host = "127.0.0.1:" + server.port();
        assertThat(server.token()).isNotNull();
        assertThat(server.url()).contains("?token=" + server.token());
        assertThat(send(get("/", host)).status()).isEqualTo(401);
        assertThat(send(get("/api/graph", host)).status()).isEqualTo(401);
        assertThat(send(get("/api/graph", host, "Cookie: infrapivot_token=wrong\r\n")).status()).isEqualTo(401);
        Response first = send(get("/?token=" + server.token(), host));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.head().toLowerCase()).contains("set-cookie: infrapivot_token=" + server.token())
                .contains("httponly").contains("samesite=strict");
        assertThat(send(get("/api/graph", host, "Cookie: infrapivot_token=" + server.token() + "\r\n")).status())
                .isEqualTo(200);
        // the token does not lift the other checks
        assertThat(send(get("/api/graph?token=" + server.token(), "evil.example")).status()).isEqualTo(403);
    }

    @Test
    void aMountedHandlerSitsBehindTheSameGuard() throws Exception {
        start(InetAddress.getLoopbackAddress());
        server.mount("/run/", x -> {
            byte[] b = "mounted".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
        }, Guard.OriginPolicy.IF_PRESENT);
        String host = "127.0.0.1:" + server.port();
        assertThat(send(post("/run/x", host, null, "{}")).body()).isEqualTo("mounted");
        assertThat(send(post("/run/x", host, "http://evil.example", "{}")).status()).isEqualTo(403);
        assertThat(send(post("/run/x", "evil.example", null, "{}")).status()).isEqualTo(403);
    }
}
