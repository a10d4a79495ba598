package io.infrapivot.source.http;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which host names a link or referral read from an answer may point the tool at. Answers are attacker-controlled:
 * a redirect, an RDAP {@code related} link or a WHOIS referral must not turn the tool against the analyst's own
 * network, so only public host names qualify — judged on the normalised name (case, trailing dots, IDN,
 * surrounding brackets) and, where the tool connects, on the address the name resolved to.
 */
public final class PublicHosts {
    private PublicHosts() {}

    /**
     * The host as compared: lower case, without the root's trailing dot(s), IDN labels in ASCII, brackets of an IPv6
     * literal removed; null when it cannot be read.
     */
    public static String normalise(String host) {
        if (host == null) return null;
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.isEmpty()) return null;
        if (h.contains(":")) return h;
        try {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return h;
    }

    /**
     * A name with a dot that is not an IP literal (dotted, decimal, hex or IPv6), not localhost, not a .local /
     * .internal / .localhost / .home.arpa name — after {@link #normalise}, so {@code LOCALHOST.} is refused too.
     */
    public static boolean isPublicName(String host) {
        String h = normalise(host);
        if (h == null) return false;
        if (!h.contains(".") || h.contains(":") || h.contains("..")) return false;
        // dotted, decimal, octal or hex IPv4 spellings (127.1, 0x7f.0.0.1, 2130706433)
        if (h.matches("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+))*")) return false;
        return !h.equals("localhost") && !h.endsWith(".localhost") && !h.endsWith(".local")
                && !h.endsWith(".internal") && !h.endsWith(".home.arpa") && !h.endsWith(".lan")
                && !h.endsWith(".in-addr.arpa") && !h.endsWith(".ip6.arpa");
    }

    /** Whether the tool may connect to {@code address} on a link it did not choose: no loopback, private or local range. */
    public static boolean isPublicAddress(InetAddress address) {
        if (address == null) return false;
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            if (a0 == 0 || a0 >= 240) return false; // this network, reserved, broadcast
            if (a0 == 100 && (a1 & 0xc0) == 64) return false; // 100.64/10 shared address space
            if (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) return false; // 192.0.0/24 protocol assignments
            if (a0 == 198 && (a1 == 18 || a1 == 19)) return false; // benchmarking
            return true;
        }
        if (address instanceof Inet6Address) {
            int a0 = b[0] & 0xff;
            if ((a0 & 0xfe) == 0xfc) return false; // fc00::/7 unique local
            boolean mapped = true;
            for (int i = 0; i < 10; i++) if (b[i] != 0) mapped = false;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublicAddress(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A public name whose every address (system resolver) is public; false when it does not resolve. For links
     * followed by code that does not check the connected address itself.
     */
    public static boolean isPublicHost(String host) {
        if (!isPublicName(host)) return false;
        try {
            InetAddress[] all = InetAddress.getAllByName(normalise(host));
            if (all.length == 0) return false;
            for (InetAddress a : all) if (!isPublicAddress(a)) return false;
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
