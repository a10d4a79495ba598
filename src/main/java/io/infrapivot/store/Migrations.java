package io.infrapivot.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a case database to the current schema with Flyway, from {@code db/migration/<vendor>} (one folder
 * per database: {@code sqlite}, {@code postgresql}; the vendor is chosen here rather than by Flyway's
 * {@code {vendor}} placeholder, which the community edition does not resolve). Migrations of one file are
 * serialised inside this JVM; a second process migrating the same new file at the same moment makes one of
 * the two fail and retry, after which it finds the schema in place.
 */
final class Migrations {
    static final String LOCATION = "classpath:db/migration/";
    private static final int ATTEMPTS = 5;
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();
    /** Kept referenced so the level set here is not lost to garbage collection. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING); // a case opening is not news on the analyst's terminal
    }

    private Migrations() {
    }

    /**
     * Migrates the database behind {@code key} (its file or URL) with the migrations of {@code vendor} and
     * returns the schema version now applied.
     */
    static String migrate(String key, DataSource dataSource, String vendor) {
        return migrate(key, dataSource, vendor, null);
    }

    /**
     * {@link #migrate(String, DataSource, String)} into {@code schema} (created when absent) instead of the
     * connection's default: a PostgreSQL case is a schema of its own. Null keeps the default.
     */
    static String migrate(String key, DataSource dataSource, String vendor, String schema) {
        FluentConfiguration config = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION + vendor)
                // migrations that need Java (the Public Suffix List): the same for every vendor
                .javaMigrations(new V2_1__One_name_one_identity());
        if (schema != null) config.schemas(schema).createSchemas(true);
        return run(key, config);
    }

    /** Migrates a schema of shared tables (no case in it) from {@code db/migration/<folder>}. */
    static String migrateShared(String key, DataSource dataSource, String folder, String schema) {
        return run(key, Flyway.configure().dataSource(dataSource).locations(LOCATION + folder)
                .schemas(schema).createSchemas(true));
    }

    private static String run(String key, FluentConfiguration config) {
        Flyway flyway = config
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load();
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            refuseNewer(key, flyway);
            for (int attempt = 1; ; attempt++) {
                try {
                    MigrateResult result = flyway.migrate();
                    return result.targetSchemaVersion != null ? result.targetSchemaVersion
                            : flyway.info().current().getVersion().getVersion();
                } catch (FlywayException e) {
                    if (attempt >= ATTEMPTS) {
                        throw new StoreException("could not prepare the case database " + key + ": "
                                + e.getMessage(), e);
                    }
                    pause(attempt);
                }
            }
        }
    }

    /**
     * A case written by a newer infrapivot (a schema version this one does not know) is refused before anything
     * is written: opening it would write rows the newer schema may not expect.
     */
    static void refuseNewer(String key, Flyway flyway) {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        if (current == null || current.getVersion() == null) return;
        MigrationVersion known = null;
        for (MigrationInfo m : info.all()) {
            if (m.getState() != null && m.getState().name().startsWith("FUTURE")) continue;
            if (m.getVersion() != null && (known == null || m.getVersion().isNewerThan(known.getVersion()))) {
                known = m.getVersion();
            }
        }
        if (known != null && current.getVersion().isNewerThan(known.getVersion())) {
            throw new NewerFormatException(key, current.getVersion().getVersion(), known.getVersion());
        }
    }

    /** A case in a newer format than this build reads; nothing was written to it. */
    public static final class NewerFormatException extends StoreException {
        NewerFormatException(String key, String found, String known) {
            super("the case " + key + " was written by a newer infrapivot (case format version " + found
                    + "; this one reads up to version " + known + "); it was left as it is — use a newer infrapivot",
                    null);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while preparing the case database", e);
        }
    }
}
