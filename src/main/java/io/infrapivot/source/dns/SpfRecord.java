package io.infrapivot.source.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SPF record (RFC 7208) split into its terms. Only syntax: following includes is {@link SpfWalker}'s job.
 *
 * @param terms the mechanisms and modifiers in order
 */
public record SpfRecord(List<Term> terms) {
    /** At most this many terms are read from one record. */
    static final int MAX_TERMS = 100;

    /**
     * One mechanism ({@code include:x}, {@code ip4:1.2.3.0/24}, {@code -all}) or modifier ({@code redirect=x}).
     *
     * @param qualifier '+', '-', '~' or '?' ('+' when not given; '=' marks a modifier)
     * @param name      the mechanism or modifier name in lower case
     * @param argument  the domain-spec or address after ':' or '=', without a CIDR suffix; null when none
     * @param cidr      the {@code /n} suffix (IPv4 for a/mx), or -1
     */
    public record Term(char qualifier, String name, String argument, int cidr) {
        public boolean isModifier() {
            return qualifier == '=';
        }

        /** Whether the argument holds macros ({@code %{i}}): it names no fixed host then. */
        public boolean hasMacro() {
            return argument != null && argument.contains("%");
        }

        /** Mechanisms and modifiers that cost a DNS lookup (RFC 7208 section 4.6.4). */
        public boolean countsLookup() {
            return switch (name) {
                case "include", "a", "mx", "ptr", "exists", "redirect" -> true;
                default -> false;
            };
        }
    }

    /** Whether the text is an SPF record at all ({@code v=spf1} followed by nothing or a space). */
    public static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /** Splits an SPF record; unknown or malformed terms are kept as they are (name in lower case). */
    public static SpfRecord parse(String txt) {
        if (!isSpf(txt)) throw new IllegalArgumentException("not an SPF record");
        List<Term> terms = new ArrayList<>();
        for (String raw : txt.substring(6).trim().split("\\s+")) {
            if (raw.isEmpty()) continue;
            if (terms.size() >= MAX_TERMS) break;
            terms.add(term(raw));
        }
        return new SpfRecord(terms);
    }

    private static Term term(String raw) {
        int eq = raw.indexOf('=');
        int colon = raw.indexOf(':');
        int slash = raw.indexOf('/');
        if (eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash)) {
            return new Term('=', raw.substring(0, eq).toLowerCase(Locale.ROOT), raw.substring(eq + 1), -1);
        }
        char q = '+';
        String t = raw;
        if ("+-~?".indexOf(t.charAt(0)) >= 0) {
            q = t.charAt(0);
            t = t.substring(1);
        }
        String name;
        String arg = null;
        int c = t.indexOf(':');
        int s = t.indexOf('/');
        if (c >= 0) {
            name = t.substring(0, c);
            arg = t.substring(c + 1);
        } else if (s >= 0) {
            name = t.substring(0, s);
            arg = t.substring(s);
        } else {
            name = t;
        }
        name = name.toLowerCase(Locale.ROOT);
        int cidr = -1;
        if (arg != null) {
            // ip4:net/24, ip6:net/48, a:host/24//64, mx/24: the first '/' starts the prefix length(s)
            int sl = arg.indexOf('/');
            if (sl >= 0) {
                cidr = parseLen(arg.substring(sl + 1).split("/", -1)[0]);
                arg = arg.substring(0, sl);
            }
            if (arg.isEmpty()) arg = null;
        }
        return new Term(q, name, arg, cidr);
    }

    private static int parseLen(String s) {
        try {
            int n = Integer.parseInt(s);
            return n >= 0 && n <= 128 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
