package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A case kept in one schema ({@code case_<n>}) of a shared PostgreSQL database, with the same tables and the same
 * SQL as an SQLite case. Any number of stores — in this process, other processes, other machines — may have the
 * case open and write at once: facts are deduplicated by the same unique keys and {@code ON CONFLICT} upserts,
 * each lookup commits whole, and a batch that meets a deadlock or serialization failure is rolled back and run
 * again. While open, the store holds a shared advisory lock on the case, so that {@code case delete} refuses a
 * case in use. Obtain instances from {@link PostgresCaseRepository}.
 */
public final class PostgresCaseStore extends JdbcCaseStore {
    /** The first key of the advisory locks that mark a case in use (the second is the case's number). */
    static final int CASE_LOCK_CLASS = 0x1f0a;
    /** SQLSTATEs after which a whole batch is worth running again. */
    private static final Set<String> RETRYABLE = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03"); // lock_not_available

    /** How long reads and writes wait for a lost server to come back (a restart) before they fail. */
    static final java.time.Duration RECONNECT_PATIENCE = java.time.Duration.ofSeconds(120);

    private final String schema;
    private final String schemaVersion;

    private PostgresCaseStore(String location, String schema, Clock clock, Analyst analyst, String schemaVersion,
                              WriteQueue writes, ReadPool reads) {
        super(location, clock, analyst, writes, reads);
        this.schema = schema;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the case in {@code schema} (migrating it when needed): {@code plain} connects without a schema (for
     * Flyway), {@code inSchema} with the case's schema first on the search path.
     */
    static PostgresCaseStore open(String location, String name, String schema, long number, DataSource plain,
                                  DataSource inSchema, Clock clock, Analyst analyst) {
        String version = Migrations.migrate(location, plain, "postgresql", schema);
        ReadPool.Opener writer = () -> {
            Connection c = inSchema.getConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock_shared(?, ?)")) {
                ps.setInt(1, CASE_LOCK_CLASS);
                ps.setInt(2, (int) number);
                ps.execute(); // held by the writer connection's session until the store closes it
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return c;
        };
        WriteQueue writes;
        try {
            // a writer lost with the server (a restart) is opened again, with its lock, and its batch run again
            writes = new WriteQueue(writer.open(), writer, "BEGIN", PostgresCaseStore::isRetryable, name);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("could not open the case " + name + " at " + location + ": " + e.getMessage(), e);
        }
        PostgresCaseStore store = new PostgresCaseStore(location, schema, clock, analyst, version, writes,
                new ReadPool(inSchema::getConnection, RECONNECT_PATIENCE));
        return withMeta(store, name);
    }

    /** The schema holding the case. */
    public String schema() {
        return schema;
    }

    /** The schema version Flyway reports for the case after opening. */
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    void closeMore() {
        // the advisory lock ended with the writer connection's session
    }

    /** One lookup task of the shared queue: its id, the batch it belongs to, and the worker running it. */
    public record Task(String id, String batch, String worker) {
    }

    /**
     * Stores the lookup of {@code task} unless a lookup of that task is stored already (the task ran before, on a
     * worker that died before the queue heard it finished): the task's row and the lookup commit together, so a
     * task's lookup is stored exactly once. Returns the stored lookup, or empty when it was stored before.
     */
    public java.util.Optional<io.infrapivot.engine.port.LookupRecord> saveLookupOnce(
            Task task, Analyst who, String source, io.infrapivot.model.Indicator indicator, String params,
            Instant started, Instant finished, io.infrapivot.source.LookupResult result, java.time.Duration ttl) {
        LookupWriter.Lookup lookup = new LookupWriter.Lookup(source, indicator, params, started, finished, result, ttl,
                who);
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO infrapivot.lookup_tasks (task_id, batch, case_name, source, indicator, outcome, worker,
                                                         finished_ms)
                    VALUES (?, ?, (SELECT name FROM case_meta WHERE id = 1), ?, ?, ?, ?, ?)
                    ON CONFLICT (task_id) DO NOTHING""")) {
                ps.setString(1, task.id());
                ps.setString(2, task.batch());
                ps.setString(3, source);
                ps.setString(4, indicator.key());
                ps.setString(5, result.outcome().id());
                ps.setString(6, task.worker());
                ps.setLong(7, finished.toEpochMilli());
                if (ps.executeUpdate() == 0) return java.util.Optional.empty();
            }
            io.infrapivot.engine.port.LookupRecord rec = new LookupWriter(c, analyst()).save(lookup);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE infrapivot.lookup_tasks SET lookup_id = ? WHERE task_id = ?")) {
                ps.setLong(1, rec.id());
                ps.setString(2, task.id());
                ps.executeUpdate();
            }
            return java.util.Optional.of(rec);
        });
    }

    @Override
    void afterCopy(Connection c, java.util.List<String> tables) throws SQLException {
        for (String table : tables) {
            if (table.equals("seeds")) continue; // keyed by indicator, no counter
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, 'id'), "
                    + "(SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + "), false)")) {
                ps.setString(1, table);
                ps.execute();
            }
        }
    }

    /** True for the failures after which a whole batch is run again (deadlock, serialization, lock timeout). */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                for (SQLException s = se; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && RETRYABLE.contains(s.getSQLState())) return true;
                }
            }
        }
        return false;
    }
}
