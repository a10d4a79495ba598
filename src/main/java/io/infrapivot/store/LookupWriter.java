package io.infrapivot.store;

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

    LookupWriter(Connection connection) {
        this.connection = connection;
    }

    /** The arguments of one {@code saveLookup}. */
    record Lookup(String source, Indicator indicator, String params, Instant started, Instant finished,
                  LookupResult result, Duration ttl) {
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
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO seeds (indicator_id, added_ms) VALUES (?, ?) ON CONFLICT (indicator_id) DO NOTHING")) {
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
        long ttl = l.ttl() == null || l.ttl().isNegative() ? 0 : l.ttl().toMillis();
        long expires = cacheable ? saturatedAdd(finished, ttl) : finished;
        int count = result.observations().size();

        long lookupId;
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO lookups (source, indicator_id, params, started_ms, finished_ms, outcome, message, total,
                                     expires_ms, observation_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, l.source());
            ps.setLong(2, indicatorId(l.indicator(), l.finished()));
            ps.setString(3, params);
            ps.setLong(4, started);
            ps.setLong(5, finished);
            ps.setString(6, result.outcome().id());
            ps.setString(7, result.message());
            Millis.bind(ps, 8, result.total());
            ps.setLong(9, expires);
            ps.setInt(10, count);
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
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO evidence (lookup_id, source, request, sha256, content_type, status, started_ms,
                                      elapsed_ms, response)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
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

    /** Inserts the fact if new, else widens its spans; returns its id. */
    private long upsertObservation(Observation o) throws SQLException {
        long subjectId = indicatorId(o.subject(), o.learnedAt());
        Long objectId = o.object() == null ? null : indicatorId(o.object(), o.learnedAt());
        String valueJson = o.value() == null ? null : CanonicalJson.text(o.value());
        String valueSha = valueJson == null ? null : CanonicalJson.sha256(valueJson);
        String factKey = objectId != null ? "o:" + objectId : "v:" + valueSha;
        Long firstSeen = Millis.of(o.firstSeen());
        Long lastSeen = Millis.of(o.lastSeen());
        long learned = o.learnedAt().toEpochMilli();
        boolean inserted;
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO observations (subject_id, relation, object_id, value_json, value_sha256, fact_key,
                                          first_seen_ms, last_seen_ms, first_learned_ms, last_learned_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_id, relation, fact_key) DO NOTHING""")) {
            ps.setLong(1, subjectId);
            ps.setString(2, o.relation().id());
            Millis.bind(ps, 3, objectId);
            ps.setString(4, valueJson);
            ps.setString(5, valueSha);
            ps.setString(6, factKey);
            Millis.bind(ps, 7, firstSeen);
            Millis.bind(ps, 8, lastSeen);
            ps.setLong(9, learned);
            ps.setLong(10, learned);
            inserted = ps.executeUpdate() == 1;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT id, first_seen_ms, last_seen_ms, first_learned_ms, last_learned_ms FROM observations
                WHERE subject_id = ? AND relation = ? AND fact_key = ?""")) {
            ps.setLong(1, subjectId);
            ps.setString(2, o.relation().id());
            ps.setString(3, factKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("observation vanished during its own transaction");
                long id = rs.getLong("id");
                if (inserted) return id;
                widen(id, Millis.min(Millis.nullableLong(rs, "first_seen_ms"), firstSeen),
                        Millis.max(Millis.nullableLong(rs, "last_seen_ms"), lastSeen),
                        Math.min(rs.getLong("first_learned_ms"), learned),
                        Math.max(rs.getLong("last_learned_ms"), learned),
                        objectId != null ? valueJson : null, objectId != null ? valueSha : null);
                return id;
            }
        }
    }

    /** Sets the widened spans; a link's annotation value (e.g. a record TTL) follows the newest sighting. */
    private void widen(long id, Long firstSeen, Long lastSeen, long firstLearned, long lastLearned,
                       String linkValue, String linkValueSha) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                UPDATE observations SET first_seen_ms = ?, last_seen_ms = ?, first_learned_ms = ?,
                       last_learned_ms = ?, value_json = COALESCE(?, value_json),
                       value_sha256 = COALESCE(?, value_sha256)
                WHERE id = ?""")) {
            Millis.bind(ps, 1, firstSeen);
            Millis.bind(ps, 2, lastSeen);
            ps.setLong(3, firstLearned);
            ps.setLong(4, lastLearned);
            ps.setString(5, linkValue);
            ps.setString(6, linkValueSha);
            ps.setLong(7, id);
            ps.executeUpdate();
        }
    }

    private void insertSighting(long observationId, long lookupId, Long evidenceId, Observation o)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO sightings (observation_id, lookup_id, evidence_id, source, first_seen_ms, last_seen_ms,
                                       seen_count, learned_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, observationId);
            ps.setLong(2, lookupId);
            Millis.bind(ps, 3, evidenceId);
            ps.setString(4, o.source());
            Millis.bind(ps, 5, Millis.of(o.firstSeen()));
            Millis.bind(ps, 6, Millis.of(o.lastSeen()));
            Millis.bind(ps, 7, o.count());
            ps.setLong(8, o.learnedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private long indicatorId(Indicator indicator, Instant now) throws SQLException {
        Long known = indicatorIds.get(indicator);
        if (known != null) return known;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO indicators (type, value, added_ms) VALUES (?, ?, ?) ON CONFLICT (type, value) DO NOTHING")) {
            ps.setString(1, indicator.type().id());
            ps.setString(2, indicator.value());
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id FROM indicators WHERE type = ? AND value = ?")) {
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

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
