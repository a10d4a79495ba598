package io.infrapivot.store;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store's reads, in portable SQL (they run unchanged on SQLite and PostgreSQL). Every method is one
 * statement, so what it returns is one consistent snapshot even while writers commit.
 */
final class CaseQueries {
    private static final String INDICATOR_ID = "(SELECT id FROM indicators WHERE type = ? AND value = ?)";
    private static final String LOOKUP_COLUMNS = """
            SELECT l.id, l.source, i.type, i.value, l.params, l.started_ms, l.finished_ms, l.outcome, l.message,
                   l.total, l.expires_ms, l.observation_count
            FROM lookups l JOIN indicators i ON i.id = l.indicator_id
            """;
    private static final String OBSERVATION_COLUMNS = """
            SELECT o.id, si.type AS s_type, si.value AS s_value, o.relation, oi.type AS o_type, oi.value AS o_value,
                   o.value_json, o.first_seen_ms, o.last_seen_ms, o.first_learned_ms, o.last_learned_ms,
                   g.id AS g_id, g.source AS g_source, g.first_seen_ms AS g_first, g.last_seen_ms AS g_last,
                   g.learned_ms AS g_learned, g.seen_count AS g_count, g.evidence_id AS g_evidence,
                   g.lookup_id AS g_lookup
            FROM observations o
            JOIN indicators si ON si.id = o.subject_id
            LEFT JOIN indicators oi ON oi.id = o.object_id
            JOIN sightings g ON g.observation_id = o.id
            """;
    private static final String EVIDENCE_COLUMNS = """
            SELECT id, source, request, response, sha256, content_type, status, started_ms, elapsed_ms
            FROM evidence
            """;

    private CaseQueries() {
    }

    static CaseInfo info(Connection c, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.name, m.created_ms,
                       (SELECT COUNT(*) FROM indicators) AS indicators,
                       (SELECT COUNT(*) FROM observations) AS observations,
                       (SELECT COUNT(*) FROM lookups) AS lookups,
                       (SELECT COUNT(*) FROM evidence) AS evidence,
                       (SELECT MAX(finished_ms) FROM lookups) AS last_lookup
                FROM case_meta m WHERE m.id = 1""");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("the case has no metadata row");
            Instant created = Columns.instant(rs, "created_ms");
            Instant last = Columns.instant(rs, "last_lookup");
            return new CaseInfo(rs.getString("name"), location, created, rs.getLong("indicators"),
                    rs.getLong("observations"), rs.getLong("lookups"), rs.getLong("evidence"),
                    last == null ? created : last);
        }
    }

    static List<Indicator> seeds(Connection c) throws SQLException {
        return indicators(c, """
                SELECT i.type, i.value FROM seeds s JOIN indicators i ON i.id = s.indicator_id
                ORDER BY s.added_ms, i.id""");
    }

    static List<Indicator> indicators(Connection c) throws SQLException {
        return indicators(c, "SELECT type, value FROM indicators ORDER BY id");
    }

    private static List<Indicator> indicators(Connection c, String sql) throws SQLException {
        List<Indicator> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(indicator(rs.getString(1), rs.getString(2)));
        }
        return out;
    }

    static Optional<LookupRecord> freshLookup(Connection c, String source, Indicator indicator, String params,
                                              Instant now) throws SQLException {
        List<LookupRecord> found = lookups(c, LOOKUP_COLUMNS + """
                WHERE l.source = ? AND l.indicator_id = %s AND l.params = ?
                  AND l.outcome IN ('ok', 'empty', 'truncated') AND l.expires_ms > ?
                ORDER BY l.finished_ms DESC, l.id DESC
                LIMIT 1""".formatted(INDICATOR_ID),
                source, indicator.type().id(), indicator.value(), params == null ? "" : params, now.toEpochMilli());
        return found.stream().findFirst();
    }

    static List<LookupRecord> lookupsAbout(Connection c, Indicator indicator) throws SQLException {
        return lookups(c, LOOKUP_COLUMNS + "WHERE l.indicator_id = " + INDICATOR_ID
                + " ORDER BY l.finished_ms DESC, l.id DESC", indicator.type().id(), indicator.value());
    }

    static List<LookupRecord> lookups(Connection c) throws SQLException {
        return lookups(c, LOOKUP_COLUMNS + "ORDER BY l.id");
    }

    /** The lookups one analyst made, oldest first. */
    static List<LookupRecord> lookupsBy(Connection c, String analyst) throws SQLException {
        return lookups(c, LOOKUP_COLUMNS + "WHERE l.analyst = ? ORDER BY l.id", analyst);
    }

    /** Who made each lookup (lookups from before schema 2.2 have no one and are left out). */
    static java.util.Map<Long, io.infrapivot.engine.port.Analyst> analysts(Connection c) throws SQLException {
        java.util.Map<Long, io.infrapivot.engine.port.Analyst> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, analyst, host FROM lookups WHERE analyst IS NOT NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new io.infrapivot.engine.port.Analyst(rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    private static List<LookupRecord> lookups(Connection c, String sql, Object... args) throws SQLException {
        List<LookupRecord> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LookupRecord(rs.getLong("id"), rs.getString("source"),
                        indicator(rs.getString("type"), rs.getString("value")), rs.getString("params"),
                        Columns.instant(rs, "started_ms"), Columns.instant(rs, "finished_ms"),
                        Outcome.fromId(rs.getString("outcome")), rs.getString("message"),
                        Columns.nullableLong(rs, "total"), Columns.instant(rs, "expires_ms"),
                        rs.getInt("observation_count")));
            }
        }
        return out;
    }

    static Optional<StoredEvidence> evidence(Connection c, long id) throws SQLException {
        return evidence(c, EVIDENCE_COLUMNS + "WHERE id = ?", id).stream().findFirst();
    }

    static List<StoredEvidence> evidenceOfLookup(Connection c, long lookupId) throws SQLException {
        return evidence(c, EVIDENCE_COLUMNS + "WHERE lookup_id = ? ORDER BY id", lookupId);
    }

    private static List<StoredEvidence> evidence(Connection c, String sql, Object... args) throws SQLException {
        List<StoredEvidence> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredEvidence(rs.getLong("id"), rs.getString("source"), rs.getString("request"),
                        rs.getBytes("response"), rs.getString("sha256"), rs.getString("content_type"),
                        rs.getString("status"), Columns.instant(rs, "started_ms"),
                        Duration.ofMillis(rs.getLong("elapsed_ms"))));
            }
        }
        return out;
    }

    static List<StoredObservation> observations(Connection c) throws SQLException {
        return observations(c, OBSERVATION_COLUMNS + "ORDER BY o.id, g.id");
    }

    static List<StoredObservation> observationsOfLookup(Connection c, long lookupId) throws SQLException {
        return observations(c, OBSERVATION_COLUMNS
                + "WHERE o.id IN (SELECT observation_id FROM sightings WHERE lookup_id = ?) ORDER BY o.id, g.id",
                lookupId);
    }

    static List<StoredObservation> observationsAbout(Connection c, Indicator indicator) throws SQLException {
        String type = indicator.type().id();
        String value = indicator.value();
        return observations(c, OBSERVATION_COLUMNS + """
                WHERE o.id IN (SELECT id FROM observations WHERE subject_id = %1$s
                               UNION SELECT id FROM observations WHERE object_id = %1$s)
                ORDER BY o.id, g.id""".formatted(INDICATOR_ID), type, value, type, value);
    }

    /** Streams every observation in id order to {@code action}, one at a time (the driver steps the cursor). */
    static void forEachObservation(Connection c, Consumer<StoredObservation> action) throws SQLException {
        observations(c, action, OBSERVATION_COLUMNS + "ORDER BY o.id, g.id");
    }

    private static List<StoredObservation> observations(Connection c, String sql, Object... args)
            throws SQLException {
        List<StoredObservation> out = new ArrayList<>();
        observations(c, out::add, sql, args);
        return out;
    }

    /** Reads rows ordered by observation then sighting, folding each observation's sightings into it. */
    private static void observations(Connection c, Consumer<StoredObservation> out, String sql, Object... args)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            long current = -1;
            ObservationRow row = null;
            List<Sighting> sightings = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong("id");
                if (id != current) {
                    if (row != null) out.accept(row.with(sightings));
                    current = id;
                    row = ObservationRow.read(rs);
                    sightings = new ArrayList<>();
                }
                sightings.add(new Sighting(rs.getLong("g_id"), rs.getString("g_source"), Columns.instant(rs, "g_first"),
                        Columns.instant(rs, "g_last"), Columns.instant(rs, "g_learned"),
                        Columns.nullableLong(rs, "g_count"), Columns.nullableLong(rs, "g_evidence"),
                        Columns.nullableLong(rs, "g_lookup")));
            }
            if (row != null) out.accept(row.with(sightings));
        }
    }

    /** The observation columns of one row, before its sightings are gathered. */
    private record ObservationRow(long id, Indicator subject, Relation relation, Indicator object, String valueJson,
                                  Instant firstSeen, Instant lastSeen, Instant firstLearned, Instant lastLearned) {
        static ObservationRow read(ResultSet rs) throws SQLException {
            String objectType = rs.getString("o_type");
            String relation = rs.getString("relation");
            return new ObservationRow(rs.getLong("id"), indicator(rs.getString("s_type"), rs.getString("s_value")),
                    Relation.fromId(relation).orElseThrow(() -> new SQLException("unknown relation " + relation)),
                    objectType == null ? null : indicator(objectType, rs.getString("o_value")),
                    rs.getString("value_json"), Columns.instant(rs, "first_seen_ms"),
                    Columns.instant(rs, "last_seen_ms"), Columns.instant(rs, "first_learned_ms"),
                    Columns.instant(rs, "last_learned_ms"));
        }

        StoredObservation with(List<Sighting> sightings) {
            return new StoredObservation(id, subject, relation, object,
                    valueJson == null ? null : CanonicalJson.parse(valueJson), firstSeen, lastSeen, firstLearned,
                    lastLearned, sightings);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static Indicator indicator(String type, String value) throws SQLException {
        IndicatorType t = IndicatorType.fromId(type).orElseThrow(
                () -> new SQLException("unknown indicator type in the case: " + type));
        return Indicator.fromCanonical(t, value);
    }
}
