package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupResult;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A case behind JDBC, the same for SQLite and PostgreSQL: writes from any number of threads go through one writer
 * connection that commits them in batches ({@link WriteQueue}); reads use a small pool of their own connections
 * ({@link ReadPool}). The SQL ({@link LookupWriter}, {@link CaseQueries}) is portable; what differs between the
 * databases (connecting, locking, migrations) lives in the subclasses.
 */
abstract sealed class JdbcCaseStore implements CaseStore permits SqliteCaseStore, PostgresCaseStore {
    private final String location;
    private final Clock clock;
    private final Analyst analyst;
    private final WriteQueue writes;
    private final ReadPool reads;
    private final AtomicBoolean closed = new AtomicBoolean();

    JdbcCaseStore(String location, Clock clock, Analyst analyst, WriteQueue writes, ReadPool reads) {
        this.location = location;
        this.clock = clock;
        this.analyst = analyst;
        this.writes = writes;
        this.reads = reads;
    }

    /** Records the case's name and creation time when new (closing the store when that fails); returns it. */
    static <S extends JdbcCaseStore> S withMeta(S store, String name) {
        try {
            Instant created = ((JdbcCaseStore) store).clock.instant();
            store.write(c -> {
                LookupWriter.writeCaseMeta(c, name, created);
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Who this store's lookups are recorded as made by. */
    public Analyst analyst() {
        return analyst;
    }

    @Override
    public CaseInfo info() {
        return read(c -> CaseQueries.info(c, location));
    }

    @Override
    public void addSeeds(Collection<Indicator> seeds) {
        List<Indicator> copy = List.copyOf(seeds);
        Instant now = clock.instant();
        write(c -> {
            new LookupWriter(c, analyst).addSeeds(copy, now);
            return null;
        });
    }

    @Override
    public List<Indicator> seeds() {
        return read(CaseQueries::seeds);
    }

    @Override
    public LookupRecord saveLookup(String source, Indicator indicator, String params, Instant started,
                                   Instant finished, LookupResult result, Duration ttl) {
        return saveLookupAs(null, source, indicator, params, started, finished, result, ttl);
    }

    /**
     * {@link #saveLookup}, recorded as made by {@code who} (a worker running an analyst's task records that
     * analyst, on the worker's host); null records this store's own analyst.
     */
    public LookupRecord saveLookupAs(Analyst who, String source, Indicator indicator, String params,
                                     Instant started, Instant finished, LookupResult result, Duration ttl) {
        LookupWriter.Lookup lookup = new LookupWriter.Lookup(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(indicator, "indicator"), params, Objects.requireNonNull(started, "started"),
                Objects.requireNonNull(finished, "finished"), Objects.requireNonNull(result, "result"), ttl, who);
        return write(c -> new LookupWriter(c, analyst).save(lookup));
    }

    @Override
    public Optional<LookupRecord> freshLookup(String source, Indicator indicator, String params, Instant now) {
        return read(c -> CaseQueries.freshLookup(c, source, indicator, params, now));
    }

    @Override
    public List<StoredObservation> observationsOfLookup(long lookupId) {
        return read(c -> CaseQueries.observationsOfLookup(c, lookupId));
    }

    @Override
    public List<StoredObservation> observationsAbout(Indicator indicator) {
        return read(c -> CaseQueries.observationsAbout(c, indicator));
    }

    @Override
    public List<StoredObservation> observations() {
        return read(CaseQueries::observations);
    }

    @Override
    public void forEachObservation(Consumer<StoredObservation> action) {
        read(c -> {
            CaseQueries.forEachObservation(c, action);
            return null;
        });
    }

    @Override
    public List<LookupRecord> lookupsAbout(Indicator indicator) {
        return read(c -> CaseQueries.lookupsAbout(c, indicator));
    }

    @Override
    public List<LookupRecord> lookups() {
        return read(CaseQueries::lookups);
    }

    @Override
    public Map<Long, Analyst> analysts() {
        return read(CaseQueries::analysts);
    }

    @Override
    public Optional<StoredEvidence> evidence(long id) {
        return read(c -> CaseQueries.evidence(c, id));
    }

    @Override
    public List<StoredEvidence> evidenceOfLookup(long lookupId) {
        return read(c -> CaseQueries.evidenceOfLookup(c, lookupId));
    }

    @Override
    public List<Indicator> indicators() {
        return read(CaseQueries::indicators);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            writes.close();
        } finally {
            try {
                reads.close();
            } finally {
                closeMore();
            }
        }
    }

    /**
     * After rows were copied in with their ids ({@link CaseCopy}): makes the database's own id counters continue
     * after them. SQLite's rowids need nothing.
     */
    void afterCopy(java.sql.Connection c, List<String> tables) throws SQLException {
    }

    /** Releases what the subclass holds beyond the connections (a lock); called once, after they are closed. */
    abstract void closeMore();

    /** Runs {@code work} in the next write batch (package use: case copy, workers' bookkeeping). */
    final <T> T write(WriteQueue.Work<T> work) {
        ensureOpen();
        return writes.submit(work);
    }

    /** Runs {@code read} on a pooled read connection. */
    final <T> T read(ReadPool.Read<T> read) {
        ensureOpen();
        try {
            return reads.read(read);
        } catch (SQLException e) {
            throw new StoreException("could not read the case " + location + ": " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the case store " + location + " is closed");
    }
}
