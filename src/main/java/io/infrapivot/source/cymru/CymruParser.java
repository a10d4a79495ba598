package io.infrapivot.source.cymru;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Team Cymru's IP-to-ASN TXT answers (pipe-separated fields):
 * origin ({@code origin.asn.cymru.com}, {@code origin6.asn.cymru.com}):
 * {@code "ASN [ASN...] | prefix | CC | registry | allocated"}; AS description ({@code asn.cymru.com}):
 * {@code "ASN | CC | registry | allocated | AS name"}. Pure; fields are attacker-controlled and capped.
 */
public final class CymruParser {
    static final int MAX_FIELD = 256;

    private CymruParser() {}

    /**
     * One origin answer.
     *
     * @param asns      announcing AS numbers (several for multi-origin prefixes)
     * @param prefix    the announced prefix
     * @param country   ISO country code of the allocation, or empty
     * @param registry  arin, ripencc, apnic, lacnic, afrinic, or empty
     * @param allocated allocation date (YYYY-MM-DD), or empty
     */
    public record Origin(List<Long> asns, String prefix, String country, String registry, String allocated) {}

    /** One AS description answer. */
    public record AsInfo(long asn, String country, String registry, String allocated, String name) {}

    public static Optional<Origin> origin(String txt) {
        String[] f = fields(txt);
        if (f.length < 2) return Optional.empty();
        List<Long> asns = new ArrayList<>();
        for (String a : f[0].split("\\s+")) {
            Long n = asn(a);
            if (n != null) asns.add(n);
            if (asns.size() >= 32) break;
        }
        if (asns.isEmpty() || !f[1].matches("[0-9a-fA-F:.]+/\\d{1,3}")) return Optional.empty();
        return Optional.of(new Origin(asns, f[1], field(f, 2), field(f, 3), field(f, 4)));
    }

    public static Optional<AsInfo> asInfo(String txt) {
        String[] f = fields(txt);
        if (f.length < 2) return Optional.empty();
        Long n = asn(f[0]);
        if (n == null) return Optional.empty();
        return Optional.of(new AsInfo(n, field(f, 1), field(f, 2), field(f, 3), field(f, 4)));
    }

    /** A {@code YYYY-MM-DD} allocation date as the instant of that day's start (UTC), or null. */
    public static java.time.Instant date(String s) {
        if (s == null || !s.matches("\\d{4}-\\d{2}-\\d{2}")) return null;
        try {
            return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            System.getLogger(CymruParser.class.getName()).log(System.Logger.Level.DEBUG, "not a date: " + e.getMessage());
            return null;
        }
    }

    private static String[] fields(String txt) {
        String[] f = txt.split("\\|", 8);
        for (int i = 0; i < f.length; i++) f[i] = io.infrapivot.model.Safe.truncate(f[i].trim(), MAX_FIELD);
        return f;
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }

    private static Long asn(String s) {
        String t = s.trim();
        if (t.regionMatches(true, 0, "AS", 0, 2)) t = t.substring(2);
        if (!t.matches("\\d{1,10}")) return null;
        long n = Long.parseLong(t);
        return n <= 4294967295L ? n : null;
    }
}
