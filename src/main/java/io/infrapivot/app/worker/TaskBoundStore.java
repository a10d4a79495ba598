package io.infrapivot.app.worker;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupResult;
import io.infrapivot.store.PostgresCaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A worker's view of one PostgreSQL case: everything passes through, except that a lookup made for a queued task
 * is stored together with the task's row ({@link PostgresCaseStore#saveLookupOnce}), so that a task run twice
 * (its first worker died after storing, before the queue heard) stores its lookup once. The engine's lookup path
 * is unchanged: the worker runs tasks through the same engine and LookupSession as the CLI.
 */
final class TaskBoundStore implements CaseStore {
    record Running(PostgresCaseStore.Task task, Analyst who) {
    }

    private final PostgresCaseStore store;
    /** The task each in-flight (source, indicator) lookup belongs to. */
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    TaskBoundStore(PostgresCaseStore store) {
        this.store = store;
    }

    static String key(String source, Indicator indicator) {
        return source + "\u0000" + indicator.key();
    }

    void begin(String source, Indicator indicator, Running task) {
        running.put(key(source, indicator), task);
    }

    void end(String source, Indicator indicator) {
        running.remove(key(source, indicator));
    }

    @Override
    public LookupRecord saveLookup(String source, Indicator indicator, String params, Instant started,
                                   Instant finished, LookupResult result, Duration ttl) {
        Running r = running.get(key(source, indicator));
        if (r == null) return store.saveLookup(source, indicator, params, started, finished, result, ttl);
        Optional<LookupRecord> saved = store.saveLookupOnce(r.task(), r.who(), source, indicator, params, started,
                finished, result, ttl);
        // stored before by the task's earlier run: hand back that run's lookup
        return saved.orElseGet(() -> store.lookupsAbout(indicator).stream().filter(l -> l.source().equals(source))
                .findFirst().orElseThrow());
    }

    @Override
    public CaseInfo info() {
        return store.info();
    }

    @Override
    public void addSeeds(Collection<Indicator> seeds) {
        store.addSeeds(seeds);
    }

    @Override
    public List<Indicator> seeds() {
        return store.seeds();
    }

    @Override
    public Optional<LookupRecord> freshLookup(String source, Indicator indicator, String params, Instant now) {
        return store.freshLookup(source, indicator, params, now);
    }

    @Override
    public List<StoredObservation> observationsOfLookup(long lookupId) {
        return store.observationsOfLookup(lookupId);
    }

    @Override
    public List<StoredObservation> observationsAbout(Indicator indicator) {
        return store.observationsAbout(indicator);
    }

    @Override
    public List<StoredObservation> observations() {
        return store.observations();
    }

    @Override
    public void forEachObservation(Consumer<StoredObservation> action) {
        store.forEachObservation(action);
    }

    @Override
    public List<LookupRecord> lookupsAbout(Indicator indicator) {
        return store.lookupsAbout(indicator);
    }

    @Override
    public List<LookupRecord> lookups() {
        return store.lookups();
    }

    @Override
    public Map<Long, Analyst> analysts() {
        return store.analysts();
    }

    @Override
    public Optional<StoredEvidence> evidence(long id) {
        return store.evidence(id);
    }

    @Override
    public List<StoredEvidence> evidenceOfLookup(long lookupId) {
        return store.evidenceOfLookup(lookupId);
    }

    @Override
    public List<Indicator> indicators() {
        return store.indicators();
    }

    @Override
    public void close() {
        store.close();
    }
}
