package io.infrapivot.app.cli;

import io.infrapivot.app.worker.LookupTask;
import io.infrapivot.app.worker.TaskQueue;
import io.infrapivot.engine.Selection;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.Source;
import io.infrapivot.store.PostgresCaseRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code lookup --distributed}: instead of running the lookups here, queues one task per (indicator, source) in
 * the team's shared store for the workers ({@code infrapivot worker}), then follows their progress from the store
 * until every task is finished. The facts land in the case as if looked up here.
 */
final class DistributedLookup {
    private DistributedLookup() {
    }

    /** The shared queue of the context's store; a one-line error when the store is not PostgreSQL. */
    static TaskQueue queue(AppContext ctx) {
        return queue(ctx, 4);
    }

    /** As {@link #queue(AppContext)}, with a pool of up to {@code connections} connections. */
    static TaskQueue queue(AppContext ctx, int connections) {
        if (!(ctx.cases() instanceof PostgresCaseRepository pg)) {
            throw new CliException(ExitCodes.BAD_INPUT, "workers need a shared PostgreSQL store: give --store "
                    + "postgresql://user@host:5432/db (or INFRAPIVOT_STORE)");
        }
        try {
            return new TaskQueue(pg, connections);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot reach the shared store " + pg.location() + ": "
                    + e.getMessage());
        }
    }

    /**
     * The workers as the lookups of a {@code pivot --distributed} on {@code caseName}, which take from the run's
     * {@code budget} (requests per source) together.
     */
    static io.infrapivot.app.worker.QueuedLookups remote(AppContext ctx, String caseName,
                                                        java.util.Map<String, Integer> budget) {
        return new io.infrapivot.app.worker.QueuedLookups(queue(ctx), caseName, ctx.analyst().name(), budget);
    }

    /** Queues and follows; returns the exit code (PARTIAL when a task ended in an error). */
    static int run(AppContext ctx, SourceFlags.Run run, String caseName, Collection<Indicator> indicators,
                   Selection selection, boolean refresh, boolean json, Terminal t) throws InterruptedException {
        try (TaskQueue queue = queue(ctx)) {
            return follow(queue, ctx, run, caseName, indicators, selection, refresh, json, t);
        }
    }

    private static int follow(TaskQueue queue, AppContext ctx, SourceFlags.Run run, String caseName,
                              Collection<Indicator> indicators, Selection selection, boolean refresh, boolean json,
                              Terminal t) throws InterruptedException {
        String batch = UUID.randomUUID().toString();
        List<LookupTask> tasks = new ArrayList<>();
        for (Indicator indicator : indicators) {
            for (Source s : run.engine().candidates(indicator, selection)) {
                tasks.add(new LookupTask(caseName, s.info().id(), indicator.key(), selection.active(), refresh,
                        ctx.analyst().name(), batch));
            }
        }
        queue.enqueue(tasks);
        t.error("queued " + tasks.size() + " lookups for the workers (batch " + batch + ")");
        int last = -1;
        while (true) {
            int finished = queue.finished(batch);
            if (finished != last && t.errInteractive()) t.error("distributed: " + finished + "/" + tasks.size() + " done");
            last = finished;
            if (finished >= tasks.size() || run.session().isCancelled()) break;
            Thread.sleep(500);
        }
        Map<String, Integer> byOutcome = new TreeMap<>();
        for (String[] o : queue.outcomes(batch)) {
            byOutcome.merge(o[2] == null ? "?" : o[2], 1, Integer::sum);
            if (json) {
                var line = Json.object();
                line.put("kind", "task");
                line.put("source", o[0]);
                line.put("indicator", o[1]);
                line.put("outcome", o[2]);
                line.put("worker", o[3]);
                Json.line(t.out(), line);
            }
        }
        if (!json) {
            t.println("distributed lookups: " + last + " of " + tasks.size() + " finished " + byOutcome
                    + " — the facts are in case " + Terminal.v(caseName) + " (see 'infrapivot case show')");
        }
        if (last < tasks.size()) return ExitCodes.INTERRUPTED;
        return byOutcome.containsKey("error") ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
