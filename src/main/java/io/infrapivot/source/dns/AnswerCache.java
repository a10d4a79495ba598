package io.infrapivot.source.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Answers of one run, kept as long as their TTL says (the smallest TTL in the answer; for NXDOMAIN and
 * NODATA the SOA's negative TTL, RFC 2308). Bounded: when full it is emptied, never grown.
 */
final class AnswerCache {
    static final int MAX_ENTRIES = 100_000;
    static final Duration MAX_TTL = Duration.ofDays(1);

    private record Key(Name name, int type) {}

    private record Entry(DnsAnswer answer, Instant expires) {}

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    AnswerCache(Clock clock) {
        this.clock = clock;
    }

    DnsAnswer get(Name name, int type) {
        Key k = new Key(name, type);
        Entry e = entries.get(k);
        if (e == null) return null;
        if (!clock.instant().isBefore(e.expires)) {
            entries.remove(k, e);
            return null;
        }
        return e.answer.cachedCopy();
    }

    void put(DnsAnswer answer) {
        if (!answer.status().cacheable() || answer.message() == null) return;
        long ttl = ttlSeconds(answer);
        if (ttl <= 0) return;
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(new Key(answer.name(), answer.type()),
                new Entry(answer, clock.instant().plusSeconds(Math.min(ttl, MAX_TTL.toSeconds()))));
    }

    static long ttlSeconds(DnsAnswer answer) {
        Message m = answer.message();
        long min = Long.MAX_VALUE;
        if (answer.status() == DnsStatus.ANSWER) {
            for (Record r : m.getSection(Section.ANSWER)) min = Math.min(min, r.getTTL());
        } else {
            for (Record r : m.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord soa) min = Math.min(min, Math.min(soa.getTTL(), soa.getMinimum()));
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    int size() {
        return entries.size();
    }
}
