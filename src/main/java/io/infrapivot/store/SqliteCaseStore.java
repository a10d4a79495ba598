package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

/**
 * A case kept in one SQLite file (WAL mode). Writes from any number of threads go through one writer
 * connection that commits them in batches ({@link WriteQueue}); reads use a small pool of their own
 * connections. Several stores, in this process or in others, may share the file: SQLite's lock, a busy
 * timeout and retries keep their writes whole. Obtain instances from {@link SqliteCaseRepository}.
 */
public final class SqliteCaseStore extends JdbcCaseStore {
    private final Path file;
    private final CaseLock lock;
    private final String schemaVersion;

    /** Opens (creating and migrating when needed) the case file; {@code name} is recorded on creation. */
    public static SqliteCaseStore open(Path file, String name) {
        return open(file, name, Clock.systemUTC(), Analyst.current(null));
    }

    static SqliteCaseStore open(Path file, String name, Clock clock) {
        return open(file, name, clock, Analyst.current(null));
    }

    static SqliteCaseStore open(Path file, String name, Clock clock, Analyst analyst) {
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
        SqliteCaseStore store = new SqliteCaseStore(file, clock, analyst, version, writes,
                new ReadPool(connections::open), lock);
        return withMeta(store, name);
    }

    private SqliteCaseStore(Path file, Clock clock, Analyst analyst, String schemaVersion, WriteQueue writes,
                            ReadPool reads, CaseLock lock) {
        super(file.toString(), clock, analyst, writes, reads);
        this.lock = lock;
        this.file = file;
        this.schemaVersion = schemaVersion;
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
    void closeMore() {
        lock.close();
    }
}
