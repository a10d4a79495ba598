package io.infrapivot.app.cli;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.SessionOptions;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.source.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The case, source-selection and network flags that lookup and pivot share (a picocli mixin). */
final class SourceFlags {
    @Option(names = "--case", paramLabel = "NAME", description = "Case to use (name or path); default from the config, else 'default'.")
    String caseName;

    @Option(names = "--sources", split = ",", paramLabel = "ID", description = "Only these sources.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "ID", description = "Never these sources.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--active", description = "Allow active sources (they touch the target's own servers).")
    boolean active;

    @Option(names = "--offline", description = "Only offline sources and what the case already holds.")
    boolean offline;

    @Option(names = "--refresh", description = "Ask the sources again even when the case holds a fresh answer.")
    boolean refresh;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", description = "Time one source lookup may take (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]", description = "DNS resolver for every DNS-based source (repeatable).")
    List<String> resolvers = new ArrayList<>();

    /** A progress line following {@code session} on stderr, when stderr is a terminal and not {@code quiet} (-q). */
    ProgressLine progress(Terminal t, io.infrapivot.engine.LookupSession session, boolean quiet) {
        return new ProgressLine(session, t.err(), t.errInteractive() && !quiet);
    }

    Selection selection() {
        return new Selection(Set.copyOf(sources), Set.copyOf(exclude), active, offline);
    }

    Duration timeout() {
        return positive(timeout, "--timeout");
    }

    static Duration positive(String text, String option) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("must be positive");
            return d;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, option + ": " + e.getMessage());
        }
    }

    /**
     * The case, an engine on it and one lookup session with {@code options}, with the selection checked; Ctrl-C
     * cancels the session's lookups and closes the case (what finished is committed).
     */
    Run open(AppContext ctx, SessionOptions options) {
        return open(ctx, options, null);
    }

    /** As {@link #open(AppContext, SessionOptions)}; with {@code remote}, the lookups are made by the workers. */
    Run open(AppContext ctx, SessionOptions options, io.infrapivot.engine.RemoteLookups remote) {
        List<String> known = ctx.registry().ids();
        for (String id : concat(sources, exclude)) {
            if (!known.contains(id)) {
                throw new CliException(ExitCodes.BAD_INPUT, "unknown source '" + id + "'" + Suggest.didYouMean(id, known)
                        + "; known sources: " + String.join(", ", known));
            }
        }
        for (String r : resolvers) {
            try {
                io.infrapivot.engine.NetworkClients.checkResolver(r); // said once, not as every DNS lookup's error
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "--resolver: " + e.getMessage());
            }
        }
        CaseStore store = CaseCommand.open(ctx, ctx.caseName(caseName));
        Engine engine = new Engine(ctx.registry(), ctx.config(), store, ctx.parser(), ctx.clock(), remote);
        try {
            engine.validate(selection());
        } catch (IllegalArgumentException e) {
            engine.close();
            store.close();
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        LookupSession session = engine.session(options);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C or SIGTERM: the session's lookups end at once (CANCELLED), the command prints what finished
            // and closes; the case is closed here only if that takes too long
            session.cancel();
            try {
                closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.close();
        }, "infrapivot-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Run(store, engine, session, hook, closed);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** An open case, engine and session; closing ends them and removes the Ctrl-C hook. */
    record Run(CaseStore store, Engine engine, LookupSession session, Thread hook,
               java.util.concurrent.CountDownLatch closed) implements AutoCloseable {
        /**
         * When the session was cancelled (Ctrl-C, SIGTERM): one line on stderr with what finished (it is stored),
         * and the exit code for an interrupted run; else null.
         */
        Integer interrupted(Terminal t, java.util.List<io.infrapivot.engine.SourceOutcome> outcomes) {
            if (!session.isCancelled()) return null;
            long stopped = outcomes.stream().filter(o -> o.refusal() == io.infrapivot.engine.Refusal.CANCELLED).count();
            t.error("interrupted: " + (outcomes.size() - stopped) + " lookups finished (stored in the case), "
                    + stopped + " stopped; run the same command again to continue");
            return ExitCodes.INTERRUPTED;
        }

        @Override
        public void close() {
            try {
                session.close();
                engine.close();
                store.close();
            } finally {
                closed.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for this close
            }
        }
    }
}
