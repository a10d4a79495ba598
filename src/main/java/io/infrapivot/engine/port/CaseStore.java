package io.infrapivot.engine.port;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's port to a case: everything observed, every lookup made and its raw answers.
 * Implementations (SQLite, PostgreSQL) live in io.infrapivot.store. All methods are thread-safe;
 * writes from many threads are batched, and each {@link #saveLookup} is atomic.
 */
public interface CaseStore extends AutoCloseable {

    CaseInfo info();

    /** Records seeds (idempotent). */
    void addSeeds(Collection<Indicator> seeds);

    List<Indicator> seeds();

    /**
     * Stores one finished lookup atomically: its log row (which is also the cache entry, fresh until
     * {@code finished + ttl}), every raw answer as evidence, every indicator, and every observation —
     * deduplicated: the same fact (subject, relation, object or value) seen again widens the
     * observation's time span and adds a sighting, it is not a new observation. Blocks until committed.
     */
    LookupRecord saveLookup(String source, Indicator indicator, String params, Instant started, Instant finished,
                            LookupResult result, Duration ttl);

    /** The newest lookup of (source, indicator, params) that ended ok/empty/truncated and is still fresh at {@code now}. */
    Optional<LookupRecord> freshLookup(String source, Indicator indicator, String params, Instant now);

    /** The observations a lookup produced (for replay from the cache). */
    List<StoredObservation> observationsOfLookup(long lookupId);

    /** Every observation with the indicator as subject or object. */
    List<StoredObservation> observationsAbout(Indicator indicator);

    /** Every observation in the case. */
    List<StoredObservation> observations();

    /**
     * Every observation in the case, in id order, handed to {@code action} one at a time as it is read
     * (for exports of cases too large to hold: implementations stream, holding one observation at a time).
     * The read is one consistent snapshot; {@code action} must not write to this store.
     */
    default void forEachObservation(Consumer<StoredObservation> action) {
        observations().forEach(action);
    }

    /** Every lookup made of the indicator, newest first. */
    List<LookupRecord> lookupsAbout(Indicator indicator);

    /** Every lookup in the case, oldest first. */
    List<LookupRecord> lookups();

    /**
     * Who made each lookup, by lookup id (lookups stored before the case recorded it are absent). Stores that do
     * not record analysts return an empty map.
     */
    default java.util.Map<Long, Analyst> analysts() {
        return java.util.Map.of();
    }

    Optional<StoredEvidence> evidence(long id);

    /** The raw answers a lookup received, in the order the source gave them. */
    List<StoredEvidence> evidenceOfLookup(long lookupId);

    /** Every indicator in the case. */
    List<Indicator> indicators();

    /** Flushes pending writes and closes. Safe to call twice. */
    @Override
    void close();
}
