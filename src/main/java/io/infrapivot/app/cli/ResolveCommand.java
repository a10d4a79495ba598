package io.infrapivot.app.cli;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.ResolveOutput;
import io.infrapivot.engine.ResolveRequest;
import io.infrapivot.engine.port.CaseStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code infrapivot resolve -f names.txt [-t A,AAAA,MX]}: bulk resolution through one multiplexed UDP socket
 * (docs/dns.md), printing JSON Lines or one line per answer as they come, optionally stored in a case.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Resolve many names fast (bulk DNS); prints as it goes, stores with --case.")
final class ResolveCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Names to resolve (else -f, else stdin).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "One name per line ('-' for stdin).")
    String file;

    @Option(names = {"-t", "--types"}, paramLabel = "TYPES", defaultValue = "A",
            description = "Record types, comma-separated (default ${DEFAULT-VALUE}).")
    String types;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]", description = "Resolver (repeatable; default the system's).")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--case", paramLabel = "NAME", description = "Also store every answer in this case.")
    String caseName;

    @Option(names = "--json", description = "JSON Lines: {name, type, status, answers, cnames, error}.")
    boolean json;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "1000",
            description = "Questions outstanding at once (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--rate", paramLabel = "QPS", defaultValue = "0",
            description = "Questions per second at most (default: no limit).")
    double rate;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1500ms",
            description = "Time before a question is sent again (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "3", description = "Sends per question (default ${DEFAULT-VALUE}).")
    int tries;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        ResolveRequest request = request();
        long[] done = {0};
        long started = System.nanoTime();
        boolean showProgress = t.errInteractive();
        long total = showProgress ? totalQuestions(request.types().size()) : -1;
        ResolveOutput.Summary stats;
        Writer w = new BufferedWriter(new OutputStreamWriter(t.out(), StandardCharsets.UTF_8), 1 << 16);
        long[] flushed = {System.nanoTime()};
        // one path: a session on the engine answers through the DNS source layer's fast path, and with --case
        // stores every answer in the case
        CaseStore store = caseName == null ? null : CaseCommand.open(ctx, ctx.caseName(caseName));
        Inputs.Reader in = Inputs.open(names, file, t);
        ResolveOutput out = json ? ResolveOutput.jsonLines(Json.generator(w), w) : ResolveOutput.text(w);
        try (in; out; Engine engine = new Engine(ctx.registry(), ctx.config(), store, ctx.parser(), ctx.clock());
             LookupSession session = engine.session()) {
            Iterator<String> queries = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return in.hasNext();
                }

                @Override
                public String next() {
                    return in.next().text();
                }
            };
            stats = session.resolve(queries, request, store != null, out, () -> {
                long now = System.nanoTime();
                if (now - flushed[0] > 100_000_000L) { // a closed pipe (| head -1) is noticed within 0.1 s
                    flushed[0] = now;
                    try {
                        w.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                if (showProgress && ++done[0] % 1000 == 0) progress(t, done[0], total, started);
            });
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        } finally {
            if (store != null) store.close();
        }
        if (showProgress) t.err().print("\r\u001b[K");
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%d questions in %.1f s (%.0f/s)",
                stats.questions(), stats.nanos() / 1e9, stats.perSecond()));
        out.counts().forEach((status, n) -> summary.append(", ").append(status).append(' ').append(n));
        if (store != null) summary.append("; stored in case ").append(ctx.caseName(caseName));
        if (stats.mismatched() > 0) summary.append("; ").append(stats.mismatched())
                .append(" stray packets ignored (wrong ID, question or sender)");
        t.err().println(summary);
        in.summarise();
        return in.exit(out.failures() ? ExitCodes.PARTIAL : ExitCodes.OK);
    }

    /** A progress bar when the total is known (names from arguments or a file), else a running count. */
    static String progressLine(long done, long total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        if (total <= 0) return String.format(Locale.ROOT, "%d answers, %.0f/s", done, rate);
        int width = 30;
        int filled = (int) Math.min(width, done * width / total);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d, %.0f/s", "#".repeat(filled), "-".repeat(width - filled),
                Math.min(100, done * 100 / total), done, total, rate);
    }

    private static void progress(Terminal t, long done, long total, long started) {
        t.err().print("\r" + progressLine(done, total, (System.nanoTime() - started) / 1e9) + " ");
        t.err().flush();
    }

    /** Questions to ask, when knowable without consuming the input (not for standard input). */
    private long totalQuestions(int typeCount) {
        if (!names.isEmpty()) return (long) names.size() * typeCount;
        if (file == null || file.equals("-")) return -1;
        try (var in = Files.newInputStream(Path.of(file))) {
            Inputs.LineReader r = new Inputs.LineReader(in, Inputs.MAX_LINE_BYTES);
            long n = 0;
            for (Inputs.LineReader.Line l; (l = r.next()) != null; ) {
                if (l.problem() != Inputs.LineReader.Problem.NONE) continue;
                String s = l.text().strip();
                if (!s.isEmpty() && !s.startsWith("#")) n++;
            }
            return n * typeCount;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The request; a bad value is a one-line error (exit 2). */
    private ResolveRequest request() {
        Duration d;
        try {
            d = SourceFlags.positive(timeout, "--timeout");
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--timeout: " + e.getMessage());
        }
        try {
            return new ResolveRequest(ResolveRequest.typesOf(types), resolvers, d, tries, inFlight, rate);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }
}
