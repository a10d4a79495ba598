package io.infrapivot.source.domaintools;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DomainTools' signed-request scheme: instead of sending the key, each request carries {@code api_username},
 * {@code timestamp} (ISO-8601, UTC, seconds) and {@code signature} = hex HMAC-SHA256 over
 * {@code username + timestamp + path} keyed with the API key. The key itself never leaves the machine.
 */
public final class DomainToolsSigner {
    private DomainToolsSigner() {}

    /** The query parameters (without a leading separator) that sign a request for {@code path}. */
    public static String params(String username, String key, String path, Instant now) {
        String ts = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return "api_username=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&timestamp=" + java.net.URLEncoder.encode(ts, StandardCharsets.UTF_8)
                + "&signature=" + signature(key, username + ts + path);
    }

    static String signature(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
