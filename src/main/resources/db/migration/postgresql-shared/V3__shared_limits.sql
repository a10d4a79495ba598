-- Per-source rate limits shared by every worker of the fleet: one row per request admitted (a sliding window).
CREATE TABLE source_requests (
    source TEXT   NOT NULL,
    at_ms  BIGINT NOT NULL
);
CREATE INDEX source_requests_window ON source_requests (source, at_ms);
