package io.infrapivot.app.cli;

import io.infrapivot.app.worker.TaskQueue;
import io.infrapivot.app.worker.Worker;
import io.infrapivot.engine.port.Analyst;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot worker}: takes lookup tasks from the team's shared store until stopped (Ctrl-C, SIGTERM). */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run lookups queued in a shared PostgreSQL store (--store postgresql://…) by 'lookup "
                + "--distributed' and 'pivot --distributed', with this machine's sources, keys and config, until "
                + "stopped (docs/team.md).",
        footer = {"%nA worker outlives a restart of the database: its connections are opened again and a task "
                + "in flight is stored once. SIGTERM (systemd's stop, Ctrl-C) lets the tasks it runs finish "
                + "(up to 30 s), leaves the rest in the queue for other workers, and exits with 143.",
                "%nExample:%n  infrapivot --store postgresql://ana@db/infrapivot \\%n"
                        + "      worker --sources crtsh,dns --concurrency 8 --name db1-a"})
final class WorkerCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--sources", split = ",", paramLabel = "ID", description = "Only these sources (default: all): this worker never takes another source's "
                    + "tasks.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Tasks run at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--name", paramLabel = "NAME", description = "This worker's name in 'infrapivot workers' and in the queue's record "
                    + "(default: host-pid); give each worker of a machine its own.")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        AppContext ctx = Main.context(spec);
        Counts.within("--concurrency", concurrency, 1, 1000);
        for (String s : sources) {
            if (ctx.registry().byId(s).isEmpty()) {
                throw new CliException(ExitCodes.BAD_INPUT, "--sources: unknown source '" + s + "'");
            }
        }
        TaskQueue queue = DistributedLookup.queue(ctx, concurrency * 2 + 4);
        String me = name != null ? name : Analyst.localHost() + "-" + ProcessHandle.current().pid();
        CountDownLatch stopped = new CountDownLatch(1);
        Worker worker = new Worker(queue, ctx.config(), ctx.parser(), ctx.registry(), new LinkedHashSet<>(sources),
                concurrency, me);
        Thread hook = new Thread(() -> {
            worker.close();
            queue.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        worker.start();
        ctx.terminal().error("worker " + me + " taking tasks from " + ctx.cases().location()
                + " (sources: " + (sources.isEmpty() ? "all" : String.join(",", sources)) + ", concurrency "
                + concurrency + ")");
        stopped.await();
        return ExitCodes.OK;
    }
}
