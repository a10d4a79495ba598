-- infrapivot case store, schema version 1 (SQLite).
-- Instants are epoch milliseconds (UTC) in 64-bit integers; the PostgreSQL twin uses BIGINT.

CREATE TABLE case_meta (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT    NOT NULL,
    created_ms     INTEGER NOT NULL,
    format         TEXT    NOT NULL,
    format_version INTEGER NOT NULL
);

CREATE TABLE indicators (
    id       INTEGER PRIMARY KEY,
    type     TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    added_ms INTEGER NOT NULL,
    UNIQUE (type, value)
);

CREATE TABLE seeds (
    indicator_id INTEGER PRIMARY KEY REFERENCES indicators (id),
    added_ms     INTEGER NOT NULL
);

CREATE TABLE lookups (
    id                INTEGER PRIMARY KEY,
    source            TEXT    NOT NULL,
    indicator_id      INTEGER NOT NULL REFERENCES indicators (id),
    params            TEXT    NOT NULL,
    started_ms        INTEGER NOT NULL,
    finished_ms       INTEGER NOT NULL,
    outcome           TEXT    NOT NULL,
    message           TEXT,
    total             INTEGER,
    expires_ms        INTEGER NOT NULL,
    observation_count INTEGER NOT NULL
);
CREATE INDEX lookups_cache ON lookups (source, indicator_id, params, expires_ms);
CREATE INDEX lookups_about ON lookups (indicator_id, finished_ms);

CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    lookup_id    INTEGER NOT NULL REFERENCES lookups (id),
    source       TEXT    NOT NULL,
    request      TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    content_type TEXT,
    status       TEXT,
    started_ms   INTEGER NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    response     BLOB    NOT NULL
);
CREATE INDEX evidence_lookup ON evidence (lookup_id);

CREATE TABLE observations (
    id               INTEGER PRIMARY KEY,
    subject_id       INTEGER NOT NULL REFERENCES indicators (id),
    relation         TEXT    NOT NULL,
    object_id        INTEGER REFERENCES indicators (id),
    value_json       TEXT,
    value_sha256     TEXT,
    fact_key         TEXT    NOT NULL,
    first_seen_ms    INTEGER,
    last_seen_ms     INTEGER,
    first_learned_ms INTEGER NOT NULL,
    last_learned_ms  INTEGER NOT NULL,
    UNIQUE (subject_id, relation, fact_key)
);
CREATE INDEX observations_object ON observations (object_id);

CREATE TABLE sightings (
    id             INTEGER PRIMARY KEY,
    observation_id INTEGER NOT NULL REFERENCES observations (id),
    lookup_id      INTEGER NOT NULL REFERENCES lookups (id),
    evidence_id    INTEGER REFERENCES evidence (id),
    source         TEXT    NOT NULL,
    first_seen_ms  INTEGER,
    last_seen_ms   INTEGER,
    seen_count     INTEGER,
    learned_ms     INTEGER NOT NULL
);
CREATE INDEX sightings_observation ON sightings (observation_id);
CREATE INDEX sightings_lookup ON sightings (lookup_id);
