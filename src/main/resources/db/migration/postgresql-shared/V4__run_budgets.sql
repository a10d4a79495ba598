-- A distributed pivot's --budget (requests per source), shared by every worker running its tasks: one row per
-- (run, source), made on first use with the budget the task carries and taken one request at a time
-- (UPDATE ... SET remaining = remaining - 1 WHERE remaining > 0 RETURNING).
CREATE TABLE run_budgets (
    batch     TEXT NOT NULL,
    source    TEXT NOT NULL,
    remaining INT  NOT NULL CHECK (remaining >= 0),
    PRIMARY KEY (batch, source)
);
