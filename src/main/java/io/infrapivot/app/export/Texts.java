package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Shared text helpers of the writers: XML-safe text, timestamps, the JSON mapper. */
final class Texts {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /**
     * Text that XML 1.0 can carry: characters it forbids (most C0 controls, unpaired surrogates, U+FFFE/FFFF)
     * become U+FFFD. The XML writer escapes markup; this keeps hostile bytes from making the file unreadable.
     */
    static String xml(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (b != null) b.append(c).append(s.charAt(i + 1));
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            if (b != null) b.append(ok ? c : '\uFFFD');
        }
        return b == null ? s : b.toString();
    }

    /** ISO-8601 UTC with milliseconds (STIX timestamps). */
    static String millis(Instant i) {
        return i == null ? null : MILLIS.format(i.truncatedTo(ChronoUnit.MILLIS));
    }

    /** ISO-8601 UTC to the second (GEXF dateTime, MISP). */
    static String seconds(Instant i) {
        return i == null ? null : SECONDS.format(i.truncatedTo(ChronoUnit.SECONDS));
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
