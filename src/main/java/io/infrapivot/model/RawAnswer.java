package io.infrapivot.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The raw evidence of one exchange with a source: what was asked, what came back (bytes, as received),
 * status and timing. Requests must not contain credentials (sources redact them).
 *
 * @param source      source id
 * @param request     the request as text (URL without keys, DNS question, WHOIS query + server)
 * @param response    the answer's bytes (bounded by the source)
 * @param contentType media type or a short format name ("dns-wire", "whois-text")
 * @param status      protocol status (HTTP code, DNS rcode name, "ok"), free text
 * @param started     when the request was sent
 * @param elapsed     how long it took
 */
public record RawAnswer(String source, String request, byte[] response, String contentType, String status,
                        Instant started, Duration elapsed) {
    public RawAnswer {
        Objects.requireNonNull(source);
        Objects.requireNonNull(request);
        response = response == null ? new byte[0] : response;
        Objects.requireNonNull(started);
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }

    public static RawAnswer text(String source, String request, String response, String contentType, String status,
                                 Instant started, Duration elapsed) {
        return new RawAnswer(source, request, response.getBytes(StandardCharsets.UTF_8), contentType, status, started,
                elapsed);
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
