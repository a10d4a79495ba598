package io.infrapivot.store;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema 2.1: one name, one identity. Cases written before the rule "the registrable domain (eTLD+1 by the
 * Public Suffix List) is a {@code domain}, every name below it a {@code host}" hold names stored under the type a
 * service gave them ({@code domain:portal.evil.test} from a certificate log beside the {@code host} the analyst
 * typed). This retypes every stored domain/host to the type the parser gives it and merges the two rows of a
 * name stored both ways: seeds, lookups and observations move to the surviving row; an observation that then
 * repeats one already there is folded into it (sightings moved, seen and learned spans widened).
 *
 * <p>The decision needs the Public Suffix List, so this is a Java migration (plain portable SQL, the same for
 * SQLite and PostgreSQL), given to Flyway by {@link Migrations} for both vendors.
 */
public class V2_1__One_name_one_identity extends BaseJavaMigration {
    private final IndicatorParser parser;

    public V2_1__One_name_one_identity() {
        this(IndicatorParser.standard());
    }

    V2_1__One_name_one_identity(IndicatorParser parser) {
        this.parser = parser;
    }

    private record Row(long id, String type, String value) {}

    @Override
    public void migrate(Context context) throws SQLException {
        retype(context.getConnection(), parser);
    }

    /** Retypes and merges; returns how many rows changed type or were merged. */
    static int retype(Connection c, IndicatorParser parser) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, type, value FROM indicators WHERE type IN ('domain', 'host') ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
        int changed = 0;
        for (Row r : rows) {
            String want = typeOf(parser, r.value());
            if (want == null || want.equals(r.type())) continue;
            Long other = idOf(c, want, r.value());
            if (other == null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE indicators SET type = ? WHERE id = ?")) {
                    ps.setString(1, want);
                    ps.setLong(2, r.id());
                    ps.executeUpdate();
                }
            } else {
                merge(c, r.id(), other);
            }
            changed++;
        }
        return changed;
    }

    /** The type the parser gives a stored name, or null when it does not read it as a name (left alone). */
    static String typeOf(IndicatorParser parser, String value) {
        if (parser.parseName(value) instanceof ParseResult.Parsed p) {
            IndicatorType t = p.parsed().indicator().type();
            if ((t == IndicatorType.DOMAIN || t == IndicatorType.HOST) && p.parsed().indicator().value().equals(value)) {
                return t.id();
            }
        }
        return null;
    }

    private static Long idOf(Connection c, String type, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM indicators WHERE type = ? AND value = ?")) {
            ps.setString(1, type);
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Moves everything of indicator {@code from} to {@code to} and deletes {@code from}. */
    private static void merge(Connection c, long from, long to) throws SQLException {
        update(c, "UPDATE seeds SET indicator_id = ? WHERE indicator_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM seeds s WHERE s.indicator_id = ?)", to, from, to);
        update(c, "DELETE FROM seeds WHERE indicator_id = ?", from);
        update(c, "UPDATE lookups SET indicator_id = ? WHERE indicator_id = ?", to, from);
        // links pointing at the name: their fact key names the object's row
        for (long[] o : select(c, "SELECT id, subject_id FROM observations WHERE object_id = ?", from)) {
            moveObservation(c, o[0], o[1] == from ? to : o[1], to);
        }
        for (long[] o : select(c, "SELECT id, object_id FROM observations WHERE subject_id = ?", from)) {
            moveObservation(c, o[0], to, o[1] == 0 ? null : o[1] == from ? to : o[1]);
        }
        update(c, "DELETE FROM indicators WHERE id = ?", from);
    }

    /** Gives observation {@code id} a new subject (and object), folding it into an equal one already there. */
    private static void moveObservation(Connection c, long id, long subject, Long object) throws SQLException {
        String relation;
        String factKey;
        try (PreparedStatement ps = c.prepareStatement("SELECT relation, fact_key FROM observations WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return;
                relation = rs.getString(1);
                factKey = rs.getString(2);
            }
        }
        String newKey = object != null ? "o:" + object : factKey;
        Long existing = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM observations WHERE subject_id = ? AND relation = ? AND fact_key = ? AND id <> ?")) {
            ps.setLong(1, subject);
            ps.setString(2, relation);
            ps.setString(3, newKey);
            ps.setLong(4, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) existing = rs.getLong(1);
            }
        }
        if (existing == null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE observations SET subject_id = ?, object_id = ?, fact_key = ? WHERE id = ?")) {
                ps.setLong(1, subject);
                if (object == null) ps.setNull(2, java.sql.Types.BIGINT);
                else ps.setLong(2, object);
                ps.setString(3, newKey);
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return;
        }
        update(c, "UPDATE sightings SET observation_id = ? WHERE observation_id = ?", existing, id);
        Long[] gone = spans(c, id);
        Long[] kept = spans(c, existing);
        try (PreparedStatement ps = c.prepareStatement("UPDATE observations SET first_seen_ms = ?, last_seen_ms = ?, "
                + "first_learned_ms = ?, last_learned_ms = ? WHERE id = ?")) {
            bind(ps, 1, min(gone[0], kept[0]));
            bind(ps, 2, max(gone[1], kept[1]));
            bind(ps, 3, min(gone[2], kept[2]));
            bind(ps, 4, max(gone[3], kept[3]));
            ps.setLong(5, existing);
            ps.executeUpdate();
        }
        update(c, "DELETE FROM observations WHERE id = ?", id);
    }

    /** first seen, last seen, first learned, last learned (null where not set). */
    private static Long[] spans(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seen_ms, last_seen_ms, first_learned_ms, "
                + "last_learned_ms FROM observations WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Long[] out = new Long[4];
                if (rs.next()) {
                    for (int i = 0; i < 4; i++) {
                        long v = rs.getLong(i + 1);
                        out[i] = rs.wasNull() ? null : v;
                    }
                }
                return out;
            }
        }
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static void bind(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, java.sql.Types.BIGINT);
        else ps.setLong(i, v);
    }

    private static List<long[]> select(Connection c, String sql, long arg) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                long a = rs.getLong(1);
                long b = rs.getLong(2);
                out.add(new long[] {a, rs.wasNull() ? 0 : b}); // 0: no object (row ids start at 1)
            }
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setLong(i + 1, args[i]);
            ps.executeUpdate();
        }
    }
}
