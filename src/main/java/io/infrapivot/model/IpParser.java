package io.infrapivot.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses and networks. IPv4 is accepted in dotted-decimal only (four decimal octets, no leading
 * zeros); IPv6 in every textual form RFC 4291 allows, with the canonical text of RFC 5952. Parsing and
 * arithmetic are done by the IPAddress library; the strict IPv4 check is here so the reason is clear.
 */
final class IpParser {
    private static final Pattern V4_WITH_PORT = Pattern.compile("^([0-9.]+):(\\d+)$");
    private static final Pattern V6_BRACKETED = Pattern.compile("^\\[([^\\]]+)](?::(\\d+))?$");
    private static final Pattern V6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");
    private static final Pattern CIDR = Pattern.compile("^([^/]+)/(\\d{1,3})$");

    private IpParser() {}

    /** Text that should be read as an IP address (and fail as one if it is not). */
    static boolean looksLikeIp(String s) {
        if (s.matches("^[0-9.]+(:\\d+)?$") && s.contains(".")) return true;
        String core = s.startsWith("[") ? s.substring(1, Math.max(1, s.indexOf(']'))) : s;
        int pct = core.indexOf('%');
        if (pct >= 0) core = core.substring(0, pct);
        return core.indexOf(':') != core.lastIndexOf(':') && core.matches("^[0-9A-Za-z:.]+$");
    }

    static boolean looksLikeCidr(String s) {
        Matcher m = CIDR.matcher(s);
        return m.matches() && looksLikeIp(m.group(1));
    }

    /** An address with an optional port ({@code 1.2.3.4:8080}, {@code [2001:db8::1]:443}) and zone. */
    static ParsedIndicator ip(String text, List<String> notes) {
        String addr = text;
        Integer port = null;
        Matcher m4 = V4_WITH_PORT.matcher(text);
        Matcher m6 = V6_BRACKETED.matcher(text);
        if (m4.matches()) {
            addr = m4.group(1);
            port = port(m4.group(2));
        } else if (m6.matches()) {
            addr = m6.group(1);
            if (m6.group(2) != null) port = port(m6.group(2));
            if (!addr.contains(":")) throw new BadInput("not an IPv6 address in brackets: " + Safe.oneLine(addr));
        }
        IPAddress ip = address(addr, notes);
        return of(ip, port, notes);
    }

    static ParsedIndicator of(IPAddress ip, Integer port, List<String> notes) {
        IpRanges.Classification c = IpRanges.classify(ip);
        String canonical = canonical(ip);
        Details.Ip details = new Details.Ip(ip.isIPv4() ? 4 : 6, c.flags(), c.rangeName(), embeddedIpv4(ip, c.flags()),
                port);
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.IP, canonical), canonical, details, notes);
    }

    /** A bare address: dotted-decimal IPv4, or IPv6 (a zone id is dropped with a note). */
    static IPAddress address(String text, List<String> notes) {
        if (!text.contains(":")) return ipv4(text);
        String s = text;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
            notes.add("zone id dropped");
        }
        return ipv6(s);
    }

    static IPAddress ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw BadInput.of("not an IPv4 address: %d parts, an address has 4 (short forms like 1.2.3 are"
                    + " not accepted)", parts.length);
        }
        for (String p : parts) {
            if (p.isEmpty()) throw new BadInput("not an IPv4 address: empty octet");
            if (!p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadInput("not an IPv4 address: octet '" + Safe.oneLine(Safe.truncate(p, 20))
                        + "' is not a decimal number");
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                throw new BadInput("not an IPv4 address: octet " + p
                        + " has a leading zero (inet_aton would read it as octal)");
            }
            if (p.length() > 3 || Integer.parseInt(p) > 255) {
                throw new BadInput("not an IPv4 address: octet " + Safe.truncate(p, 12) + " out of range");
            }
        }
        return new IPAddressString(s).getAddress();
    }

    static IPAddress ipv6(String s) {
        if (!V6_CHARS.matcher(s).matches()) {
            throw new BadInput("not an IPv6 address: only hex digits, ':' and '.' may appear");
        }
        try {
            IPAddress a = new IPAddressString(s).toAddress();
            if (!a.isIPv6() || a.isPrefixed() || a.isMultiple()) throw new BadInput("not an IPv6 address");
            return a;
        } catch (AddressStringException e) {
            throw new BadInput("not an IPv6 address: " + e.getMessage());
        }
    }

    /** {@code 1.2.3.0/24}: host bits are cleared with a note. */
    static ParsedIndicator cidr(String text, List<String> notes) {
        Matcher m = CIDR.matcher(text);
        if (!m.matches()) throw new BadInput("not a network: expected address/prefix-length");
        String addrText = m.group(1);
        if (addrText.contains("%")) throw new BadInput("not a network: a zone id has no place in a network");
        IPAddress addr = addrText.contains(":") ? ipv6(addrText) : ipv4(addrText);
        int bits = addr.getBitCount();
        int len = Integer.parseInt(m.group(2));
        if (len > bits) throw BadInput.of("prefix length %d out of range (0-%d)", len, bits);
        IPAddress block = addr.toPrefixBlock(len);
        IPAddress network = block.getLower().withoutPrefixLength();
        boolean hostBits = !network.equals(addr.withoutPrefixLength());
        if (hostBits) notes.add("host bits cleared");
        String value = canonical(network) + "/" + len;
        IpRanges.Classification c = IpRanges.classify(block);
        String size = BigInteger.ONE.shiftLeft(bits - len).toString();
        Details.Cidr d = new Details.Cidr(addr.isIPv4() ? 4 : 6, canonical(network), len, size, hostBits, c.flags());
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.CIDR, value), value, d, notes);
    }

    /**
     * RFC 5952 text: lower case, longest zero run compressed; the IPv4-mapped and NAT64 well-known prefixes
     * in mixed notation as RFC 5952 section 5 recommends.
     */
    static String canonical(IPAddress ip) {
        if (ip.isIPv6()) {
            IPv6Address v6 = ip.toIPv6();
            byte[] b = v6.getBytes();
            String v4 = v4(b[12], b[13], b[14], b[15]);
            if (v6.isIPv4Mapped()) return "::ffff:" + v4;
            if (inNat64WellKnown(v6)) return "64:ff9b::" + v4;
        }
        return ip.toCanonicalString();
    }

    private static final IPAddress NAT64 = new IPAddressString("64:ff9b::/96").getAddress().toPrefixBlock();

    private static boolean inNat64WellKnown(IPv6Address v6) {
        return NAT64.contains(v6);
    }

    private static String embeddedIpv4(IPAddress ip, java.util.Set<String> flags) {
        if (!ip.isIPv6()) return null;
        byte[] b = ip.getBytes();
        if (flags.contains("ipv4-mapped") || (flags.contains("nat64") && inNat64WellKnown(ip.toIPv6()))) {
            return v4(b[12], b[13], b[14], b[15]);
        }
        if (flags.contains("6to4")) return v4(b[2], b[3], b[4], b[5]);
        if (flags.contains("teredo")) return v4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
        return null;
    }

    private static String v4(byte a, byte b, byte c, byte d) {
        return (a & 0xff) + "." + (b & 0xff) + "." + (c & 0xff) + "." + (d & 0xff);
    }

    static Integer port(String digits) {
        int p = digits.length() > 5 ? -1 : Integer.parseInt(digits);
        if (p < 1 || p > 65535) throw new BadInput("port " + Safe.truncate(digits, 12) + " out of range (1-65535)");
        return p;
    }

    /** The IPv4 address whose 32-bit value is {@code n}. */
    static String ipv4FromInteger(long n) {
        return ((n >>> 24) & 0xff) + "." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
    }
}
