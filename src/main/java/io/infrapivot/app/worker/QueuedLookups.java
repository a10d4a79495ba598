package io.infrapivot.app.worker;

import io.infrapivot.engine.Refusal;
import io.infrapivot.engine.RemoteLookups;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@link RemoteLookups} on the team's queue ({@code pivot --distributed}): each lookup is queued as a task for the
 * workers; one poller reads which of the waiting tasks are finished ({@code infrapivot.lookup_tasks}, with the
 * lookup each stored) and wakes their askers. One batch per run.
 */
public final class QueuedLookups implements RemoteLookups, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("infrapivot.worker");
    private static final long POLL_MS = 200;

    private final TaskQueue queue;
    private final String caseName;
    private final String analyst;
    private final Map<String, Integer> budget;
    private final String batch = UUID.randomUUID().toString();
    private final Map<String, CompletableFuture<TaskQueue.Finished>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("distributed-poll").factory());

    /** Queues on {@code queue} (closed with this) for case {@code caseName}, as asked by {@code analyst}. */
    public QueuedLookups(TaskQueue queue, String caseName, String analyst) {
        this(queue, caseName, analyst, Map.of());
    }

    /**
     * As above, with the run's request budget per source ({@code --budget}; {@code "*"}: each other source), which
     * the workers take from together ({@link RunBudget}).
     */
    public QueuedLookups(TaskQueue queue, String caseName, String analyst, Map<String, Integer> budget) {
        this.queue = queue;
        this.caseName = caseName;
        this.analyst = analyst;
        this.budget = Map.copyOf(budget);
        poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** What is left of the run's budget, per budgeted source the workers have asked (empty: no budget). */
    public Map<String, Integer> budgetLeft() {
        return budget.isEmpty() ? Map.of() : queue.budgetLeft(batch);
    }

    /** The batch this run's tasks belong to. */
    public String batch() {
        return batch;
    }

    private void poll() {
        if (waiting.isEmpty()) return;
        try {
            queue.finished(List.copyOf(waiting.keySet())).forEach((id, f) -> {
                CompletableFuture<TaskQueue.Finished> w = waiting.remove(id);
                if (w != null) w.complete(f);
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not read the queue's progress", e);
        }
    }

    @Override
    public Done run(String source, Indicator indicator, RunOptions options, boolean refresh, BooleanSupplier cancelled)
            throws InterruptedException {
        LookupTask task = new LookupTask(caseName, source, indicator.key(), options.active(), refresh, analyst, batch,
                options.resolvers(), options.maxResults(), budget.isEmpty() ? null : budget);
        CompletableFuture<TaskQueue.Finished> done = new CompletableFuture<>();
        String id = queue.enqueue(List.of(task)).getFirst();
        waiting.put(id, done);
        while (true) {
            if (cancelled.getAsBoolean()) {
                waiting.remove(id);
                return null;
            }
            try {
                return done(done.get(500, TimeUnit.MILLISECONDS), RunBudget.limitOf(budget, source));
            } catch (TimeoutException e) {
                // not yet: look at the cancel flag again
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** A finished task as the engine hears it: {@code refused:NAME} is that refusal, else its stored lookup. */
    static Done done(TaskQueue.Finished f, Integer budget) {
        String outcome = f.outcome() == null ? "" : f.outcome();
        if (outcome.startsWith("refused")) {
            Refusal r = Refusal.NOT_READY;
            int colon = outcome.indexOf(':');
            if (colon > 0) {
                try {
                    r = Refusal.valueOf(outcome.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.DEBUG, "unknown refusal in the queue: " + outcome, e);
                }
            }
            if (r == Refusal.REQUEST_BUDGET && budget != null) return new Done(null, r, RunBudget.reached(budget));
            return new Done(null, r, "refused by the worker (" + r.id() + ")");
        }
        if (outcome.equals("skipped")) return new Done(null, Refusal.NOT_READY, "the worker cannot run this source");
        return new Done(f.lookupId(), null, null);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        queue.close();
    }
}
