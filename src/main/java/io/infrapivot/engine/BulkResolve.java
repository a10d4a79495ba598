package io.infrapivot.engine;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.dns.bulk.BulkLookups;
import io.infrapivot.source.dns.bulk.BulkQuery;
import io.infrapivot.source.dns.bulk.BulkResolver;
import io.infrapivot.source.dns.bulk.BulkResult;
import io.infrapivot.source.dns.bulk.BulkStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Bulk resolution in a session: the source layer's fast path (one multiplexed UDP socket) answers, and when
 * asked the session stores every answer as a lookup of the {@code dns} source, on a writer thread of its
 * own so that the resolver's loop never waits on the database for long.
 */
final class BulkResolve {
    private static final System.Logger LOG = System.getLogger("io.infrapivot.engine");
    /** How long an answer stays fresh in the case. */
    static final Duration TTL = Duration.ofHours(1);
    private static final BulkResult END = new BulkResult("", 0, BulkStatus.INVALID, List.of(), List.of(), 0, null);

    private BulkResolve() {}

    static BulkResolver.Stats run(LookupSession session, CaseStore store, IndicatorParser parser, Clock clock,
                                  Iterator<BulkQuery> queries, BulkResolver.Options options, boolean keep,
                                  Consumer<BulkResult> each) throws IOException, InterruptedException {
        if (!keep) return new BulkResolver(options).run(queries, each);
        BlockingQueue<BulkResult> queue = new ArrayBlockingQueue<>(10_000);
        Thread writer = Thread.ofVirtual().name("bulk-store").start(() -> {
            try {
                for (BulkResult r; (r = queue.take()) != END; ) save(session, store, parser, clock, r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            return new BulkResolver(options.keepingWire()).run(queries, r -> {
                each.accept(r);
                try {
                    queue.put(r);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } finally {
            queue.put(END);
            writer.join();
        }
    }

    /** Each name once per type, read as the resolver's window frees up. */
    static Iterator<BulkQuery> queries(Iterator<String> names, List<Integer> types) {
        return new Iterator<>() {
            private String name;
            private int next = types.size();

            @Override
            public boolean hasNext() {
                if (next < types.size()) return true;
                if (!names.hasNext()) return false;
                name = names.next();
                next = 0;
                return true;
            }

            @Override
            public BulkQuery next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return new BulkQuery(name, types.get(next++));
            }
        };
    }

    private static void save(LookupSession session, CaseStore store, IndicatorParser parser, Clock clock,
                             BulkResult r) {
        Instant now = clock.instant();
        BulkLookups.of(r, parser, now).ifPresent(l -> {
            try {
                var rec = store.saveLookup(BulkLookups.SOURCE, l.subject(), l.params(), now, now, l.result(), TTL);
                session.publish(new SessionEvent.LookupStored(SourceOutcome.stored(l.subject(), BulkLookups.SOURCE,
                        io.infrapivot.source.Access.PASSIVE, l.result(), rec.id())));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "storing the answer for " + l.subject().key() + " failed", e);
                throw e;
            }
        });
    }
}
