package io.infrapivot.source.pdns;

import java.time.Instant;
import java.util.Locale;

/**
 * One passive-DNS record as a service reports it, before any indicator is built: the owner name, the
 * record type, one rdata value, and the service's own first/last seen and count. Every field is
 * attacker-controlled text; {@link PdnsMapper} turns it into indicators through the parser.
 *
 * @param rrname    owner name (trailing dot allowed)
 * @param rrtype    record type, upper case ("A", "AAAA", "CNAME", "NS", "MX", "PTR", ...), or null when unknown
 * @param rdata     one rdata value in presentation form
 * @param firstSeen when the service first saw it, or null
 * @param lastSeen  when the service last saw it, or null
 * @param count     how often the service saw it, or null
 */
public record PdnsRecord(String rrname, String rrtype, String rdata, Instant firstSeen, Instant lastSeen, Long count) {
    public PdnsRecord {
        rrtype = rrtype == null ? null : rrtype.strip().toUpperCase(Locale.ROOT);
    }

    /** A name-to-address record (type A or AAAA picked from the address's form). */
    public static PdnsRecord address(String name, String ip, Instant first, Instant last, Long count) {
        return new PdnsRecord(name, ip != null && ip.contains(":") ? "AAAA" : "A", ip, first, last, count);
    }
}
