package io.infrapivot.source.dnsbl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A DNS blocklist and how to read its answers. Known lists have their documented return codes (see
 * docs/dns.md); any other zone reads every 127.0.0.0/8 answer as "listed".
 *
 * @param zone    the list's zone, e.g. {@code zen.spamhaus.org}
 * @param name    a short name for values and messages
 * @param forIps  an IP list (reversed addresses) rather than a domain list
 * @param codes   exact answer → meaning (listings)
 * @param errors  exact answer → meaning (errors: never listings)
 * @param bitmask bit → meaning for lists that combine sublists in the last octet (SURBL, URIBL), or empty
 */
public record Blocklist(String zone, String name, boolean forIps, Map<String, String> codes,
                        Map<String, String> errors, Map<Integer, String> bitmask) {

    /** The reading of one list's answer. */
    public record Reading(List<String> codes, List<String> meanings, List<String> errors) {
        public boolean listed() {
            return !meanings.isEmpty();
        }
    }

    private static final Map<String, String> SPAMHAUS_ERRORS = Map.of(
            "127.255.255.252", "typing error in the DNSBL name",
            "127.255.255.254", "query through a public or open resolver (Spamhaus refuses those)",
            "127.255.255.255", "excessive number of queries (over the free-use limit)");

    public static final Blocklist ZEN = new Blocklist("zen.spamhaus.org", "spamhaus-zen", true, Map.of(
            "127.0.0.2", "SBL: Spamhaus SBL data (spam source or operation)",
            "127.0.0.3", "SBL CSS: Spamhaus CSS data (snowshoe / low-reputation sender)",
            "127.0.0.4", "XBL: exploited host (CBL data: botnet, proxy, malware)",
            "127.0.0.5", "XBL: exploited host",
            "127.0.0.6", "XBL: exploited host",
            "127.0.0.7", "XBL: exploited host",
            "127.0.0.9", "SBL DROP: Spamhaus DROP/EDROP data (hijacked or criminal netblock)",
            "127.0.0.10", "PBL: ISP-maintained policy block (end-user range, should not send mail)",
            "127.0.0.11", "PBL: Spamhaus-maintained policy block (end-user range)"), SPAMHAUS_ERRORS, Map.of());

    public static final Blocklist SPAMCOP = new Blocklist("bl.spamcop.net", "spamcop", true,
            Map.of("127.0.0.2", "SpamCop: reported spam source"), Map.of(), Map.of());

    public static final Blocklist BARRACUDA = new Blocklist("b.barracudacentral.org", "barracuda", true,
            Map.of("127.0.0.2", "Barracuda BRBL: poor-reputation sender"), Map.of(), Map.of());

    public static final Blocklist DBL = new Blocklist("dbl.spamhaus.org", "spamhaus-dbl", false, Map.of(
            "127.0.1.2", "DBL: spam domain",
            "127.0.1.4", "DBL: phishing domain",
            "127.0.1.5", "DBL: malware domain",
            "127.0.1.6", "DBL: botnet C&C domain",
            "127.0.1.102", "DBL: abused legit domain (spam)",
            "127.0.1.103", "DBL: abused legit spammed redirector domain",
            "127.0.1.104", "DBL: abused legit domain (phishing)",
            "127.0.1.105", "DBL: abused legit domain (malware)",
            "127.0.1.106", "DBL: abused legit domain (botnet C&C)"), withIpRefusal(), Map.of());

    // multi.surbl.org: the last octet is a bitmask of the sublists (8 PH, 16 MW, 64 ABUSE, 128 CR); bit 1 is no
    // list but a refused query (too many queries, often through a public resolver), which SpamAssassin and
    // Rspamd report as SURBL_BLOCKED — the same convention URIBL documents on uribl.com/refused.shtml
    public static final Blocklist SURBL = new Blocklist("multi.surbl.org", "surbl", false, Map.of(),
            Map.of("127.0.0.1", "access blocked by SURBL (query refused)"), Map.of(
            8, "SURBL PH: phishing", 16, "SURBL MW: malware", 64, "SURBL ABUSE: spam and abuse",
            128, "SURBL CR: cracked (compromised) site"));

    public static final Blocklist URIBL = new Blocklist("multi.uribl.com", "uribl", false, Map.of(),
            Map.of("127.0.0.1", "query refused by URIBL (public resolver or over the free limit)"), Map.of(
            2, "URIBL black: spam domain", 4, "URIBL grey: bulk-mail domain", 8, "URIBL red: newly seen in spam"));

    public static final List<Blocklist> KNOWN = List.of(ZEN, SPAMCOP, BARRACUDA, DBL, SURBL, URIBL);

    private static Map<String, String> withIpRefusal() {
        Map<String, String> m = new java.util.HashMap<>(SPAMHAUS_ERRORS);
        m.put("127.0.1.255", "IP address given to a domain list (DBL refuses it)");
        return Map.copyOf(m);
    }

    /** The known list with this zone, or a generic one ("listed" for every 127/8 answer). */
    public static Blocklist forZone(String zone, boolean forIps) {
        String z = zone.trim().toLowerCase(java.util.Locale.ROOT);
        for (Blocklist b : KNOWN) if (b.zone.equals(z)) return b;
        return new Blocklist(z, z, forIps, Map.of(), Map.of(), Map.of());
    }

    /** Reads the A records of a listing answer: meanings for listings, errors for error codes. */
    public Reading read(List<String> addresses) {
        List<String> codes = new ArrayList<>();
        List<String> meanings = new ArrayList<>();
        List<String> errs = new ArrayList<>();
        for (String a : addresses) {
            codes.add(a);
            if (errors.containsKey(a)) {
                errs.add(errors.get(a) + " (" + a + ")");
            } else if (!a.startsWith("127.")) {
                errs.add("not a blocklist answer (" + a + "): a resolver that rewrites NXDOMAIN?");
            } else if (codes().containsKey(a)) {
                meanings.add(codes().get(a));
            } else if (!bitmask.isEmpty()) {
                int last = Integer.parseInt(a.substring(a.lastIndexOf('.') + 1));
                List<String> bits = new ArrayList<>();
                bitmask.forEach((bit, meaning) -> {
                    if ((last & bit) != 0) bits.add(meaning);
                });
                bits.sort(null);
                if (bits.isEmpty()) errs.add("unknown " + name + " code " + a);
                meanings.addAll(bits);
            } else if (codes().isEmpty()) {
                meanings.add("listed on " + zone + " (" + a + ")");
            } else {
                meanings.add("listed on " + zone + " with undocumented code " + a);
            }
        }
        return new Reading(codes, meanings, errs);
    }
}
