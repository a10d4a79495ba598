package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Cases in one PostgreSQL database, shared by a team: each case is a schema of its own ({@code case_<n>}) holding
 * the same tables as an SQLite case file, and the catalogue {@code infrapivot.cases} maps case names to schemas.
 * Case names follow the SQLite rules ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}); paths are refused. Every method
 * is safe to call from several processes at once.
 */
public final class PostgresCaseRepository implements CaseRepository {
    /** The schema of the shared tables (the catalogue, and the workers' tables). */
    public static final String SHARED_SCHEMA = "infrapivot";

    private final PostgresLocation location;
    private final Analyst analyst;
    private final Clock clock;
    private final Object catalogueLock = new Object();
    private boolean catalogueReady;

    public PostgresCaseRepository(PostgresLocation location, Analyst analyst) {
        this(location, analyst, Clock.systemUTC());
    }

    PostgresCaseRepository(PostgresLocation location, Analyst analyst, Clock clock) {
        this.location = location;
        this.analyst = analyst;
        this.clock = clock;
    }

    /** The store's URL (without password). */
    public PostgresLocation where() {
        return location;
    }

    /** A data source for the database, with {@code schema} first on the search path (null: the default). */
    public DataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(location.jdbcUrl());
        if (location.user() != null && !location.user().isBlank()) ds.setUser(location.user());
        if (location.password() != null) ds.setPassword(location.password());
        ds.setApplicationName("infrapivot");
        if (schema != null) ds.setCurrentSchema(schema);
        return ds;
    }

    /** Creates (once) and migrates the shared schema: the catalogue and the workers' tables. */
    public void ensureShared() {
        synchronized (catalogueLock) {
            if (catalogueReady) return;
            Migrations.migrateShared(location + "#" + SHARED_SCHEMA, dataSource(null), "postgresql-shared",
                    SHARED_SCHEMA);
            catalogueReady = true;
        }
    }

    @Override
    public CaseStore open(String name) {
        return openStore(name, true);
    }

    @Override
    public CaseStore openExisting(String name) {
        return openStore(name, false);
    }

    /** Opens the case, creating it when {@code create}; {@link NoSuchElementException} when absent otherwise. */
    public PostgresCaseStore openStore(String name, boolean create) {
        requireName(name);
        ensureShared();
        String schema;
        try (Connection c = dataSource(SHARED_SCHEMA).getConnection()) {
            if (create) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO cases (name, schema_name, created_ms)
                        VALUES (?, 'case_' || nextval('case_numbers'), ?) ON CONFLICT (name) DO NOTHING""")) {
                    ps.setString(1, name);
                    ps.setLong(2, clock.millis());
                    ps.executeUpdate();
                }
            }
            schema = schemaOf(c, name);
        } catch (SQLException e) {
            throw new StoreException("could not reach the case catalogue at " + location + ": " + e.getMessage(), e);
        }
        if (schema == null) {
            throw new NoSuchElementException("no case '" + name + "' in " + location
                    + " (cases are listed by 'infrapivot case list')");
        }
        return PostgresCaseStore.open(location + " case " + name, name, schema, numberOf(schema), dataSource(null),
                dataSource(schema), clock, analyst);
    }

    @Override
    public List<CaseInfo> list() {
        ensureShared();
        List<String[]> cases = new ArrayList<>();
        try (Connection c = dataSource(SHARED_SCHEMA).getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, schema_name FROM cases ORDER BY name")) {
            while (rs.next()) cases.add(new String[] {rs.getString(1), rs.getString(2)});
        } catch (SQLException e) {
            throw new StoreException("could not list the cases at " + location + ": " + e.getMessage(), e);
        }
        List<CaseInfo> out = new ArrayList<>();
        for (String[] k : cases) {
            try (Connection c = dataSource(k[1]).getConnection()) {
                out.add(CaseQueries.info(c, location + " case " + k[0]));
            } catch (SQLException e) {
                // registered but not yet migrated (being created right now): nothing to list yet
            }
        }
        return out;
    }

    /**
     * Drops the case's schema and its catalogue row; false when there is no such case. While any store (of any
     * process or machine) has it open, {@link SqliteCaseRepository.CaseInUseException} and nothing changes.
     */
    @Override
    public boolean delete(String name) {
        requireName(name);
        ensureShared();
        try (Connection c = dataSource(SHARED_SCHEMA).getConnection()) {
            c.setAutoCommit(false);
            try {
                String schema;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT schema_name FROM cases WHERE name = ? FOR UPDATE")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        schema = rs.next() ? rs.getString(1) : null;
                    }
                }
                if (schema == null) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
                    ps.setInt(1, PostgresCaseStore.CASE_LOCK_CLASS);
                    ps.setInt(2, (int) numberOf(schema));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            throw new SqliteCaseRepository.CaseInUseException(location + " case " + name);
                        }
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE");
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM cases WHERE name = ?")) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not delete the case " + name + " at " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return location.toString();
    }

    private static String schemaOf(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT schema_name FROM cases WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a case name is needed");
        if (CaseNames.isPath(name)) {
            throw new IllegalArgumentException("a PostgreSQL store holds cases by name, not by path: '"
                    + io.infrapivot.model.Safe.oneLine(name) + "'");
        }
        CaseNames.requireValid(name);
    }

    /** The number of schema {@code case_<n>}. */
    private static long numberOf(String schema) {
        return Long.parseLong(schema.substring("case_".length()));
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
