package io.infrapivot.source.dns;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What a zone answers for names that do not exist (a {@code *} record), learnt by asking about random
 * labels. Answers equal to the wildcard's are marked, not pivoted on.
 *
 * @param zone    the name under which random labels were asked
 * @param answers per record type, the wildcard's record data (empty when there is no wildcard)
 */
public record Wildcard(Name zone, Map<Integer, Set<String>> answers) {
    public static Wildcard none(Name zone) {
        return new Wildcard(zone, Map.of());
    }

    public boolean present() {
        return answers.values().stream().anyMatch(s -> !s.isEmpty());
    }

    /** Builds from the answers to random-label questions under {@code zone}. */
    public static Wildcard of(Name zone, List<DnsAnswer> probes) {
        Map<Integer, Set<String>> m = new HashMap<>();
        for (DnsAnswer a : probes) {
            if (a.status() != DnsStatus.ANSWER) continue;
            for (Record r : a.records()) m.computeIfAbsent(r.getType(), k -> new HashSet<>()).add(r.rdataToString());
            for (Record r : a.records(org.xbill.DNS.Type.CNAME)) {
                m.computeIfAbsent(r.getType(), k -> new HashSet<>()).add(r.rdataToString());
            }
        }
        return new Wildcard(zone, m);
    }

    /** Whether the record's data is what the wildcard answers. */
    public boolean matches(Record r) {
        Set<String> s = answers.get(r.getType());
        return s != null && s.contains(r.rdataToString());
    }

    /** Whether every record of the set is the wildcard's: the name exists only through the wildcard. */
    public boolean coversAll(List<Record> records) {
        return !records.isEmpty() && records.stream().allMatch(this::matches);
    }
}
