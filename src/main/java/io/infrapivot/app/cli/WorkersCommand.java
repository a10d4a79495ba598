package io.infrapivot.app.cli;

import io.infrapivot.app.worker.TaskQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot workers}: the live workers of the shared store, their sources, load and last heartbeat. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "List the live workers of a shared PostgreSQL store: sources, tasks in flight, last heartbeat.")
final class WorkersCommand implements Callable<Integer> {
    /** A worker silent longer than this is not listed. */
    static final Duration LIVE = Duration.ofSeconds(30);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "JSON Lines: one object per worker.")
    boolean json;

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        List<TaskQueue.WorkerRow> rows;
        try (TaskQueue queue = DistributedLookup.queue(ctx)) {
            rows = queue.workers(LIVE);
        }
        if (!json && rows.isEmpty()) t.println("no live workers at " + Terminal.v(ctx.cases().location()));
        for (TaskQueue.WorkerRow w : rows) {
            if (json) {
                var o = Json.object();
                o.put("name", w.name());
                o.put("host", w.host());
                o.put("sources", w.sources());
                o.put("concurrency", w.concurrency());
                o.put("in_flight", w.inFlight());
                o.put("done", w.done());
                o.put("started", w.started().toString());
                o.put("heartbeat", w.heartbeat().toString());
                Json.line(t.out(), o);
            } else {
                t.println(Report.pad(Terminal.v(w.name()), 24) + Report.pad(Terminal.v(w.host()), 20)
                        + "sources " + Terminal.v(w.sources()) + ", " + w.inFlight() + "/" + w.concurrency()
                        + " in flight, " + w.done() + " done, heartbeat " + w.heartbeat());
            }
        }
        return ExitCodes.OK;
    }
}
