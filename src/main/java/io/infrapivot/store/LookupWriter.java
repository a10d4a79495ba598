package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes into an open transaction on one connection, with portable SQL only (the same statements run on
 * SQLite and PostgreSQL): indicators, seeds, and one whole lookup with its evidence, observations and
 * sightings. One instance serves one piece of work (it caches indicator ids for that work only).
 */
final class LookupWriter {
    private final Connection connection;
    private final Map<Indicator, Long> indicatorIds = new HashMap<>();
    private final Analyst analyst;

    LookupWriter(Connection connection, Analyst analyst) {
        this.connection = connection;
        this.analyst = analyst;
    }

    /**
     * Prepared statements of each writer connection, kept across lookups: preparing the same few statements
     * for every fact cost more than running them. Only the store's single writer thread uses a writer
     * connection, and closing the connection closes its statements.
     */
    private static final Map<Connection, Map<String, PreparedStatement>> STATEMENTS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private PreparedStatement prepared(String sql) throws SQLException {
        return prepared(sql, Statement.NO_GENERATED_KEYS);
    }

    private PreparedStatement prepared(String sql, int keys) throws SQLException {
        Map<String, PreparedStatement> mine = STATEMENTS.computeIfAbsent(connection, c -> new HashMap<>());
        PreparedStatement ps = mine.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = connection.prepareStatement(sql, keys);
            mine.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    /** The arguments of one {@code saveLookup}. */
    record Lookup(String source, Indicator indicator, String params, Instant started, Instant finished,
                  LookupResult result, Duration ttl, Analyst analyst) {
        Lookup(String source, Indicator indicator, String params, Instant started, Instant finished,
               LookupResult result, Duration ttl) {
            this(source, indicator, params, started, finished, result, ttl, null);
        }
    }

    static void writeCaseMeta(Connection connection, String name, Instant created) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO case_meta (id, name, created_ms, format, format_version) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""")) {
            ps.setString(1, name);
            ps.setLong(2, created.toEpochMilli());
            ps.setString(3, "infrapivot-case");
            ps.setInt(4, 1);
            ps.executeUpdate();
        }
    }

    void addSeeds(Collection<Indicator> seeds, Instant now) throws SQLException {
        {
            PreparedStatement ps = prepared(
                "INSERT INTO seeds (indicator_id, added_ms) VALUES (?, ?) ON CONFLICT (indicator_id) DO NOTHING");
            for (Indicator seed : seeds) {
                ps.setLong(1, indicatorId(seed, now));
                ps.setLong(2, now.toEpochMilli());
                ps.executeUpdate();
            }
        }
    }

    LookupRecord save(Lookup l) throws SQLException {
        LookupResult result = l.result();
        String params = l.params() == null ? "" : l.params();
        long started = l.started().toEpochMilli();
        long finished = l.finished().toEpochMilli();
        boolean cacheable = isCacheable(result.outcome());
        long ttl = ttlMillis(l.ttl());
        long expires = cacheable ? saturatedAdd(finished, ttl) : finished;
        int count = result.observations().size();

        long lookupId;
        {
            PreparedStatement ps = prepared("""
                INSERT INTO lookups (source, indicator_id, params, started_ms, finished_ms, outcome, message, total,
                                     expires_ms, observation_count, analyst, host)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, l.source());
            ps.setLong(2, indicatorId(l.indicator(), l.finished()));
            ps.setString(3, params);
            ps.setLong(4, started);
            ps.setLong(5, finished);
            ps.setString(6, result.outcome().id());
            ps.setString(7, result.message());
            Columns.bindLong(ps, 8, result.total());
            ps.setLong(9, expires);
            ps.setInt(10, count);
            Analyst who = l.analyst() != null ? l.analyst() : analyst;
            ps.setString(11, who.name());
            ps.setString(12, who.host());
            ps.executeUpdate();
            lookupId = generatedId(ps);
        }
        Map<RawAnswer, Long> evidenceIds = new IdentityHashMap<>();
        for (RawAnswer answer : result.evidence()) evidenceId(answer, lookupId, evidenceIds);
        for (Observation o : result.observations()) {
            Long evidenceId = o.evidence() == null ? null : evidenceId(o.evidence(), lookupId, evidenceIds);
            long observationId = upsertObservation(o);
            insertSighting(observationId, lookupId, evidenceId, o);
        }
        return new LookupRecord(lookupId, l.source(), l.indicator(), params, Instant.ofEpochMilli(started),
                Instant.ofEpochMilli(finished), result.outcome(), result.message(), result.total(),
                Instant.ofEpochMilli(expires), count);
    }

    static boolean isCacheable(Outcome outcome) {
        return outcome == Outcome.OK || outcome == Outcome.EMPTY || outcome == Outcome.TRUNCATED;
    }

    private long evidenceId(RawAnswer answer, long lookupId, Map<RawAnswer, Long> ids) throws SQLException {
        Long known = ids.get(answer);
        if (known != null) return known;
        {
            PreparedStatement ps = prepared("""
                INSERT INTO evidence (lookup_id, source, request, sha256, content_type, status, started_ms,
                                      elapsed_ms, response)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            ps.setLong(1, lookupId);
            ps.setString(2, answer.source());
            ps.setString(3, answer.request());
            ps.setString(4, CanonicalJson.sha256(answer.response()));
            ps.setString(5, answer.contentType());
            ps.setString(6, answer.status());
            ps.setLong(7, answer.started().toEpochMilli());
            ps.setLong(8, answer.elapsed().toMillis());
            ps.setBytes(9, answer.response());
            ps.executeUpdate();
            long id = generatedId(ps);
            ids.put(answer, id);
            return id;
        }
    }

    /**
     * Inserts the fact if new, else widens its spans in the same statement (an upsert, atomic on SQLite and
     * PostgreSQL alike); returns its id. A link's annotation value (e.g. a record TTL) follows the newest
     * sighting; an attribute's value is its identity and never changes.
     */
    private long upsertObservation(Observation o) throws SQLException {
        long subjectId = indicatorId(o.subject(), o.learnedAt());
        Long objectId = o.object() == null ? null : indicatorId(o.object(), o.learnedAt());
        String valueJson = o.value() == null ? null : CanonicalJson.text(o.value());
        String valueSha = valueJson == null ? null : CanonicalJson.sha256(valueJson);
        String factKey = objectId != null ? "o:" + objectId : "v:" + valueSha;
        long learned = o.learnedAt().toEpochMilli();
        {
            PreparedStatement ps = prepared("""
                INSERT INTO observations (subject_id, relation, object_id, value_json, value_sha256, fact_key,
                                          first_seen_ms, last_seen_ms, first_learned_ms, last_learned_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_id, relation, fact_key) DO UPDATE SET
                  first_seen_ms = CASE WHEN observations.first_seen_ms IS NULL THEN excluded.first_seen_ms
                                       WHEN excluded.first_seen_ms < observations.first_seen_ms
                                       THEN excluded.first_seen_ms ELSE observations.first_seen_ms END,
                  last_seen_ms = CASE WHEN observations.last_seen_ms IS NULL THEN excluded.last_seen_ms
                                      WHEN excluded.last_seen_ms > observations.last_seen_ms
                                      THEN excluded.last_seen_ms ELSE observations.last_seen_ms END,
                  first_learned_ms = CASE WHEN excluded.first_learned_ms < observations.first_learned_ms
                                          THEN excluded.first_learned_ms ELSE observations.first_learned_ms END,
                  last_learned_ms = CASE WHEN excluded.last_learned_ms > observations.last_learned_ms
                                         THEN excluded.last_learned_ms ELSE observations.last_learned_ms END,
                  value_json = CASE WHEN excluded.object_id IS NOT NULL AND excluded.value_json IS NOT NULL
                                    THEN excluded.value_json ELSE observations.value_json END,
                  value_sha256 = CASE WHEN excluded.object_id IS NOT NULL AND excluded.value_json IS NOT NULL
                                      THEN excluded.value_sha256 ELSE observations.value_sha256 END""");
            ps.setLong(1, subjectId);
            ps.setString(2, o.relation().id());
            Columns.bindLong(ps, 3, objectId);
            ps.setString(4, valueJson);
            ps.setString(5, valueSha);
            ps.setString(6, factKey);
            Columns.bindLong(ps, 7, Columns.millis(o.firstSeen()));
            Columns.bindLong(ps, 8, Columns.millis(o.lastSeen()));
            ps.setLong(9, learned);
            ps.setLong(10, learned);
            ps.executeUpdate();
        }
        {
            PreparedStatement ps = prepared(
                "SELECT id FROM observations WHERE subject_id = ? AND relation = ? AND fact_key = ?");
            ps.setLong(1, subjectId);
            ps.setString(2, o.relation().id());
            ps.setString(3, factKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("observation vanished during its own transaction");
                return rs.getLong(1);
            }
        }
    }

    private void insertSighting(long observationId, long lookupId, Long evidenceId, Observation o)
            throws SQLException {
        {
            PreparedStatement ps = prepared("""
                INSERT INTO sightings (observation_id, lookup_id, evidence_id, source, first_seen_ms, last_seen_ms,
                                       seen_count, learned_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
            ps.setLong(1, observationId);
            ps.setLong(2, lookupId);
            Columns.bindLong(ps, 3, evidenceId);
            ps.setString(4, o.source());
            Columns.bindLong(ps, 5, Columns.millis(o.firstSeen()));
            Columns.bindLong(ps, 6, Columns.millis(o.lastSeen()));
            Columns.bindLong(ps, 7, o.count());
            ps.setLong(8, o.learnedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private long indicatorId(Indicator indicator, Instant now) throws SQLException {
        Long known = indicatorIds.get(indicator);
        if (known != null) return known;
        {
            PreparedStatement ps = prepared(
                "INSERT INTO indicators (type, value, added_ms) VALUES (?, ?, ?) "
                        + "ON CONFLICT (type, value) DO NOTHING");
            ps.setString(1, indicator.type().id());
            ps.setString(2, indicator.value());
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
        {
            PreparedStatement ps = prepared(
                "SELECT id FROM indicators WHERE type = ? AND value = ?");
            ps.setString(1, indicator.type().id());
            ps.setString(2, indicator.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                indicatorIds.put(indicator, id);
                return id;
            }
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) throw new SQLException("the database returned no id for the new row");
            return keys.getLong(1);
        }
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl == null || ttl.isNegative()) return 0;
        return ttl.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : ttl.toMillis();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
