-- infrapivot's shared catalogue on PostgreSQL (schema "infrapivot"): which cases exist and the schema of each.
-- A case lives in a schema of its own (case_<n>), with exactly the tables of an SQLite case file.
CREATE SEQUENCE case_numbers;

CREATE TABLE cases (
    name        TEXT   PRIMARY KEY,
    schema_name TEXT   NOT NULL UNIQUE,
    created_ms  BIGINT NOT NULL
);
