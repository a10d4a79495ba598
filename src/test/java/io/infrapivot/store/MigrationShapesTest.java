package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.Analyst;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite and PostgreSQL migrations keep one shape: applying each set gives the same tables, the same columns
 * (name, kind of type, nullability, primary key), the same indexes and unique keys, and the same version. A
 * migration added to one folder and not the other fails here.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MigrationShapesTest {
    @TempDir
    Path dir;

    /** The shape of one schema: table → sorted descriptions of its columns and indexes. */
    record Shape(String version, TreeMap<String, TreeSet<String>> tables) {
    }

    @Test
    void bothDatabasesGetTheSameShapeAndVersion() throws Exception {
        Shape sqlite;
        try (SqliteCaseStore store = SqliteCaseStore.open(dir.resolve("shape.sqlite"), "shape")) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
                sqlite = sqliteShape(c, store.schemaVersion());
            }
        }
        String url = TestPostgres.cluster().newDatabase();
        Shape postgres;
        try (PostgresCaseStore store = new PostgresCaseRepository(PostgresLocation.parse(url),
                new Analyst("a", "h")).openStore("shape", true)) {
            try (Connection c = TestPostgres.cluster().connect(url.substring(url.lastIndexOf('/') + 1))) {
                postgres = postgresShape(c, store.schema(), store.schemaVersion());
            }
        }
        assertThat(sqlite.tables()).containsKeys("case_meta", "indicators", "lookups", "evidence", "observations",
                "sightings", "seeds");
        assertThat(sqlite.tables().get("lookups")).contains("column analyst text null", "column host text null");
        assertThat(postgres.tables()).isEqualTo(sqlite.tables());
        assertThat(postgres.version()).isEqualTo(sqlite.version());
    }

    private static String kind(String declared) {
        String t = declared.toLowerCase(Locale.ROOT);
        if (t.contains("int")) return "integer";
        if (t.contains("blob") || t.contains("bytea")) return "bytes";
        if (t.contains("text") || t.contains("char")) return "text";
        return t;
    }

    private static Shape sqliteShape(Connection c, String version) throws SQLException {
        TreeMap<String, TreeSet<String>> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                        + "AND name <> 'flyway_schema_history'")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        for (String table : names) {
            TreeSet<String> parts = new TreeSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    boolean pk = rs.getInt("pk") > 0;
                    parts.add("column " + rs.getString("name") + " " + kind(rs.getString("type"))
                            + (rs.getBoolean("notnull") || pk ? " not null" : " null"));
                    if (pk) parts.add("primary key " + rs.getString("name"));
                }
            }
            List<String[]> indexes = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_list(" + table + ")")) {
                while (rs.next()) {
                    if ("pk".equals(rs.getString("origin"))) continue;
                    indexes.add(new String[] {rs.getString("name"), rs.getBoolean("unique") ? "unique" : "index"});
                }
            }
            for (String[] index : indexes) {
                List<String> columns = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("PRAGMA index_info('" + index[0] + "')")) {
                    while (rs.next()) columns.add(rs.getString("name"));
                }
                parts.add(index[1] + " (" + String.join(", ", columns) + ")");
            }
            tables.put(table, parts);
        }
        return new Shape(version, tables);
    }

    private static Shape postgresShape(Connection c, String schema, String version) throws SQLException {
        TreeMap<String, TreeSet<String>> tables = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
                WHERE table_schema = ? AND table_name <> 'flyway_schema_history'""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add("column " + rs.getString(2)
                            + " " + kind(rs.getString(3)) + ("YES".equals(rs.getString(4)) ? " null" : " not null"));
                }
            }
        }
        // indexes with their columns in order; the primary key's index is listed as "primary key"
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, ix.indisunique, ix.indisprimary,
                       array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(n, o)
                                             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n
                                             ORDER BY k.o), ', ')
                FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname <> 'flyway_schema_history'""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TreeSet<String> parts = tables.computeIfAbsent(rs.getString(1), k -> new TreeSet<>());
                    if (rs.getBoolean(3)) parts.add("primary key " + rs.getString(4));
                    else parts.add((rs.getBoolean(2) ? "unique" : "index") + " (" + rs.getString(4) + ")");
                }
            }
        }
        return new Shape(version, tables);
    }
}
