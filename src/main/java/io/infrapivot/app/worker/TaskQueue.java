package io.infrapivot.app.worker;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.VoidExecutionHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.infrapivot.store.ConnectionLoss;
import io.infrapivot.store.PostgresCaseRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The shared lookup queue on the team's PostgreSQL: db-scheduler's table {@code infrapivot.scheduled_tasks}
 * (leases with heartbeats: a task whose worker stops heartbeating is picked up by another) and the record of
 * finished tasks {@code infrapivot.lookup_tasks}.
 */
public final class TaskQueue implements AutoCloseable {
    /** db-scheduler's table, in the shared schema. */
    static final String TABLE = PostgresCaseRepository.SHARED_SCHEMA + ".scheduled_tasks";
    /** A task's name is this and its source's id: a worker registers the names of its sources only, so it never
     * fetches a task of another source (db-scheduler leaves a task whose name it cannot resolve in the table). */
    static final String TASK_NAME = "lookup:";

    private final PostgresCaseRepository repository;
    private final com.zaxxer.hikari.HikariDataSource shared;

    public TaskQueue(PostgresCaseRepository repository) {
        this(repository, 4);
    }

    /** The queue, with a pool of up to {@code connections} connections to the shared schema. */
    public TaskQueue(PostgresCaseRepository repository, int connections) {
        this.repository = repository;
        repository.ensureShared();
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(repository.dataSource(PostgresCaseRepository.SHARED_SCHEMA));
        config.setMaximumPoolSize(Math.max(2, connections));
        config.setMinimumIdle(1);
        config.setPoolName("infrapivot-queue");
        this.shared = new com.zaxxer.hikari.HikariDataSource(config);
    }

    @Override
    public void close() {
        shared.close();
    }

    PostgresCaseRepository repository() {
        return repository;
    }

    DataSource dataSource() {
        return shared;
    }

    /** How long the queue's reads and writes wait for a lost server to come back (a restart). */
    static final Duration RECONNECT_PATIENCE = Duration.ofSeconds(120);

    /** Work on a connection of the pool. */
    @FunctionalInterface
    interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection; when the connection was lost (the server restarted: the pool drops
     * such a connection) it runs again on another, until the server is back ({@link ConnectionLoss}).
     */
    private <T> T sql(String failure, Sql<T> work) {
        try {
            return ConnectionLoss.retry(RECONNECT_PATIENCE, () -> {
                try (Connection c = shared.getConnection()) {
                    return work.run(c);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException(failure + e.getMessage(), e);
        }
    }

    /** The task definition, with the handler a worker runs (enqueuers give a handler that is never called). */
    static OneTimeTask<LookupTask> definition(String source, VoidExecutionHandler<LookupTask> handler) {
        return Tasks.oneTime(TASK_NAME + source, LookupTask.class)
                // a task that failed (a store hiccup) is tried again soon
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(20,
                        new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1))))
                .execute(handler);
    }

    /** Queues the tasks for now; returns their ids. */
    public List<String> enqueue(List<LookupTask> tasks) {
        java.util.Map<String, OneTimeTask<LookupTask>> defs = new java.util.LinkedHashMap<>();
        for (LookupTask t : tasks) defs.computeIfAbsent(t.source(), s -> definition(s, (i, c) -> { }));
        SchedulerClient client = SchedulerClient.Builder.create(shared, new ArrayList<>(defs.values()))
                .tableName(TABLE).serializer(new JacksonSerializer()).build();
        List<TaskInstance<?>> instances = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (LookupTask t : tasks) {
            String id = t.batch() + "/" + UUID.randomUUID();
            ids.add(id);
            instances.add(defs.get(t.source()).instance(id, t));
        }
        try {
            // a batch that met a lost connection was not committed: scheduled again, with the same ids
            ConnectionLoss.retry(RECONNECT_PATIENCE, () -> {
                client.scheduleBatch(instances, Instant.now());
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue the tasks: " + e.getMessage(), e);
        }
        return ids;
    }

    /** How many tasks of {@code batch} are finished (stored, answered from the cache, or refused). */
    public int finished(String batch) {
        return sql("could not read the queue's progress: ", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM lookup_tasks WHERE batch = ?")) {
                ps.setString(1, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The outcome of every finished task of {@code batch}: (source, indicator, outcome, worker). */
    public List<String[]> outcomes(String batch) {
        return sql("could not read the queue's progress: ", c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT source, indicator, outcome, worker FROM lookup_tasks WHERE batch = ? ORDER BY indicator, source")) {
                ps.setString(1, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return out;
        });
    }

    /** A finished task: its outcome ({@code ok}, {@code error}, {@code cached}, {@code refused:REFUSAL}…) and the
     * lookup it stored (null when none). */
    public record Finished(String outcome, Long lookupId) {
    }

    /** The finished ones among {@code taskIds}, by id. */
    public java.util.Map<String, Finished> finished(java.util.Collection<String> taskIds) {
        if (taskIds.isEmpty()) return new java.util.HashMap<>();
        return sql("could not read the queue's progress: ", c -> {
            java.util.Map<String, Finished> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT task_id, outcome, lookup_id FROM lookup_tasks WHERE task_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", taskIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(3);
                        out.put(rs.getString(1), new Finished(rs.getString(2), rs.wasNull() ? null : id));
                    }
                }
            }
            return out;
        });
    }

    /** Records a task that ended without storing a lookup (a cache hit or a refusal); false when done before. */
    boolean markDone(String taskId, LookupTask t, String outcome, String worker) {
        return sql("could not record a finished task: ", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO lookup_tasks (task_id, batch, case_name, source, indicator, outcome, worker, finished_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING""")) {
                ps.setString(1, taskId);
                ps.setString(2, t.batch());
                ps.setString(3, t.caseName());
                ps.setString(4, t.source());
                ps.setString(5, t.indicator());
                ps.setString(6, outcome);
                ps.setString(7, worker);
                ps.setLong(8, System.currentTimeMillis());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** True when the task already has its row (it ran to the end before, perhaps on a worker since killed). */
    boolean isDone(String taskId) {
        return sql("could not read the queue: ", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lookup_tasks WHERE task_id = ?")) {
                ps.setString(1, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Takes one request of {@code source} from {@code batch}'s budget of {@code limit} (its row made on first use):
     * true when taken, false when none is left. Atomic across the fleet (one conditional UPDATE).
     */
    boolean takeBudget(String batch, String source, int limit) {
        return sql("could not take from the run's request budget: ", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO run_budgets (batch, source, remaining) VALUES (?, ?, ?)
                    ON CONFLICT (batch, source) DO NOTHING""")) {
                ps.setString(1, batch);
                ps.setString(2, source);
                ps.setInt(3, Math.max(0, limit));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE run_budgets SET remaining = remaining - 1
                    WHERE batch = ? AND source = ? AND remaining > 0 RETURNING remaining""")) {
                ps.setString(1, batch);
                ps.setString(2, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Gives back a request taken from {@code batch}'s budget but not sent. */
    void giveBackBudget(String batch, String source) {
        sql("could not give back to the run's request budget: ", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE run_budgets SET remaining = remaining + 1 WHERE batch = ? AND source = ?")) {
                ps.setString(1, batch);
                ps.setString(2, source);
                return ps.executeUpdate();
            }
        });
    }

    /** What is left of {@code batch}'s budget, per budgeted source the workers have asked. */
    public java.util.Map<String, Integer> budgetLeft(String batch) {
        return sql("could not read the run's request budget: ", c -> {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT source, remaining FROM run_budgets WHERE batch = ?")) {
                ps.setString(1, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** A live worker as listed by {@code infrapivot workers}. */
    public record WorkerRow(String name, String host, String sources, int concurrency, Instant started,
                            Instant heartbeat, int inFlight, long done) {
    }

    /** The workers that sent a heartbeat within {@code within}, by name. */
    public List<WorkerRow> workers(Duration within) {
        return sql("could not list the workers: ", c -> {
            List<WorkerRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                SELECT name, host, sources, concurrency, started_ms, heartbeat_ms, in_flight, done FROM workers
                WHERE heartbeat_ms >= ? ORDER BY name""")) {
                ps.setLong(1, System.currentTimeMillis() - within.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WorkerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7),
                                rs.getLong(8)));
                    }
                }
            }
            return out;
        });
    }

    /** Writes a worker's heartbeat row. */
    void heartbeat(WorkerRow w) {
        sql("could not write the worker's heartbeat: ", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO workers (name, host, sources, concurrency, started_ms, heartbeat_ms, in_flight, done)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET heartbeat_ms = excluded.heartbeat_ms,
                  in_flight = excluded.in_flight, done = excluded.done""")) {
                ps.setString(1, w.name());
                ps.setString(2, w.host());
                ps.setString(3, w.sources());
                ps.setInt(4, w.concurrency());
                ps.setLong(5, w.started().toEpochMilli());
                ps.setLong(6, w.heartbeat().toEpochMilli());
                ps.setInt(7, w.inFlight());
                ps.setLong(8, w.done());
                return ps.executeUpdate();
            }
        });
    }
}
