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
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
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

        /** The retry policy these options describe. */
        public RetryPolicy retryPolicy() {
            return new RetryPolicy(maxRetries, backoff, maxRetryAfter);
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
     * @param expectJson    reject an HTML page (2xx) with {@link HttpError.Kind#HTML_NOT_JSON}
     * @param errors        how the service's statuses read (which are retried follows from their class)
     * @param publicOnly    the URL came from an answer (an RDAP link): its host must be a public name that resolves
     *                      to public addresses only, and the connection must reach one
     */
    public record Get(String url, Map<String, String> headers, List<String> secretParams, boolean expectJson,
                      ErrorTable errors, boolean publicOnly) {
        public Get {
            headers = Map.copyOf(headers);
            secretParams = List.copyOf(secretParams);
            errors = errors == null ? ErrorTable.STANDARD : errors;
        }

        public Get(String url, Map<String, String> headers, List<String> secretParams, boolean expectJson,
                   ErrorTable errors) {
            this(url, headers, secretParams, expectJson, errors, false);
        }

        public Get(String url, Map<String, String> headers, List<String> secretParams, boolean expectJson) {
            this(url, headers, secretParams, expectJson, ErrorTable.STANDARD, false);
        }

        /** This request, for a URL read from an answer: only to a public host (see {@code publicOnly}). */
        public Get toPublicHostOnly() {
            return new Get(url, headers, secretParams, expectJson, errors, true);
        }

        public static Get json(String url) {
            return new Get(url, Map.of("Accept", "application/json"), List.of(), true);
        }
    }

    /** Asked before every retry (the first attempt is the caller's): null to go ahead, else why not. */
    @FunctionalInterface
    public interface Admission {
        Admission OPEN = () -> null;

        String next() throws InterruptedException;
    }

    /** Moves the server's Retry-After out of OkHttp's sight: OkHttp would retry a 503 itself, or fail to read it. */
    static final String RETRY_AFTER = "X-Infrapivot-Retry-After";

    private final OkHttpClient client;
    private final Options options;
    private final okhttp3.Dns dns;

    public HttpFetcher(Options options) {
        this(options, okhttp3.Dns.SYSTEM);
    }

    /** A fetcher resolving names with {@code dns} (tests: a name that resolves to an internal address). */
    HttpFetcher(Options options, okhttp3.Dns dns) {
        this.options = options;
        this.dns = dns;
        this.client = new OkHttpClient.Builder()
                .dns(dns)
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(HttpFetcher::guard)
                .build();
    }

    /** The network step every client of the HTTP sources installs (see {@link #guard}). */
    public static okhttp3.Interceptor networkGuard() {
        return HttpFetcher::guard;
    }

    /** Retry-After of an answer that went through {@link #networkGuard()}, capped; null when none. */
    public static Duration retryAfterOf(Response response) {
        return retryAfter(response.header(RETRY_AFTER));
    }

    /** A request to a host the tool did not choose (a redirect, a link): its connection must reach a public address. */
    private record Redirected(String host) {}

    /** Whether {@code host} resolves (with this fetcher's resolver) to public addresses only. */
    private boolean resolvesPublic(String host) {
        try {
            List<java.net.InetAddress> all = dns.lookup(host);
            return !all.isEmpty() && all.stream().allMatch(PublicHosts::isPublicAddress);
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    private HttpError notPublic(HttpUrl from, HttpUrl to, int status, byte[] body) {
        String shownHost = Safe.oneLine(Safe.truncate(to.host(), 80));
        return new HttpError(HttpError.Kind.REDIRECT_REFUSED, (from == null ? shownHost : host(from)
                + " redirected to " + shownHost) + "; not followed (" + shownHost
                + " is not a public host: an internal name or address)", status, null, body, null);
    }

    /**
     * Network step of every exchange: a redirect's target must be connected to a public address (the name was
     * checked before; this checks what it resolved to), and Retry-After is renamed so that only {@link RetryPolicy}
     * decides on retries (OkHttp reads it as an int and retries a 503 by itself).
     */
    private static Response guard(okhttp3.Interceptor.Chain chain) throws IOException {
        Redirected r = chain.request().tag(Redirected.class);
        if (r != null && chain.connection() != null) {
            java.net.InetAddress to = chain.connection().socket().getInetAddress();
            if (!PublicHosts.isPublicAddress(to)) {
                throw new RefusedAddress(r.host() + " resolved to a non-public address; redirect not followed");
            }
        }
        Response response = chain.proceed(chain.request());
        String ra = response.header("Retry-After");
        if (ra == null) return response;
        return response.newBuilder().removeHeader("Retry-After").header(RETRY_AFTER, Safe.truncate(ra, 64)).build();
    }

    /** A redirect whose name resolved to an internal address. */
    static final class RefusedAddress extends IOException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    public Options options() {
        return options;
    }

    /** {@link #get(Get, Admission)} with retries not gated. */
    public HttpAnswer get(Get get) throws HttpError, InterruptedException {
        return get(get, Admission.OPEN);
    }

    /**
     * Fetches one URL, retrying under the one {@link RetryPolicy} (retryable classes only: 5xx, 429, timeouts,
     * network errors), each retry first let through by {@code admission}. A status that is not retried comes
     * back as an {@link HttpAnswer} (a 404 is an answer: "no such object"); the caller reads it with its
     * {@link ErrorTable}.
     *
     * @throws HttpError            a timeout, a cut answer, a rate limit, exhausted retries, HTML for JSON, a retry
     *                              held back ({@link HttpError.Kind#HELD})
     * @throws InterruptedException when the thread is interrupted (the engine's timeout or Ctrl-C)
     */
    public HttpAnswer get(Get get, Admission admission) throws HttpError, InterruptedException {
        HttpUrl original = HttpUrl.parse(get.url());
        if (original == null) throw new HttpError(HttpError.Kind.NETWORK, "not an HTTP URL", 0, null, null, null);
        RetryPolicy policy = options.retryPolicy();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            if (Thread.interrupted()) throw new InterruptedException();
            if (attempt > 0) {
                String no = admission.next();
                if (no != null) {
                    throw new HttpError(HttpError.Kind.HELD, "retry of " + original.host() + " held back: " + no,
                            0, null, null, null);
                }
            }
            HttpError failure;
            try {
                Followed f = follow(original, get);
                Exchange ex = f.exchange;
                ErrorClass c = get.errors().ofStatus(ex.status, ex.retryAfter != null);
                if (c == null || !c.retryable()) {
                    HttpAnswer answer = new HttpAnswer(f.shown, ex.status, ex.contentType, ex.body, started,
                            Duration.ofNanos(System.nanoTime() - t0), ex.quota);
                    // an answer the caller reads (2xx, or 404 "no such object") must be JSON when JSON is expected
                    if (get.expectJson() && (c == null || c == ErrorClass.NOT_FOUND) && answer.looksLikeHtml()) {
                        throw new HttpError(HttpError.Kind.HTML_NOT_JSON, host(f.url) + " answered an HTML page (HTTP "
                                + ex.status + ") where JSON was expected", ex.status, null, ex.body, null);
                    }
                    return answer;
                }
                failure = c == ErrorClass.RATE_LIMITED
                        ? new HttpError(HttpError.Kind.RATE_LIMITED, host(f.url) + " rate-limited the request ("
                        + ex.status + (ex.retryAfter == null ? "" : ", retry after " + ex.retryAfter.toSeconds()
                        + " s") + ")", ex.status, ex.retryAfter, ex.body, null)
                        : new HttpError(HttpError.Kind.STATUS, host(f.url) + " answered HTTP " + ex.status
                        + " after " + (attempt + 1) + (attempt == 0 ? " attempt" : " attempts"), ex.status,
                        ex.retryAfter, ex.body, null);
            } catch (HttpError e) {
                failure = e;
            }
            Duration wait = policy.next(failure.errorClass(get.errors()), attempt, failure.retryAfter());
            if (wait == null) throw failure;
            sleep(wait);
        }
    }

    private record Followed(HttpUrl url, String shown, Exchange exchange) {}

    /** One attempt: the request and the redirects it is allowed to follow. */
    private Followed follow(HttpUrl original, Get get) throws HttpError, InterruptedException {
        HttpUrl url = original;
        String shown = redact(url, get.secretParams());
        if (get.publicOnly() && (!PublicHosts.isPublicName(url.host()) || !resolvesPublic(url.host()))) {
            throw notPublic(null, url, 0, null);
        }
        Request request = request(url, get.headers(), get.publicOnly() ? new Redirected(url.host()) : null);
        for (int redirects = 0; ; redirects++) {
            Exchange ex = once(request);
            if (ex.location == null || ex.status < 300 || ex.status >= 400) return new Followed(url, shown, ex);
            HttpUrl target = url.resolve(ex.location);
            if (target == null || redirects >= MAX_REDIRECTS || !redirectAllowed(original, target)) {
                throw new HttpError(HttpError.Kind.REDIRECT_REFUSED, host(url) + " redirected to "
                        + (target == null ? "an invalid URL" : Safe.oneLine(Safe.truncate(target.host(), 80)))
                        + "; not followed (" + (redirects >= MAX_REDIRECTS ? "too many redirects"
                        : "only https to a public host or the same server") + ")", ex.status, null, ex.body, null);
            }
            boolean sameServer = sameServer(original, target);
            if (!sameServer && !resolvesPublic(target.host())) throw notPublic(url, target, ex.status, ex.body);
            // keys travel in headers: they are never sent to another host
            request = request(target, sameServer ? get.headers() : acceptOnly(get.headers()),
                    sameServer && !get.publicOnly() ? null : new Redirected(target.host()));
            url = target;
            shown = sameServer ? redact(target, get.secretParams()) : target.toString();
        }
    }

    private static final int MAX_REDIRECTS = 5;

    private Request request(HttpUrl url, Map<String, String> headers, Redirected redirected) {
        Request.Builder rb = new Request.Builder().url(url).header("User-Agent", options.userAgent());
        headers.forEach(rb::header);
        if (redirected != null) rb.tag(Redirected.class, redirected);
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

    private Exchange once(Request request) throws HttpError, InterruptedException {
        Call call = client.newCall(request);
        try (Response r = call.execute()) {
            ResponseBody body = r.body();
            byte[] bytes = readCapped(body.byteStream(), host(request.url()));
            return new Exchange(r.code(), r.header("Content-Type"), bytes, retryAfter(r.header(RETRY_AFTER)),
                    r.header("Location"), HttpAnswer.quotaHeaders(r.headers()));
        } catch (HttpError e) {
            call.cancel();
            throw e;
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw new HttpError(HttpError.Kind.TIMEOUT, host(request.url()) + " timed out (connect "
                    + options.connectTimeout().toSeconds() + " s, read " + options.readTimeout().toSeconds()
                    + " s, whole call " + options.callTimeout().toSeconds() + " s)", 0, null, null, e);
        } catch (RefusedAddress e) {
            throw new HttpError(HttpError.Kind.REDIRECT_REFUSED, e.getMessage(), 0, null, null, e);
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

    /** The longest Retry-After read (a day); longer values are capped to it, never overflow. */
    static final Duration RETRY_AFTER_CAP = Duration.ofDays(1);

    /** Retry-After as seconds or an HTTP date, capped at {@link #RETRY_AFTER_CAP}; null when absent or unreadable. */
    static Duration retryAfter(String v) {
        if (v == null || v.isBlank()) return null;
        String t = v.strip();
        if (t.matches("[0-9]{1,1000}")) {
            // any number of digits: beyond the cap (2^31 s, 2^63 s, more) it is the cap
            String digits = t.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 12) return RETRY_AFTER_CAP;
            long seconds = Long.parseLong(digits);
            return seconds > RETRY_AFTER_CAP.toSeconds() ? RETRY_AFTER_CAP : Duration.ofSeconds(seconds);
        }
        try {
            Duration d = Duration.between(Instant.now(),
                    ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(d.toMillis());
    }

    private static String host(HttpUrl url) {
        return url.host();
    }
}
