package io.infrapivot.store;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A case kept in one SQLite file (WAL mode). Writes from any number of threads go through one writer
 * connection that commits them in batches ({@link WriteQueue}); reads use a small pool of their own
 * connections. Several stores, in this process or in others, may share the file: SQLite's lock, a busy
 * timeout and retries keep their writes whole. Obtain instances from {@link SqliteCaseRepository}.
 */
public final class SqliteCaseStore implements CaseStore {
    private final Path file;
    private final CaseLock lock;
    private final Clock clock;
    private final String schemaVersion;
    private final WriteQueue writes;
    private final ReadPool reads;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Opens (creating and migrating when needed) the case file; {@code name} is recorded on creation. */
    public static SqliteCaseStore open(Path file, String name) {
        return open(file, name, Clock.systemUTC());
    }

    static SqliteCaseStore open(Path file, String name, Clock clock) {
        CaseLock lock = CaseLock.shared(file); // held while open: `case delete` refuses a case in use
        String version;
        WriteQueue writes;
        SqliteConnections connections;
        try {
            SqliteConnections.requireCaseOrEmpty(file);
            connections = new SqliteConnections(file);
            version = Migrations.migrate(file.toAbsolutePath().normalize().toString(), connections.dataSource(),
                    SqliteConnections.VENDOR);
            writes = new WriteQueue(connections.open(), SqliteConnections.BEGIN_WRITE, SqliteConnections::isBusy,
                    name);
        } catch (SQLException e) {
            lock.close();
            throw new StoreException("could not open the case file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        SqliteCaseStore store = new SqliteCaseStore(file, clock, version, writes, new ReadPool(connections), lock);
        try {
            Instant created = clock.instant();
            writes.submit(c -> {
                LookupWriter.writeCaseMeta(c, name, created);
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private SqliteCaseStore(Path file, Clock clock, String schemaVersion, WriteQueue writes, ReadPool reads,
                            CaseLock lock) {
        this.lock = lock;
        this.file = file;
        this.clock = clock;
        this.schemaVersion = schemaVersion;
        this.writes = writes;
        this.reads = reads;
    }

    /** The case file. */
    public Path file() {
        return file;
    }

    /** The schema version Flyway reports for the file after opening. */
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public CaseInfo info() {
        return read(c -> CaseQueries.info(c, file.toString()));
    }

    @Override
    public void addSeeds(Collection<Indicator> seeds) {
        List<Indicator> copy = List.copyOf(seeds);
        Instant now = clock.instant();
        write(c -> {
            new LookupWriter(c).addSeeds(copy, now);
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
        LookupWriter.Lookup lookup = new LookupWriter.Lookup(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(indicator, "indicator"), params, Objects.requireNonNull(started, "started"),
                Objects.requireNonNull(finished, "finished"), Objects.requireNonNull(result, "result"), ttl);
        return write(c -> new LookupWriter(c).save(lookup));
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
                lock.close();
            }
        }
    }

    private <T> T write(WriteQueue.Work<T> work) {
        ensureOpen();
        return writes.submit(work);
    }

    private <T> T read(ReadPool.Read<T> read) {
        ensureOpen();
        try {
            return reads.read(read);
        } catch (SQLException e) {
            throw new StoreException("could not read the case file " + file + ": " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the case store " + file + " is closed");
    }
}
