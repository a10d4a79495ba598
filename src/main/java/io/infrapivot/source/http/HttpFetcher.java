package io.infrapivot.source.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP helper every HTTP source uses (OkHttp underneath). One call, {@link #get}, does: connect, read and
 * whole-call timeouts; redirects followed only to the same server or over https to a public host name (headers,
 * where keys go, only to the same server); a response size cap enforced while streaming (the body is cut and
 * reported, never buffered whole); 429 and 503 honoured by their Retry-After when short enough, reported
 * otherwise; retries of 5xx and network failures with exponential backoff and jitter; HTML-instead-of-JSON
 * detection; and URLs with secret query parameters shown as {@code ****} in every message and answer. It logs
 * nothing. Thread-safe: share one instance per source.
 */
public final class HttpFetcher {
    /**
     * Settings of a fetcher.
     *
     * @param connectTimeout TCP+TLS connect timeout
     * @param readTimeout    longest silence while reading
     * @param callTimeout    the whole exchange, body included (stops slow-drip servers)
     * @param maxBytes       size cap of one answer's body
     * @param maxRetries     retries after the first attempt (5xx, network errors, short Retry-After)
     * @param backoff        first backoff; doubled per retry, with up to as much again of random jitter
     * @param maxRetryAfter  the longest Retry-After the helper will wait; longer ones are reported
     * @param userAgent      User-Agent header
     */
    public record Options(Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxBytes,
                          int maxRetries, Duration backoff, Duration maxRetryAfter, String userAgent) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(45), 8L << 20, 2,
                    Duration.ofMillis(500), Duration.ofSeconds(10), "infrapivot/0.1");
        }

        public Options withMaxBytes(long v) {
            return new Options(connectTimeout, readTimeout, callTimeout, v, maxRetries, backoff, maxRetryAfter,
                    userAgent);
        }

        public Options withTimeouts(Duration connect, Duration read, Duration call) {
            return new Options(connect, read, call, maxBytes, maxRetries, backoff, maxRetryAfter, userAgent);
        }

        public Options withRetries(int retries, Duration firstBackoff, Duration longestRetryAfter) {
            return new Options(connectTimeout, readTimeout, callTimeout, maxBytes, retries, firstBackoff,
                    longestRetryAfter, userAgent);
        }
    }

    /**
     * One GET request.
     *
     * @param url           the full URL (keys may be in it)
     * @param headers       extra headers (keys may be in them; they are never shown)
     * @param secretParams  query parameter names whose values are secrets (shown as ****)
     * @param expectJson    reject an HTML page with {@link HttpError.Kind#HTML_NOT_JSON}
     */
    public record Get(String url, Map<String, String> headers, List<String> secretParams, boolean expectJson) {
        public Get {
            headers = Map.copyOf(headers);
            secretParams = List.copyOf(secretParams);
        }

        public static Get json(String url) {
            return new Get(url, Map.of("Accept", "application/json"), List.of(), true);
        }
    }

    private final OkHttpClient client;
    private final Options options;

    public HttpFetcher(Options options) {
        this.options = options;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    public Options options() {
        return options;
    }

    /**
     * Fetches one URL. Every status except 429/503-with-long-Retry-After and exhausted 5xx comes back as an
     * {@link HttpAnswer} (a 404 is an answer: "no such object"); the caller decides what a status means.
     *
     * @throws HttpError            a timeout, a cut answer, a rate limit, exhausted retries, HTML for JSON
     * @throws InterruptedException when the thread is interrupted (the engine's timeout or Ctrl-C)
     */
    public HttpAnswer get(Get get) throws HttpError, InterruptedException {
        HttpUrl original = HttpUrl.parse(get.url());
        if (original == null) throw new HttpError(HttpError.Kind.NETWORK, "not an HTTP URL", 0, null, null, null);
        HttpUrl url = original;
        String shown = redact(url, get.secretParams());
        Request request = request(url, get.headers());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int redirects = 0;
        for (int attempt = 0; ; attempt++) {
            if (Thread.interrupted()) throw new InterruptedException();
            boolean last = attempt >= options.maxRetries();
            try {
                Exchange ex = once(request, shown);
                if (ex.location != null && ex.status >= 300 && ex.status < 400) {
                    HttpUrl target = url.resolve(ex.location);
                    if (target == null || redirects >= MAX_REDIRECTS || !redirectAllowed(original, target)) {
                        throw new HttpError(HttpError.Kind.REDIRECT_REFUSED, host(url) + " redirected to "
                                + (target == null ? "an invalid URL" : target.host()) + "; not followed ("
                                + (redirects >= MAX_REDIRECTS ? "too many redirects" : "only https to a public host"
                                + " or the same server") + ")", ex.status, null, ex.body, null);
                    }
                    boolean sameServer = sameServer(original, target);
                    // keys travel in headers: they are never sent to another host
                    request = request(target, sameServer ? get.headers() : acceptOnly(get.headers()));
                    url = target;
                    shown = sameServer ? redact(target, get.secretParams()) : target.toString();
                    redirects++;
                    attempt--;
                    continue;
                }
                if (ex.status == 429 || ex.status == 503 && ex.retryAfter != null) {
                    Duration wait = ex.retryAfter == null ? backoff(attempt) : ex.retryAfter;
                    if (last || wait.compareTo(options.maxRetryAfter()) > 0) {
                        throw new HttpError(HttpError.Kind.RATE_LIMITED, host(url) + " rate-limited the request ("
                                + ex.status + (ex.retryAfter == null ? "" : ", retry after " + ex.retryAfter.toSeconds()
                                + " s") + ")", ex.status, ex.retryAfter, ex.body, null);
                    }
                    sleep(wait);
                    continue;
                }
                if (ex.status >= 500 && !last) {
                    sleep(backoff(attempt));
                    continue;
                }
                if (ex.status >= 500) {
                    throw new HttpError(HttpError.Kind.STATUS, host(url) + " answered HTTP " + ex.status
                            + " after " + (attempt + 1) + " attempts", ex.status, null, ex.body, null);
                }
                HttpAnswer answer = new HttpAnswer(shown, ex.status, ex.contentType, ex.body, started,
                        Duration.ofNanos(System.nanoTime() - t0), ex.quota);
                if (get.expectJson() && answer.looksLikeHtml()) {
                    throw new HttpError(HttpError.Kind.HTML_NOT_JSON, host(url) + " answered an HTML page (HTTP "
                            + ex.status + ") where JSON was expected", ex.status, null, ex.body, null);
                }
                return answer;
            } catch (HttpError e) {
                if (e.kind() != HttpError.Kind.NETWORK || last) throw e;
                sleep(backoff(attempt));
            }
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private Request request(HttpUrl url, Map<String, String> headers) {
        Request.Builder rb = new Request.Builder().url(url).header("User-Agent", options.userAgent());
        headers.forEach(rb::header);
        return rb.build();
    }

    private static Map<String, String> acceptOnly(Map<String, String> headers) {
        return headers.containsKey("Accept") ? Map.of("Accept", headers.get("Accept")) : Map.of();
    }

    private static boolean sameServer(HttpUrl a, HttpUrl b) {
        return a.host().equals(b.host()) && a.port() == b.port();
    }

    /** A redirect is followed to the same server, or over https to a public host name. */
    static boolean redirectAllowed(HttpUrl original, HttpUrl target) {
        return sameServer(original, target) || target.isHttps() && PublicHosts.isPublicName(target.host());
    }

    /** The URL as shown in messages and evidence: secret query values replaced by {@code ****}. */
    public static String redact(HttpUrl url, List<String> secretParams) {
        HttpUrl.Builder b = url.newBuilder();
        for (String p : secretParams) {
            if (url.queryParameter(p) != null) b.setQueryParameter(p, "****");
        }
        return b.build().toString();
    }

    private record Exchange(int status, String contentType, byte[] body, Duration retryAfter, String location,
                            Map<String, String> quota) {}

    private Exchange once(Request request, String shown) throws HttpError, InterruptedException {
        Call call = client.newCall(request);
        try (Response r = call.execute()) {
            ResponseBody body = r.body();
            byte[] bytes = readCapped(body.byteStream(), host(request.url()));
            return new Exchange(r.code(), r.header("Content-Type"), bytes, retryAfter(r.header("Retry-After")),
                    r.header("Location"), HttpAnswer.quotaHeaders(r.headers()));
        } catch (HttpError e) {
            call.cancel();
            throw e;
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw new HttpError(HttpError.Kind.TIMEOUT, host(request.url()) + " timed out (connect "
                    + options.connectTimeout().toSeconds() + " s, read " + options.readTimeout().toSeconds()
                    + " s, whole call " + options.callTimeout().toSeconds() + " s)", 0, null, null, e);
        } catch (UnknownHostException e) {
            throw new HttpError(HttpError.Kind.NETWORK, "cannot resolve " + host(request.url()), 0, null, null, e);
        } catch (ConnectException e) {
            throw new HttpError(HttpError.Kind.NETWORK, "cannot connect to " + host(request.url()), 0, null, null,
                    e);
        } catch (IOException e) {
            throw new HttpError(HttpError.Kind.NETWORK, "network error talking to " + host(request.url()) + ": "
                    + e.getClass().getSimpleName(), 0, null, null, e);
        }
    }

    private byte[] readCapped(InputStream in, String host) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > options.maxBytes()) {
                out.write(buf, 0, (int) (options.maxBytes() - out.size()));
                throw new HttpError(HttpError.Kind.TOO_LARGE, host + " sent more than " + options.maxBytes()
                        + " bytes; the answer was cut at the cap", 0, null, out.toByteArray(), null);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String v) {
        if (v == null || v.isBlank()) return null;
        String t = v.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(t)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(),
                        ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = options.backoff().toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base + 1));
    }

    private static void sleep(Duration d) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(d.toMillis());
    }

    private static String host(HttpUrl url) {
        return url.host();
    }
}
