-- The workers' tables (schema "infrapivot"): db-scheduler's task queue, which lookup tasks are done (each lookup
-- stored once, even when a task runs again after its worker died), and the live workers. Nothing secret: a
-- task names a case, a source, an indicator and who asked; API keys stay in each worker's own config.

-- db-scheduler's table for PostgreSQL (as its documentation gives it)
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- one row per lookup task: written in the same transaction as the lookup it stored
CREATE TABLE lookup_tasks (
    task_id     TEXT   PRIMARY KEY,
    batch       TEXT   NOT NULL,
    case_name   TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    indicator   TEXT   NOT NULL,
    outcome     TEXT,
    lookup_id   BIGINT,
    worker      TEXT   NOT NULL,
    finished_ms BIGINT NOT NULL
);
CREATE INDEX lookup_tasks_batch ON lookup_tasks (batch);

CREATE TABLE workers (
    name         TEXT   PRIMARY KEY,
    host         TEXT   NOT NULL,
    sources      TEXT   NOT NULL,
    concurrency  INT    NOT NULL,
    started_ms   BIGINT NOT NULL,
    heartbeat_ms BIGINT NOT NULL,
    in_flight    INT    NOT NULL,
    done         BIGINT NOT NULL
);
