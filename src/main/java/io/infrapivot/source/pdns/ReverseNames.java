package io.infrapivot.source.pdns;

import java.util.Locale;

/** Reads the address back out of a reverse-DNS owner name ({@code in-addr.arpa}, {@code ip6.arpa}). */
public final class ReverseNames {
    private ReverseNames() {}

    /** {@code 4.3.2.1.in-addr.arpa.} → {@code 1.2.3.4}; nibble {@code ip6.arpa} names → IPv6 text; else null. */
    public static String toIp(String owner) {
        if (owner == null) return null;
        String n = owner.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.endsWith(".in-addr.arpa")) {
            String[] p = n.substring(0, n.length() - ".in-addr.arpa".length()).split("\\.");
            if (p.length != 4) return null;
            for (String o : p) if (!o.matches("\\d{1,3}") || Integer.parseInt(o) > 255) return null;
            return p[3] + "." + p[2] + "." + p[1] + "." + p[0];
        }
        if (n.endsWith(".ip6.arpa")) {
            String[] p = n.substring(0, n.length() - ".ip6.arpa".length()).split("\\.");
            if (p.length != 32) return null;
            StringBuilder b = new StringBuilder();
            for (int i = 31; i >= 0; i--) {
                if (!p[i].matches("[0-9a-f]")) return null;
                b.append(p[i]);
                if (i % 4 == 0 && i > 0) b.append(':');
            }
            return b.toString();
        }
        return null;
    }
}
