package io.infrapivot.app.cli;

import io.infrapivot.engine.Engine;
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
     * The case and an engine on it, with the selection checked; Ctrl-C cancels the running lookups and
     * closes the case (what finished is committed).
     */
    Session open(AppContext ctx) {
        List<String> known = ctx.registry().ids();
        for (String id : concat(sources, exclude)) {
            if (!known.contains(id)) {
                throw new CliException(ExitCodes.BAD_INPUT, "unknown source '" + id + "'" + Suggest.didYouMean(id, known)
                        + "; known sources: " + String.join(", ", known));
            }
        }
        CaseStore store = CaseCommand.open(ctx, ctx.caseName(caseName));
        Engine engine = new Engine(ctx.registry(), ctx.config(), store, ctx.parser(), ctx.clock());
        try {
            engine.validate(selection());
        } catch (IllegalArgumentException e) {
            engine.close();
            store.close();
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        Thread hook = new Thread(() -> {
            engine.cancel();
            store.close();
        }, "infrapivot-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Session(store, engine, hook);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** An open case and engine; closing ends both and removes the Ctrl-C hook. */
    record Session(CaseStore store, Engine engine, Thread hook) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
            store.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and closes the case itself
            }
        }
    }
}
