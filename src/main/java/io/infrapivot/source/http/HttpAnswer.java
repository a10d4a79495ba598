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
 */
public record HttpAnswer(String url, int status, String contentType, byte[] body, Instant started, Duration elapsed) {
    public HttpAnswer {
        body = body == null ? new byte[0] : body;
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
