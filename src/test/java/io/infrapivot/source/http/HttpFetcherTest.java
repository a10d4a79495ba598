package io.infrapivot.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {
    private MockWebServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        fetcher = new HttpFetcher(HttpFetcher.Options.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withRetries(2, Duration.ofMillis(10), Duration.ofSeconds(1))
                .withMaxBytes(1 << 20));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    @Test
    void okJsonAnswer() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json")
                .body("{\"a\":1}").build());
        HttpAnswer a = fetcher.get(HttpFetcher.Get.json(url("/x")));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).isEqualTo("{\"a\":1}");
        assertThat(a.ok()).isTrue();
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void notFoundIsAnAnswerNotAnError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/rdap+json")
                .body("{\"errorCode\":404,\"title\":\"Not Found\"}").build());
        HttpAnswer a = fetcher.get(HttpFetcher.Get.json(url("/domain/nope.example")));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.ok()).isFalse();
    }

    @Test
    void longRetryAfterIsReportedWithoutWaiting() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body("slow down")
                .build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
                    assertThat(e.getMessage()).contains("rate-limited").contains("3600 s");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void shortRetryAfterIsHonouredThenRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        assertThat(fetcher.get(HttpFetcher.Get.json(url("/x"))).status()).isEqualTo(200);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.STATUS);
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("after 3 attempts");
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void serverErrorThenSuccess() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
        assertThat(fetcher.get(HttpFetcher.Get.json(url("/x"))).text()).contains("ok");
    }

    @Test
    void htmlPageWhereJsonWasExpected() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html><html><body>Please log in</body></html>").build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.HTML_NOT_JSON);
                    assertThat(new String(e.partialBody())).contains("Please log in");
                });
    }

    @Test
    void htmlWithoutContentTypeIsDetectedByItsBody() {
        server.enqueue(new MockResponse.Builder().code(200).body("  \n<html>oops</html>").build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class,
                        e -> assertThat(e.kind()).isEqualTo(HttpError.Kind.HTML_NOT_JSON));
    }

    @Test
    void hugeAnswerIsCutAtTheCap() {
        Buffer big = new Buffer();
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 20; i++) big.write(chunk);
        server.enqueue(new MockResponse.Builder().code(200).body(big).build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.TOO_LARGE);
                    assertThat(e.partialBody()).hasSize(1 << 20);
                    assertThat(e.getMessage()).contains("cut at the cap");
                });
    }

    @Test
    void slowDripServerTimesOut() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"a\":\"" + "x".repeat(60) + "\"}")
                .throttleBody(1, 1, TimeUnit.SECONDS).build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("timed out");
                });
    }

    @Test
    void secretsNeverAppearInAnswersOrErrors() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        HttpFetcher.Get get = new HttpFetcher.Get(url("/q?ip=1.2.3.4&key=TOPSECRET"),
                Map.of("X-Key", "HEADERSECRET"), List.of("key"), true);
        HttpAnswer a = fetcher.get(get);
        assertThat(a.url()).contains("key=****").doesNotContain("TOPSECRET");
        var recorded = server.takeRequest();
        assertThat(recorded.getUrl().queryParameter("key")).isEqualTo("TOPSECRET");
        assertThat(recorded.getHeaders().get("X-Key")).isEqualTo("HEADERSECRET");

        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "999").build());
        assertThatThrownBy(() -> fetcher.get(get)).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("TOPSECRET").doesNotContain("HEADERSECRET"));
    }

    @Test
    void redirectOnTheSameServerIsFollowedWithItsHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/moved/x").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":1}").build());
        HttpFetcher.Get get = new HttpFetcher.Get(url("/x"), Map.of("Accept", "application/json", "X-Key", "K1"),
                List.of(), true);
        HttpAnswer a = fetcher.get(get);
        assertThat(a.text()).isEqualTo("{\"ok\":1}");
        assertThat(a.url()).endsWith("/moved/x");
        server.takeRequest();
        var second = server.takeRequest();
        assertThat(second.getTarget()).isEqualTo("/moved/x");
        assertThat(second.getHeaders().get("X-Key")).isEqualTo("K1");
    }

    @Test
    void redirectToAnInternalOrPlainHttpHostIsRefused() {
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "http://10.0.0.9/steal").build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.REDIRECT_REFUSED);
                    assertThat(e.getMessage()).contains("redirected to 10.0.0.9; not followed");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
        var from = okhttp3.HttpUrl.get("https://rdap.arin.net/registry/ip/1.1.1.1");
        assertThat(HttpFetcher.redirectAllowed(from, okhttp3.HttpUrl.get("https://rdap.apnic.net/ip/1.1.1.1")))
                .isTrue();
        assertThat(HttpFetcher.redirectAllowed(from, okhttp3.HttpUrl.get("http://rdap.apnic.net/ip/1.1.1.1")))
                .isFalse();
        assertThat(HttpFetcher.redirectAllowed(from, okhttp3.HttpUrl.get("https://localhost/ip/1.1.1.1")))
                .isFalse();
        assertThat(HttpFetcher.redirectAllowed(from, okhttp3.HttpUrl.get("https://192.168.1.1/x"))).isFalse();
    }

    @Test
    void redirectLoopStops() {
        for (int i = 0; i < 7; i++) {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/loop" + i).build());
        }
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class,
                        e -> assertThat(e.getMessage()).contains("too many redirects"));
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void retryAfterAsHttpDate() {
        assertThat(HttpFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(HttpFetcher.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpFetcher.retryAfter("soon")).isNull();
    }

    @Test
    void retryAfterBeyondTwoToTheThirtyOneSecondsIsCappedNotAnError() {
        assertThat(HttpFetcher.retryAfter("2147483648")).isEqualTo(HttpFetcher.RETRY_AFTER_CAP);
        assertThat(HttpFetcher.retryAfter("99999999999999999999999999999")).isEqualTo(HttpFetcher.RETRY_AFTER_CAP);
        assertThat(HttpFetcher.retryAfter("0009")).isEqualTo(Duration.ofSeconds(9));
        assertThat(HttpFetcher.retryAfter("-5")).isNull();
        for (String huge : List.of("2147483648", "99999999999999999999999999999")) {
            for (int code : List.of(429, 503)) {
                server.enqueue(new MockResponse.Builder().code(code).setHeader("Retry-After", huge).body("{}").build());
                assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x"))))
                        .as("%s with Retry-After %s", code, huge)
                        .isInstanceOfSatisfying(HttpError.class, e -> {
                            assertThat(e.kind()).isEqualTo(HttpError.Kind.RATE_LIMITED);
                            assertThat(e.retryAfter()).isEqualTo(HttpFetcher.RETRY_AFTER_CAP);
                            assertThat(e.getMessage()).doesNotContain("NumberFormat");
                        });
            }
        }
    }

    @Test
    void onlyThePolicyRetriesAndEachRetryPassesTheGate() throws Exception {
        // OkHttp would retry a 503 with Retry-After: 0 by itself, unseen by the gate
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":1}").build());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        HttpAnswer a = fetcher.get(HttpFetcher.Get.json(url("/x")), () -> {
            asked.incrementAndGet();
            return null;
        });
        assertThat(a.status()).isEqualTo(200);
        assertThat(asked).hasValue(1);
        assertThat(server.getRequestCount()).isEqualTo(2);

        server.enqueue(new MockResponse.Builder().code(500).body("{}").build());
        assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/y")), () -> "request budget spent"))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.HELD);
                    assertThat(e.errorClass()).isEqualTo(io.infrapivot.source.ErrorClass.HELD);
                });
        assertThat(server.getRequestCount()).as("the held retry was not sent").isEqualTo(3);
    }

    @Test
    void notRetryableStatusesAreAnswersAndAuthIsNotRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "text/html")
                .body("<html>login</html>").build());
        HttpAnswer a = fetcher.get(HttpFetcher.Get.json(url("/x")));
        assertThat(a.status()).as("a 401 HTML page is read by its status, not as garbage").isEqualTo(401);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void trailingDotLocalhostRedirectIsRefused() {
        for (String to : List.of("https://localhost./x", "https://LOCALHOST../x", "https://127.1/x",
                "https://0x7f.0.0.1/x", "https://foo.localhost./x")) {
            server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", to).build());
            assertThatThrownBy(() -> fetcher.get(HttpFetcher.Get.json(url("/x")))).as(to)
                    .isInstanceOfSatisfying(HttpError.class,
                            e -> assertThat(e.kind()).isEqualTo(HttpError.Kind.REDIRECT_REFUSED));
        }
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void aPublicNameThatResolvesToAnInternalAddressIsRefused() throws Exception {
        okhttp3.Dns rebinding = host -> host.equals("evil.example.com")
                ? List.of(InetAddress.getByName("127.0.0.1"))
                : okhttp3.Dns.SYSTEM.lookup(host);
        HttpFetcher f = new HttpFetcher(HttpFetcher.Options.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withRetries(2, Duration.ofMillis(10), Duration.ofSeconds(1)), rebinding);
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://evil.example.com/steal")
                .build());
        assertThatThrownBy(() -> f.get(HttpFetcher.Get.json(url("/x"))))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.kind()).isEqualTo(HttpError.Kind.REDIRECT_REFUSED);
                    assertThat(e.getMessage()).contains("evil.example.com").contains("not a public host");
                });
        // a link read from an answer (RDAP related): the same check before the first request
        assertThatThrownBy(() -> f.get(HttpFetcher.Get.json("https://evil.example.com/domain/x").toPublicHostOnly()))
                .isInstanceOfSatisfying(HttpError.class,
                        e -> assertThat(e.kind()).isEqualTo(HttpError.Kind.REDIRECT_REFUSED));
        assertThatThrownBy(() -> f.get(HttpFetcher.Get.json(url("/y")).toPublicHostOnly()))
                .as("a loopback literal").isInstanceOf(HttpError.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
