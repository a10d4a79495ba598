package io.infrapivot.app.worker;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.PostgresCaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code infrapivot worker}: takes lookup tasks from the team's shared queue (db-scheduler on PostgreSQL: a task is
 * leased by heartbeats, and one whose worker stops heartbeating — killed, cut off — is picked up by another) and
 * runs each through an engine and a {@link LookupSession} exactly as the CLI does, with this machine's config and
 * keys. Each task's lookup is stored once ({@link TaskBoundStore}). The worker's row in {@code infrapivot.workers}
 * says it is alive, what it runs and how much.
 */
public final class Worker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("infrapivot.worker");
    /** How often a worker says it is alive (its tasks' leases, and its row in the workers table). */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** Missed heartbeats after which another worker takes a task over. */
    public static final int MISSED_HEARTBEATS = 5;

    private final TaskQueue queue;
    private final Config config;
    private final IndicatorParser parser;
    private final SourceRegistry registry;
    private final Set<String> sources;
    private final int concurrency;
    private final String name;
    private final Instant started = Instant.now();
    private final Map<String, Engine> engines = new ConcurrentHashMap<>();
    private final Map<String, TaskBoundStore> stores = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong done = new AtomicLong();
    private final Scheduler scheduler;
    private final SharedLimit limits;
    private final ScheduledExecutorService beats;

    /**
     * @param sources the sources this worker runs (empty: every one); it never takes a task of another source
     */
    public Worker(TaskQueue queue, Config config, IndicatorParser parser, SourceRegistry registry, Set<String> sources,
                  int concurrency, String name) {
        this.queue = queue;
        this.config = config;
        this.parser = parser;
        this.registry = registry;
        this.sources = Set.copyOf(sources);
        this.concurrency = concurrency;
        this.name = name;
        // one task name per source, registered only for this worker's sources: a task of another source is never
        // fetched (fetch-and-lock resolves a row's task before locking it; an unknown name stays in the table)
        List<com.github.kagkarlsson.scheduler.task.Task<?>> mine = new java.util.ArrayList<>();
        for (String id : this.sources.isEmpty() ? registry.ids() : new java.util.TreeSet<>(this.sources)) {
            mine.add(TaskQueue.definition(id, this::run));
        }
        this.scheduler = Scheduler.create(queue.dataSource(), mine)
                .tableName(TaskQueue.TABLE)
                .serializer(new JacksonSerializer())
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(concurrency)
                .pollingInterval(Duration.ofMillis(100))
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                // fetch again once fewer tasks than threads are waiting, up to twice the threads; fetch-and-lock,
                // not lock-and-fetch, which would lock (and strand) rows of other workers' sources
                .pollUsingFetchAndLockOnExecute(1.0, 2.0)
                .deleteUnresolvedAfter(Duration.ofDays(3650))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
        this.limits = new SharedLimit(queue.dataSource());
        this.beats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("worker-heartbeat")
                .factory());
    }

    /** Starts taking tasks (returns at once). */
    public void start() {
        beat();
        beats.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.start();
    }

    public String name() {
        return name;
    }

    /** Lookups finished by this worker so far. */
    public long done() {
        return done.get();
    }

    private void beat() {
        try {
            queue.heartbeat(new TaskQueue.WorkerRow(name, Analyst.localHost(),
                    sources.isEmpty() ? "*" : String.join(",", new java.util.TreeSet<>(sources)), concurrency, started,
                    Instant.now(), inFlight.get(), done.get()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "worker heartbeat failed", e);
        }
    }

    /** Runs one task (db-scheduler's handler). */
    private void run(TaskInstance<LookupTask> instance, ExecutionContext context) {
        LookupTask t = instance.getData();
        String taskId = instance.getId();
        if (queue.isDone(taskId)) return; // ran to the end before, on a worker that died before the queue heard
        inFlight.incrementAndGet();
        try {
            Indicator indicator = indicator(t.indicator());
            TaskBoundStore store = stores.computeIfAbsent(t.caseName(),
                    n -> new TaskBoundStore(queue.repository().openStore(n, true)));
            Engine engine = engines.computeIfAbsent(t.caseName(),
                    n -> shared(new Engine(registry, config, store, parser, Clock.systemUTC())));
            Analyst who = new Analyst(t.analyst(), Analyst.localHost());
            List<SourceOutcome> outcomes;
            while (true) {
                awaitShared(engine, t);
                store.begin(t.source(), indicator, new TaskBoundStore.Running(
                        new PostgresCaseStore.Task(taskId, t.batch(), name), who));
                try (LookupSession session = engine.session()) {
                    if (t.budget() != null && !t.budget().isEmpty()) {
                        session.shareBudget(new RunBudget(queue, t.batch(), t.budget()));
                    }
                    outcomes = session.lookup(List.of(indicator),
                            new Selection(Set.of(t.source()), Set.of(), t.active(), false),
                            options(t), Duration.ofSeconds(60), t.refresh(), null, null);
                } finally {
                    store.end(t.source(), indicator);
                }
                // another worker took the window's last permit first: nothing was sent, wait in line again
                if (outcomes.size() != 1 || outcomes.getFirst().refusal() != io.infrapivot.engine.Refusal.RATE_LIMITED) {
                    break;
                }
                Thread.sleep(1_000);
            }
            String outcome = outcomes.isEmpty() ? "skipped" : outcomes.getFirst().isRefused()
                    ? "refused:" + outcomes.getFirst().refusal().name() : outcomes.getFirst().outcome() == null ? "done" : outcomes.getFirst().outcome().id();
            queue.markDone(taskId, t, outcome, name); // no-op when the lookup was stored with its task row
            done.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** An engine whose every request also takes a permit of the fleet's window of its source. */
    private Engine shared(Engine engine) {
        engine.shareRateLimits(limits);
        return engine;
    }

    /**
     * Waits until the source's rate limit shared by the fleet has room (this worker's config says the number, the
     * source its period), so that the task waits here rather than being refused; the lookup's requests then take
     * their permits, one per HTTP request, in the engine. A source without a limit waits for nothing.
     */
    private void awaitShared(Engine engine, LookupTask t) throws InterruptedException {
        var source = registry.byId(t.source()).orElse(null);
        if (source == null || source.info().rateLimit() == null) return;
        Integer permits = engine.settingsOf(source).find(io.infrapivot.engine.EngineSettings.RATE_LIMIT)
                .orElse(source.info().rateLimit().permits());
        if (permits == null || permits <= 0) return;
        limits.awaitRoom(t.source(), permits, source.info().rateLimit().per());
    }

    private Indicator indicator(String key) {
        int colon = key.indexOf(':');
        IndicatorType type = IndicatorType.fromId(key.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("unknown indicator type in task: " + key));
        return Indicator.fromCanonical(type, key.substring(colon + 1));
    }

    /** The asker's run options carried by the task (resolvers, result cap), else the defaults. */
    private static RunOptions options(LookupTask t) {
        RunOptions d = RunOptions.defaults();
        return new RunOptions(t.resolvers() == null ? d.resolvers() : t.resolvers(), t.active(), null, null,
                t.maxResults() == null ? d.maxResults() : t.maxResults());
    }

    @Override
    public void close() {
        scheduler.stop();
        beats.shutdownNow();
        engines.values().forEach(Engine::close);
        stores.values().forEach(TaskBoundStore::close);
    }
}
