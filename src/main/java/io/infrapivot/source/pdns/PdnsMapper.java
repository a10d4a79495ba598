package io.infrapivot.source.pdns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.model.Safe;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns passive-DNS records into observations, the same way for every service:
 * <ul>
 *   <li>A/AAAA: {@code name —resolves-to→ ip}; when the lookup was of an IP or a network (a reverse lookup)
 *       {@code ip —co-hosted→ name} instead;</li>
 *   <li>CNAME: {@code name —alias-of→ target}; NS: {@code name —name-server→ ns}, or
 *       {@code ns —co-hosted→ name} when the lookup was of that name server; MX: {@code name —mail-server→ host}
 *       (the preference dropped); PTR: {@code ip —ptr→ host} (the owner name read back from in-addr.arpa);</li>
 *   <li>other types (SOA, TXT, ...): a {@code dns-record} attribute {@code {"type":..,"data":..}} (data cut at 512
 *       characters);</li>
 *   <li>names strictly below a looked-up domain also give {@code domain —subdomain→ name}.</li>
 * </ul>
 * Each fact carries the service's first seen, last seen and count. Records whose values the parser rejects are
 * left out.
 */
public final class PdnsMapper {
    /** Every relation this mapper may produce (what a passive-DNS source declares). */
    public static final Set<Relation> RELATIONS = Set.of(Relation.RESOLVES_TO, Relation.CO_HOSTED, Relation.ALIAS_OF,
            Relation.NAME_SERVER, Relation.MAIL_SERVER, Relation.PTR, Relation.SUBDOMAIN, Relation.DNS_RECORD);

    private PdnsMapper() {}

    public static void map(Indicator queried, List<PdnsRecord> records, Facts facts) {
        for (PdnsRecord r : records) one(queried, r, facts);
    }

    /** Names a service lists for an IP (reverse IP without times): {@code ip —co-hosted→ name}. */
    public static void coHosted(Indicator queried, List<String> names, Facts facts) {
        for (String n : names) facts.name(n).ifPresent(name -> facts.link(queried, Relation.CO_HOSTED, name, null,
                null, null, null));
    }

    /** Names a service lists below a domain: {@code domain —subdomain→ name} (names not below it are left out). */
    public static void subdomains(Indicator domain, List<String> names, Facts facts) {
        for (String n : names) {
            facts.name(n).filter(name -> Facts.below(name, domain))
                    .ifPresent(name -> facts.link(domain, Relation.SUBDOMAIN, name, null, null, null, null));
        }
    }

    /**
     * The records inside the run's date window, at most {@code max} of them; the ones outside are counted in
     * {@code facts}.
     */
    public static List<PdnsRecord> window(List<PdnsRecord> records, Facts facts, int max) {
        List<PdnsRecord> in = records.stream().filter(r -> facts.inWindow(r.lastSeen())).toList();
        facts.leftOut(records.size() - in.size());
        return in.size() > max ? in.subList(0, max) : in;
    }

    private static void one(Indicator queried, PdnsRecord r, Facts facts) {
        String type = r.rrtype() == null ? guessType(r.rdata()) : r.rrtype();
        boolean reverse = queried.type() == IndicatorType.IP || queried.type() == IndicatorType.CIDR;
        if (type.equals("PTR")) {
            ptr(r, facts);
            return;
        }
        Optional<Indicator> owner = facts.name(r.rrname());
        if (owner.isEmpty()) return;
        Indicator name = owner.get();
        if (!reverse && queried.type() == IndicatorType.DOMAIN && Facts.below(name, queried)) {
            facts.link(queried, Relation.SUBDOMAIN, name, null, r.firstSeen(), r.lastSeen(), null);
        }
        switch (type) {
            case "A", "AAAA" -> facts.ip(r.rdata()).ifPresent(ip -> {
                if (reverse) facts.link(ip, Relation.CO_HOSTED, name, null, r.firstSeen(), r.lastSeen(), r.count());
                else facts.link(name, Relation.RESOLVES_TO, ip, null, r.firstSeen(), r.lastSeen(), r.count());
            });
            case "CNAME" -> facts.name(r.rdata()).ifPresent(target ->
                    facts.link(name, Relation.ALIAS_OF, target, null, r.firstSeen(), r.lastSeen(), r.count()));
            case "NS" -> facts.name(r.rdata()).ifPresent(ns -> {
                if (ns.equals(queried)) {
                    facts.link(ns, Relation.CO_HOSTED, name, null, r.firstSeen(), r.lastSeen(), r.count());
                } else {
                    facts.link(name, Relation.NAME_SERVER, ns, null, r.firstSeen(), r.lastSeen(), r.count());
                }
            });
            case "MX" -> facts.name(mxHost(r.rdata())).ifPresent(mx ->
                    facts.link(name, Relation.MAIL_SERVER, mx, null, r.firstSeen(), r.lastSeen(), r.count()));
            default -> {
                ObjectNode v = Json.object().put("type", type).put("data", Safe.truncate(r.rdata(), 512));
                facts.attribute(name, Relation.DNS_RECORD, v, r.firstSeen(), r.lastSeen());
            }
        }
    }

    private static void ptr(PdnsRecord r, Facts facts) {
        String ip = ReverseNames.toIp(r.rrname());
        if (ip == null) return;
        facts.ip(ip).ifPresent(addr -> facts.name(r.rdata()).ifPresent(host ->
                facts.link(addr, Relation.PTR, host, null, r.firstSeen(), r.lastSeen(), r.count())));
    }

    private static String guessType(String rdata) {
        if (rdata == null) return "UNKNOWN";
        if (rdata.matches("[0-9.]+")) return "A";
        return rdata.contains(":") && rdata.matches("[0-9a-fA-F:.]+") ? "AAAA" : "UNKNOWN";
    }

    /** {@code "10 mail.example.com."} → {@code mail.example.com.}. */
    static String mxHost(String rdata) {
        String t = rdata.strip();
        int sp = t.indexOf(' ');
        return sp > 0 && t.substring(0, sp).chars().allMatch(Character::isDigit) ? t.substring(sp + 1).strip() : t;
    }
}
