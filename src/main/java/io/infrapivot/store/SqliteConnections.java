package io.infrapivot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * Everything SQLite-specific about connecting to one case file: WAL journal, {@code synchronous=NORMAL},
 * a busy timeout, foreign keys on, and how a write transaction begins ({@code BEGIN IMMEDIATE}, so that two
 * writers never deadlock upgrading a read lock).
 */
final class SqliteConnections {
    /** How long SQLite itself waits for another writer before answering SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MS = 5_000;
    static final String BEGIN_WRITE = "BEGIN IMMEDIATE";
    /** The folder of this database's migrations under {@code db/migration/}. */
    static final String VENDOR = "sqlite";

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_NOTADB = 26;

    private final SQLiteDataSource dataSource;

    SqliteConnections(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    }

    SQLiteDataSource dataSource() {
        return dataSource;
    }

    /** A connection in auto-commit mode; writers open their transactions with {@link #BEGIN_WRITE}. */
    Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Refuses, before any pragma touches it, a file that is an SQLite database with tables but no Flyway
     * history: someone else's database, not a case. An empty or new file, or a case, passes.
     */
    static void requireCaseOrEmpty(Path file) {
        if (!Files.isRegularFile(file)) return;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT COUNT(*), SUM(CASE WHEN name = 'flyway_schema_history' THEN 1 ELSE 0 END)
                     FROM sqlite_master WHERE type = 'table'""")) {
            rs.next();
            if (rs.getLong(1) > 0 && rs.getLong(2) == 0) {
                throw new StoreException(file + " is a database but not an infrapivot case; it was left as it is",
                        null);
            }
        } catch (SQLException e) {
            String why = primaryCode(e) == SQLITE_NOTADB ? "not a SQLite database" : e.getMessage();
            throw new StoreException(file + " is not an infrapivot case (" + why + ")", e);
        }
    }

    /** SQLite's primary result code of a failure (the driver's vendor code), decided on the type, not the text. */
    private static int primaryCode(SQLException e) {
        return (e instanceof SQLiteException se ? se.getResultCode().code : e.getErrorCode()) & 0xff;
    }

    /** True when the failure is another connection holding the lock (worth retrying). */
    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                // the driver's vendor code is SQLite's result code (a batch failure carries it too)
                int primary = primaryCode(se);
                if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return true;
            }
        }
        return false;
    }
}
