package io.infrapivot.source.dns;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tag=value; tag=value} syntax shared by DMARC (RFC 7489), BIMI, MTA-STS (RFC 8461) and
 * TLS-RPT (RFC 8460) TXT records. Tag names are lower-cased; the first occurrence of a tag wins.
 */
public final class TagList {
    private static final int MAX_TAGS = 64;

    private TagList() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            String k = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!k.isEmpty()) tags.putIfAbsent(k, part.substring(eq + 1).trim());
            if (tags.size() >= MAX_TAGS) break;
        }
        return tags;
    }

    /** The addresses of {@code mailto:} URIs in a comma-separated list ({@code !size} suffixes dropped). */
    public static java.util.List<String> mailtos(String uris) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (uris == null) return out;
        for (String u : uris.split(",")) {
            String t = u.trim();
            if (!t.regionMatches(true, 0, "mailto:", 0, 7)) continue;
            String addr = t.substring(7);
            int bang = addr.indexOf('!');
            if (bang >= 0) addr = addr.substring(0, bang);
            int q = addr.indexOf('?');
            if (q >= 0) addr = addr.substring(0, q);
            addr = java.net.URLDecoder.decode(addr.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            if (addr.indexOf('@') > 0 && addr.length() <= 254) out.add(addr.toLowerCase(Locale.ROOT));
            if (out.size() >= 16) break;
        }
        return out;
    }
}
