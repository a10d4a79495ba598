package io.infrapivot.source.whois;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Address ranges as the registries print them ("a - b", "a/len"), turned into start, end and CIDR blocks. */
public final class Ranges {
    /** A range: first and last address and the CIDR blocks that cover exactly it. */
    public record Range(String start, String end, List<String> cidrs) {}

    private Ranges() {}

    /** Reads "192.0.2.0 - 192.0.2.255", "192.0.2.0/24", "2001:db8::/32" or LACNIC's "200.160/20"; null if none. */
    public static Range parse(String text) {
        if (text == null) return null;
        String t = text.strip();
        try {
            if (t.contains(" - ") || t.matches("[0-9a-fA-F:.]+-[0-9a-fA-F:.]+")) {
                String[] p = t.split("\\s*-\\s*", 2);
                return span(p[0].strip(), p[1].strip());
            }
            IPAddress block = new IPAddressString(lacnicPadded(t)).toAddress();
            if (!block.isPrefixed()) return new Range(block.toCanonicalString(), block.toCanonicalString(),
                    List.of(block.toPrefixBlock().toCanonicalString()));
            IPAddress net = block.toPrefixBlock();
            return new Range(net.getLower().withoutPrefixLength().toCanonicalString(),
                    net.getUpper().withoutPrefixLength().toCanonicalString(), List.of(net.toCanonicalString()));
        } catch (Exception e) {
            return null;
        }
    }

    /** The range from two addresses, with its CIDR blocks. */
    public static Range span(String start, String end) {
        try {
            IPAddress a = new IPAddressString(start).toAddress();
            IPAddress b = new IPAddressString(end).toAddress();
            List<String> cidrs = new ArrayList<>();
            Arrays.stream(a.spanWithPrefixBlocks(b)).limit(64).forEach(x -> cidrs.add(x.toCanonicalString()));
            return new Range(a.toCanonicalString(), b.toCanonicalString(), cidrs);
        } catch (Exception e) {
            return null;
        }
    }

    /** LACNIC abbreviates IPv4 networks ("200.160/20"): pads the missing octets with zeros. */
    private static String lacnicPadded(String t) {
        int slash = t.indexOf('/');
        if (slash < 0 || t.contains(":")) return t;
        String addr = t.substring(0, slash);
        long dots = addr.chars().filter(c -> c == '.').count();
        StringBuilder s = new StringBuilder(addr);
        for (long i = dots; i < 3; i++) s.append(".0");
        return s + t.substring(slash);
    }
}
