package io.infrapivot.source.dns;

import io.infrapivot.model.Relation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Follows a CNAME chain to its end: through the CNAMEs of one answer, and by asking again when the answer
 * stops at a CNAME whose target lies elsewhere. Loops and over-long chains are detected and reported.
 *
 * @param aliases {@code alias-of} findings, one per link, in order
 * @param last    the answer holding the chain's end (its records of the asked type, or its outcome)
 * @param end     the chain's last name (the canonical name)
 * @param loop    the chain came back to a name already in it
 * @param chain   every name of the chain in order
 */
public record CnameChain(List<Finding> aliases, DnsAnswer last, Name end, boolean loop, List<String> chain) {
    /** Chains longer than this are cut (resolvers stop near here too). */
    public static final int MAX_LINKS = 16;

    public static CnameChain follow(Asker asker, Name name, int type) throws InterruptedException {
        List<Finding> aliases = new ArrayList<>();
        List<String> chain = new ArrayList<>(List.of(DnsNames.text(name)));
        Set<Name> visited = new HashSet<>(Set.of(name));
        Name cur = name;
        DnsAnswer answer = asker.ask(name, type);
        while (true) {
            // the chain is read from every answer that has one: an NXDOMAIN or NODATA answer carries the chain
            // too, its rcode being about the chain's last name (RFC 6604) — a dangling alias
            CNAMERecord link;
            while ((link = cnameAt(answer, cur)) != null) {
                Name target = link.getTarget();
                aliases.add(Finding.link(Ref.name(cur), Relation.ALIAS_OF, Ref.name(target),
                        Json.type("CNAME").put("ttl", link.getTTL()), answer));
                chain.add(DnsNames.text(target));
                if (!visited.add(target) || aliases.size() >= MAX_LINKS) {
                    return new CnameChain(aliases, answer, target, true, chain);
                }
                cur = target;
            }
            if (answer.status() != DnsStatus.ANSWER) break;
            if (hasOwnRecords(answer, cur, type) || cur.equals(answer.name())) break;
            answer = asker.ask(cur, type); // the chain leaves this answer: ask for its end
        }
        return new CnameChain(aliases, answer, cur, false, chain);
    }

    /**
     * Whether the chain ends at a name that does not exist (NXDOMAIN) or has no record of the asked type
     * (NODATA) after at least one alias: a dangling alias (a subdomain-takeover candidate when the end is gone).
     */
    public boolean dangling() {
        return !aliases.isEmpty() && !loop && (last.status() == DnsStatus.NXDOMAIN
                || last.status() == DnsStatus.NODATA || last.status() == DnsStatus.ANSWER && !endHasRecords());
    }

    private boolean endHasRecords() {
        return hasOwnRecords(last, end, last.type());
    }

    private static CNAMERecord cnameAt(DnsAnswer a, Name owner) {
        for (Record r : a.records(org.xbill.DNS.Type.CNAME)) {
            if (r.getName().equals(owner)) return (CNAMERecord) r;
        }
        return null;
    }

    private static boolean hasOwnRecords(DnsAnswer a, Name owner, int type) {
        for (Record r : a.records(type)) if (r.getName().equals(owner)) return true;
        return false;
    }
}
