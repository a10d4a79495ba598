package io.infrapivot.app.cli;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.Durations;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.FindingConverter;
import io.infrapivot.source.dns.bulk.BulkBench;
import io.infrapivot.source.dns.bulk.BulkFindings;
import io.infrapivot.source.dns.bulk.BulkFormat;
import io.infrapivot.source.dns.bulk.BulkQuery;
import io.infrapivot.source.dns.bulk.BulkResolver;
import io.infrapivot.source.dns.bulk.BulkResult;
import io.infrapivot.source.dns.bulk.BulkStatus;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
        AppContext ctx = Main.context;
        Terminal t = ctx.terminal();
        List<Integer> typeCodes = parseTypes();
        BulkResolver.Options options = caseName == null ? options() : options().keepingWire();
        CaseStore store = caseName == null ? null : CaseCommand.open(ctx, ctx.caseName(caseName));
        CaseWriter writer = store == null ? null : new CaseWriter(store, ctx);
        long[] counts = new long[BulkStatus.values().length];
        long[] done = {0};
        long started = System.nanoTime();
        boolean showProgress = stderrIsTerminal(t);
        long total = showProgress ? totalQuestions(typeCodes.size()) : -1;
        BulkResolver.Stats stats;
        Writer w = new BufferedWriter(new OutputStreamWriter(t.out(), StandardCharsets.UTF_8), 1 << 16);
        long[] flushed = {System.nanoTime()};
        Inputs.Reader in = Inputs.open(names, file, t);
        try (in; BulkFormat fmt = json ? BulkFormat.jsonLines(Json.generator(w), w) : BulkFormat.text(w)) {
            Iterator<BulkQuery> queries = queries(in, typeCodes);
            stats = new BulkResolver(options).run(queries, r -> {
                counts[r.status().ordinal()]++;
                fmt.write(r);
                long now = System.nanoTime();
                if (now - flushed[0] > 100_000_000L) { // a closed pipe (| head -1) is noticed within 0.1 s
                    flushed[0] = now;
                    try {
                        w.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                if (writer != null) writer.add(r);
                if (showProgress && ++done[0] % 1000 == 0) progress(t, done[0], total, started);
            });
        } finally {
            if (writer != null) writer.finish();
            if (store != null) store.close();
        }
        if (showProgress) t.err().print("\r\u001b[K");
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%d questions in %.1f s (%.0f/s)",
                stats.questions(), stats.nanos() / 1e9, stats.perSecond()));
        for (BulkStatus s : BulkStatus.values()) {
            if (counts[s.ordinal()] > 0) summary.append(", ").append(s.id()).append(' ').append(counts[s.ordinal()]);
        }
        if (writer != null) summary.append("; stored in case ").append(ctx.caseName(caseName));
        if (stats.mismatched() > 0) summary.append("; ").append(stats.mismatched())
                .append(" stray packets ignored (wrong ID, question or sender)");
        t.err().println(summary);
        in.summarise();
        boolean failures = counts[BulkStatus.TIMEOUT.ordinal()] + counts[BulkStatus.ERROR.ordinal()]
                + counts[BulkStatus.INVALID.ordinal()] > 0;
        return in.exit(failures ? ExitCodes.PARTIAL : ExitCodes.OK);
    }

    /** Each name of the input once per type, read as the resolver's window frees up. */
    private static Iterator<BulkQuery> queries(Inputs.Reader in, List<Integer> types) {
        return new Iterator<>() {
            private String name;
            private int next = types.size();

            @Override
            public boolean hasNext() {
                if (next < types.size()) return true;
                if (!in.hasNext()) return false;
                name = in.next().text();
                next = 0;
                return true;
            }

            @Override
            public BulkQuery next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return new BulkQuery(name, types.get(next++));
            }
        };
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

    /**
     * Whether standard error is a terminal: the progress goes there, so it shows even when the answers are
     * redirected to a file (Linux: /proc/self/fd/2; elsewhere whether the console is a terminal).
     */
    private static boolean stderrIsTerminal(Terminal t) {
        try {
            String target = Path.of("/proc/self/fd/2").toRealPath().toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | RuntimeException e) {
            return t.interactive();
        }
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

    private List<Integer> parseTypes() {
        try {
            return BulkBench.types(types);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "-t: " + e.getMessage());
        }
    }

    private BulkResolver.Options options() {
        List<InetSocketAddress> servers = new ArrayList<>();
        try {
            for (String r : resolvers) servers.add(DnsConfig.parseResolver(r));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--resolver: " + e.getMessage());
        }
        if (servers.isEmpty()) servers.addAll(DnsConfig.systemResolvers());
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--rate must be 0 (no limit) or more");
        }
        Duration d;
        try {
            d = SourceFlags.positive(timeout, "--timeout");
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--timeout: " + e.getMessage());
        }
        try {
            return new BulkResolver.Options(servers, d, tries, inFlight, rate, 8 << 20);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    /** Stores results on a separate thread (the resolver's loop never waits on the database for long). */
    private static final class CaseWriter {
        private static final BulkResult END = new BulkResult("", 0, BulkStatus.INVALID, List.of(), List.of(), 0, null);
        private final BlockingQueue<BulkResult> queue = new ArrayBlockingQueue<>(10_000);
        private final Thread thread;

        CaseWriter(CaseStore store, AppContext ctx) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    for (BulkResult r; (r = queue.take()) != END; ) save(store, ctx, r);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private static void save(CaseStore store, AppContext ctx, BulkResult r) {
            if (r.status() == BulkStatus.INVALID) return;
            Indicator subject;
            try {
                subject = ctx.parser().parse(r.name()).orElseThrow().indicator();
            } catch (IllegalArgumentException e) {
                return;
            }
            if (subject.type() != IndicatorType.DOMAIN && subject.type() != IndicatorType.HOST) return;
            Instant now = ctx.clock().instant();
            FindingConverter conv = new FindingConverter(ctx.parser(), "dns", now);
            // the answer's packet as received (dns-wire, like the dns source's evidence); a timeout has none
            String question = r.name() + " " + org.xbill.DNS.Type.string(r.type());
            RawAnswer ev = r.wire() != null
                    ? new RawAnswer("dns", question, r.wire(), "dns-wire", r.status().id(), now, null)
                    : RawAnswer.text("dns", question + " (bulk)", r.status().id() + (r.error() == null ? ""
                            : ": " + r.error()), "text/plain", r.status().id(), now, Duration.ZERO);
            var obs = conv.convert(BulkFindings.of(r), subject).stream()
                    .map(o -> new io.infrapivot.model.Observation(o.subject(), o.relation(), o.object(), o.value(),
                            o.source(), null, null, o.learnedAt(), null, ev)).toList();
            LookupResult lr = LookupResult.of(obs, List.of(ev));
            store.saveLookup("dns", subject, "resolve:" + org.xbill.DNS.Type.string(r.type()), now, now, lr,
                    Duration.ofHours(1));
        }

        void add(BulkResult r) {
            try {
                queue.put(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void finish() throws InterruptedException {
            queue.put(END);
            thread.join();
        }
    }
}
