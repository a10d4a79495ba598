package io.infrapivot.source.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceSettings;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport tests every third-party source passes against a MockWebServer on loopback: its failure
 * shapes (401, 403, 429 with a long Retry-After, 5xx, an HTML page, truncated JSON, a 50 MB answer, a
 * stalled connection) each end as an error with a clear reason, and the key never shows in a message or in
 * the evidence. Subclasses add their success shapes and in-body errors.
 */
public abstract class ServiceTestBase {
    /** A key that must never appear anywhere but in the request's own auth header or parameter. */
    protected static final String KEY = "k3y-SeCrEt-0123456789abcdef";
    protected static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    protected MockWebServer server;
    private final Supplier<Source> factory;
    private final IndicatorType sampleType;
    private final String sampleText;
    private final String truncated;

    /**
     * @param factory    makes a fresh instance of the source under test
     * @param sampleType the type of an indicator it accepts (the error tests look it up)
     * @param sampleText that indicator's text
     * @param truncated  a body cut in the middle, shaped like this service's success answer
     */
    protected ServiceTestBase(Supplier<Source> factory, IndicatorType sampleType, String sampleText, String truncated) {
        this.factory = factory;
        this.sampleType = sampleType;
        this.sampleText = sampleText;
        this.truncated = truncated;
    }

    /** A fresh instance of the source under test. */
    protected Source source() {
        return factory.get();
    }

    /** An indicator it accepts (the error tests use it). */
    protected Indicator sample() {
        return ind(sampleType, sampleText);
    }

    /** The first {@code length} characters of a fixture (a body cut in transit); the whole file when negative. */
    protected static String cut(String fixture, int length) {
        String body = Fixtures.read(fixture);
        return length < 0 ? body : body.substring(0, length);
    }

    /** The key setting's value ({@link #KEY}, or {@code user:KEY} for basic-auth services); null for keyless. */
    protected String keySetting() {
        return KEY;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected static Indicator ind(IndicatorType type, String text) {
        return Indicator.of(type, text);
    }

    protected Map<String, String> settings() {
        Map<String, String> m = new HashMap<>();
        m.put("url", server.url("/").toString().replaceAll("/$", ""));
        m.put("timeout", "1s");
        m.put("retries", "0");
        if (keySetting() != null) m.put("key", keySetting());
        return m;
    }

    protected LookupResult lookup(Indicator indicator) throws InterruptedException {
        return lookup(indicator, settings(), RunOptions.defaults());
    }

    protected LookupResult lookup(Indicator indicator, Map<String, String> settings, RunOptions options)
            throws InterruptedException {
        return lookup(indicator, settings, options, io.infrapivot.source.RequestGate.OPEN);
    }

    protected LookupResult lookup(Indicator indicator, Map<String, String> settings, RunOptions options,
                                  io.infrapivot.source.RequestGate gate) throws InterruptedException {
        Source s = source();
        LookupContext ctx = new LookupContext(new SourceSettings(s.info().id(), settings), Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC), IndicatorParser.standard(), CaseView.EMPTY, options, gate);
        LookupResult r = s.lookup(indicator, ctx);
        assertNoKey(r);
        for (Observation o : r.observations()) {
            assertThat(s.info().produces()).as("declared relations").contains(o.relation());
        }
        return r;
    }

    protected static RunOptions cap(int max) {
        return new RunOptions(List.of(), false, null, null, max);
    }

    protected void enqueue(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body)
                .setHeader("Content-Type", "application/json").build());
    }

    protected void enqueueText(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body)
                .setHeader("Content-Type", "text/plain").build());
    }

    protected RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    protected static List<String> lines(LookupResult r) {
        return r.observations().stream()
                .map(o -> o.subject() + " " + o.relation() + " " + (o.object() == null ? o.value() : o.object()))
                .toList();
    }

    /** The key is nowhere in the message or the evidence (requests and bodies). */
    protected static void assertNoKey(LookupResult r) {
        if (r.message() != null) assertThat(r.message()).doesNotContain(KEY);
        for (RawAnswer a : r.evidence()) {
            assertThat(a.request()).doesNotContain(KEY);
            assertThat(new String(a.response(), StandardCharsets.UTF_8)).doesNotContain(KEY);
        }
    }

    protected static void assertError(LookupResult r, String... fragments) {
        assertThat(r.outcome()).as("outcome of %s", r.message()).isEqualTo(Outcome.ERROR);
        assertThat(r.observations()).isEmpty();
        for (String f : fragments) assertThat(r.message()).containsIgnoringCase(f);
    }

    @Test
    void unauthorizedIsAKeyError() throws Exception {
        enqueue(401, "{\"message\": \"bad key " + "\"}");
        assertError(lookup(sample()), "HTTP 401");
    }

    @Test
    void forbiddenIsAKeyError() throws Exception {
        enqueue(403, "{}");
        assertError(lookup(sample()), "key");
    }

    @Test
    void rateLimitWithLongRetryAfterIsAnError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").body("{}").build());
        assertError(lookup(sample()), "rate-limited", "retry after 3600");
    }

    @Test
    void serverErrorIsAnError() throws Exception {
        enqueue(502, "{}");
        assertError(lookup(sample()), "502");
    }

    @Test
    void htmlPageIsAnError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>x</body></html>").build());
        assertError(lookup(sample()), "HTML");
    }

    @Test
    void truncatedAnswerIsAnError() throws Exception {
        enqueue(200, truncated);
        assertError(lookup(sample()));
    }

    @Test
    void hugeAnswerIsCutAtTheCap() throws Exception {
        Buffer big = new Buffer();
        byte[] chunk = "[{\"x\":\"".concat("a".repeat(1 << 16)).getBytes(StandardCharsets.US_ASCII);
        while (big.size() < 50L << 20) big.write(chunk);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(big)
                .build());
        LookupResult r = lookup(sample());
        assertError(r, "cut at the cap");
        long kept = r.evidence().stream().mapToLong(a -> a.response().length).sum();
        assertThat(kept).isLessThanOrEqualTo(8L << 20);
    }

    @Test
    void stalledConnectionTimesOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("[" + " ".repeat(64) + "]").throttleBody(1, 5, TimeUnit.SECONDS).build());
        assertError(lookup(sample()), "timed out");
    }
}
