package io.infrapivot.source.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One HTTP answer, its body read in full under the size cap.
 *
 * @param url         the URL asked, with secret query values replaced by {@code ****}
 * @param status      HTTP status
 * @param contentType the Content-Type header, or null
 * @param body        the body bytes
 * @param started     when the request was sent
 * @param elapsed     how long it took (all attempts)
 * @param quota       the service's quota and rate-limit headers (see {@link #quotaHeaders}), name to value
 */
public record HttpAnswer(String url, int status, String contentType, byte[] body, Instant started, Duration elapsed,
                         java.util.Map<String, String> quota) {
    public HttpAnswer {
        body = body == null ? new byte[0] : body;
        quota = quota == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(quota));
    }

    public HttpAnswer(String url, int status, String contentType, byte[] body, Instant started, Duration elapsed) {
        this(url, status, contentType, body, started, elapsed, java.util.Map.of());
    }

    /**
     * The headers in which services state quotas and rate limits ({@code X-RateLimit-Remaining},
     * {@code X-Api-Quota-Allowed}, {@code RateLimit-Reset}, {@code X-Quota-Used}, ...): names containing
     * "ratelimit", "rate-limit", "quota" or "remaining", at most 8, values cut to 64 characters.
     */
    public static java.util.Map<String, String> quotaHeaders(okhttp3.Headers headers) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String name : headers.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if ((n.contains("ratelimit") || n.contains("rate-limit") || n.contains("quota") || n.contains("remaining"))
                    && out.size() < 8) {
                out.put(n, io.infrapivot.model.Safe.oneLine(io.infrapivot.model.Safe.truncate(headers.get(name), 64)));
            }
        }
        return out;
    }

    /** The body as text in the declared charset (UTF-8 when none is declared). */
    public String text() {
        Charset cs = StandardCharsets.UTF_8;
        if (contentType != null) {
            try {
                okhttp3.MediaType mt = okhttp3.MediaType.parse(contentType);
                if (mt != null && mt.charset() != null) cs = mt.charset();
            } catch (RuntimeException ignored) {
                // unknown charset name: keep UTF-8
            }
        }
        return new String(body, cs);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Whether the answer is an HTML page (by Content-Type, or a body starting with {@code <}). */
    public boolean looksLikeHtml() {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) return true;
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            return b == '<';
        }
        return false;
    }
}
