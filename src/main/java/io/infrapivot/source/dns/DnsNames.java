package io.infrapivot.source.dns;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Checks names before they are asked about, so bad input gets a clear error instead of a query. */
public final class DnsNames {
    private DnsNames() {}

    /**
     * Parses a host or domain name given by the user (ASCII/punycode, optionally with a trailing dot).
     * Labels of letters, digits, hyphens and underscores (for {@code _dmarc}, {@code _sip._tcp}), at most
     * 63 bytes each, 253 in all.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static Name parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty DNS name");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty()) throw new IllegalArgumentException("the root name '.' cannot be looked up here");
        if (t.length() > 253) {
            throw new IllegalArgumentException("DNS name longer than 253 characters (" + t.length() + ")");
        }
        for (String label : t.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("malformed DNS name '" + io.infrapivot.model.Safe.oneLine(
                        io.infrapivot.model.Safe.truncate(text, 80)) + "': empty label");
            }
            if (label.length() > 63) {
                throw new IllegalArgumentException("DNS label longer than 63 bytes (" + label.length() + "): '"
                        + io.infrapivot.model.Safe.truncate(label, 20) + "'");
            }
            if (!label.matches("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?") && !label.equals("*")) {
                throw new IllegalArgumentException("malformed DNS name '" + io.infrapivot.model.Safe.oneLine(
                        io.infrapivot.model.Safe.truncate(text, 80))
                        + "': labels hold letters, digits, '-' and '_' only (IDNs in punycode)");
            }
        }
        try {
            return Name.fromString(t, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("malformed DNS name: " + e.getMessage());
        }
    }

    /**
     * The name to ask for a question given as text: an IP address asked for PTR becomes its reverse name;
     * an IP address asked for anything else is an error (an address has no MX, NS or TXT records).
     */
    public static Name forQuestion(String text, int type) {
        if (text != null && looksLikeIp(text)) {
            if (type != org.xbill.DNS.Type.PTR) {
                throw new IllegalArgumentException("'" + text.trim() + "' is an IP address: it has no "
                        + org.xbill.DNS.Type.string(type) + " records (ask PTR for its names)");
            }
            inet.ipaddr.IPAddress ip = new inet.ipaddr.IPAddressString(text.trim()).getAddress();
            return org.xbill.DNS.ReverseMap.fromAddress(ip.withoutPrefixLength().toInetAddress());
        }
        return parse(text);
    }

    /** A name without its trailing dot, in lower case: how names are shown and turned into indicators. */
    public static String text(Name name) {
        String s = name.toString(true);
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether the text looks like an IP address (an MX, NS or TXT question about an IP is a user error). */
    public static boolean looksLikeIp(String text) {
        String t = text.trim();
        inet.ipaddr.IPAddress ip = new inet.ipaddr.IPAddressString(t).getAddress();
        return ip != null && !ip.isMultiple() && (t.indexOf(':') >= 0 || t.matches("[0-9.]+"));
    }
}
