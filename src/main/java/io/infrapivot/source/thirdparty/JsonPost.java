package io.infrapivot.source.thirdparty;

import io.infrapivot.source.http.HttpAnswer;
import io.infrapivot.source.http.HttpError;
import io.infrapivot.source.http.HttpFetcher;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * POST of a JSON body, for the few search APIs that take no GET (WhoisXML Reverse WHOIS, SecurityTrails domain
 * search). The shared {@link HttpFetcher} has GET only; this keeps its guarantees for one POST — the same
 * timeouts, the size cap checked before the body is read whole, HTML-for-JSON refused, 429 reported — and
 * never retries (a search is billed per request). Keys travel in headers only, never in the body.
 */
final class JsonPost {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpFetcher.Options options;

    JsonPost(HttpFetcher.Options options) {
        this.options = options;
        this.client = new OkHttpClient.Builder().connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout()).callTimeout(options.callTimeout())
                .followRedirects(false).retryOnConnectionFailure(false)
                .addNetworkInterceptor(HttpFetcher.networkGuard()).build();
    }

    HttpAnswer post(String url, Map<String, String> headers, String json) throws HttpError, InterruptedException {
        return post(url, headers, json, JSON);
    }

    /** A POST of {@code body} as {@code type} (an HTML form, {@code application/x-www-form-urlencoded}, for one API). */
    HttpAnswer post(String url, Map<String, String> headers, String body, MediaType type)
            throws HttpError, InterruptedException {
        Request.Builder rb = new Request.Builder().url(url).header("User-Agent", options.userAgent())
                .post(RequestBody.create(body, type));
        headers.forEach(rb::header);
        Request request = rb.build();
        String shown = HttpFetcher.redact(request.url(), List.of());
        String host = request.url().host();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (Response r = client.newCall(request).execute()) {
            BufferedSource src = r.body().source();
            if (src.request(options.maxBytes() + 1)) {
                throw new HttpError(HttpError.Kind.TOO_LARGE, host + " sent more than " + options.maxBytes()
                        + " bytes; the answer was cut at the cap", r.code(), null,
                        src.getBuffer().readByteArray(options.maxBytes()), null);
            }
            HttpAnswer a = new HttpAnswer(shown, r.code(), r.header("Content-Type"), src.readByteArray(), started,
                    Duration.ofNanos(System.nanoTime() - t0), HttpAnswer.quotaHeaders(r.headers()));
            Duration retryAfter = HttpFetcher.retryAfterOf(r);
            if (r.code() == 429 || r.code() == 503 && retryAfter != null) {
                throw new HttpError(HttpError.Kind.RATE_LIMITED, host + " rate-limited the request (" + r.code()
                        + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s") + ")", r.code(),
                        retryAfter, a.body(), null);
            }
            if (a.ok() && a.looksLikeHtml()) {
                throw new HttpError(HttpError.Kind.HTML_NOT_JSON, host + " answered an HTML page (HTTP " + r.code()
                        + ") where JSON was expected", r.code(), null, a.body(), null);
            }
            return a;
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw new HttpError(HttpError.Kind.TIMEOUT, host + " timed out", 0, null, null, e);
        } catch (HttpError e) {
            throw e;
        } catch (IOException e) {
            throw new HttpError(HttpError.Kind.NETWORK, "network error talking to " + host + ": "
                    + e.getClass().getSimpleName(), 0, null, null, e);
        }
    }
}
