package io.infrapivot.store;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a whole case between stores — SQLite to PostgreSQL, back, or between two of one kind — row for row,
 * ids included, in one transaction of the target: the copy has the same indicators, seeds, lookups (with who
 * made them), evidence (the same bytes, so the same hashes), observations and sightings, so {@code why}, the
 * history and the evidence read exactly as in the original. The target must be empty (new).
 */
public final class CaseCopy {
    /** The tables in the order their references need (a row's references are copied before it). */
    static final List<String> TABLES = List.of("indicators", "seeds", "lookups", "evidence", "observations",
            "sightings");
    private static final int BATCH = 500;

    private CaseCopy() {
    }

    /** The target already holds something: nothing was copied. */
    public static final class TargetNotEmptyException extends IllegalStateException {
        TargetNotEmptyException(String where) {
            super("the target case " + where + " is not empty; a case is copied only into a new one");
        }
    }

    /** Copies {@code from} into the empty {@code to}; returns the target's counts once committed. */
    public static CaseInfo copy(CaseStore from, CaseStore to) {
        if (!(from instanceof JdbcCaseStore source) || !(to instanceof JdbcCaseStore target)) {
            throw new IllegalArgumentException("a case is copied between SQLite and PostgreSQL stores only");
        }
        CaseInfo before = to.info();
        if (before.indicators() > 0 || before.lookups() > 0) throw new TargetNotEmptyException(before.location());
        source.read(src -> target.write(dst -> {
            for (String table : TABLES) copyTable(src, dst, table);
            copyMeta(src, dst);
            target.afterCopy(dst, TABLES);
            return null;
        }));
        return to.info();
    }

    private static void copyMeta(Connection src, Connection dst) throws SQLException {
        try (PreparedStatement read = src.prepareStatement("SELECT created_ms FROM case_meta WHERE id = 1");
             ResultSet rs = read.executeQuery()) {
            if (!rs.next()) return;
            try (PreparedStatement write = dst.prepareStatement("UPDATE case_meta SET created_ms = ? WHERE id = 1")) {
                write.setLong(1, rs.getLong(1));
                write.executeUpdate();
            }
        }
    }

    private static void copyTable(Connection src, Connection dst, String table) throws SQLException {
        String order = table.equals("seeds") ? "indicator_id" : "id";
        try (PreparedStatement read = src.prepareStatement("SELECT * FROM " + table + " ORDER BY " + order);
             ResultSet rs = read.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) columns.add(meta.getColumnName(i));
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
            try (PreparedStatement write = dst.prepareStatement(sql)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) bind(write, i, rs, columns.get(i - 1));
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) write.executeBatch();
            }
        }
    }

    /** Binds one value by what the column holds (the two databases' drivers name types differently). */
    private static void bind(PreparedStatement ps, int i, ResultSet rs, String column) throws SQLException {
        if (column.equals("response")) {
            byte[] b = rs.getBytes(i);
            ps.setBytes(i, b);
            return;
        }
        Object v = rs.getObject(i);
        if (v == null) ps.setNull(i, Types.NULL);
        else if (v instanceof Number num) ps.setLong(i, num.longValue());
        else ps.setString(i, v.toString());
    }
}
