package io.infrapivot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The depth-3 scenario pivot with every HTTP fixture answering after an injected delay: wall time against
 * the critical-path bound (the longest chain of dependent lookups, each costing its sequential requests
 * times the delay), requests per source, and a check that no request was repeated. Run by
 * bench/pivot/run.sh.
 *
 * <p>Arguments: {@code DELAY_MS PARALLEL MODE [RUNS]}. PARALLEL 0 keeps each source's own concurrency, N sets
 * {@code parallel_lookups=N} for every source. MODE {@code cli} runs the real launcher, a new JVM per run as an
 * analyst does, and takes the pivot's own wall time from its JSON summary; {@code warm} runs the pivot in
 * this JVM after warm-up runs, which shows the engine without the JIT compiler's start-up work.
 */
public final class PivotBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One indicator of the pivot's graph: where it was reached from. */
    record Reached(String value, int hop, String from) {}

    record Run(double wallMs, long cpuMs, int indicators, int lookups, List<Reached> nodes, List<LookupRecord> lookupRecords,
               Instant start) {}

    public static void main(String[] args) throws Exception {
        Duration delay = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 50);
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String mode = args.length > 2 ? args[2] : "warm";
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        System.out.printf("pivot depth 3, delay %d ms, %s, %s%n", delay.toMillis(),
                parallel > 0 ? "parallel_lookups=" + parallel + " for every source" : "each source's own concurrency",
                mode.equals("cli") ? "the launcher, a new JVM per run" : "in one warmed-up JVM");
        if (mode.equals("warm")) {
            // runs first on the same code paths with no delay, so the measured runs are not the JIT's warm-up
            for (int i = 0; i < Integer.getInteger("bench.warmups", 3); i++) {
                try (SimulatedInternet warm = new SimulatedInternet(Duration.ZERO)) {
                    inProcess(warm, parallel);
                }
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (SimulatedInternet net = new SimulatedInternet(delay)) {
                Run run = mode.equals("cli") ? cli(net, parallel) : inProcess(net, parallel);
                ratios.add(report(net, delay, parallel, run));
            }
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf("median ratio to the critical-path bound %.2f over %d runs (lowest %.2f, highest %.2f)%n",
                sorted.get(sorted.size() / 2),
                sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    static Map<String, String> env(SimulatedInternet net, Path dir, int parallel) {
        Map<String, String> env = new HashMap<>(net.env());
        // the bench's own environment may tune sources (INFRAPIVOT_DNS_SRV_SERVICES=none, ...)
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("INFRAPIVOT_") && !k.equals("INFRAPIVOT_DATA_DIR")) env.putIfAbsent(k, v);
        });
        env.put("INFRAPIVOT_DATA_DIR", dir.toString());
        if (parallel > 0) {
            for (String id : SimulatedInternet.SOURCES.split(",")) {
                env.put("INFRAPIVOT_" + id.toUpperCase() + "_PARALLEL_LOOKUPS", String.valueOf(parallel));
            }
        }
        return env;
    }

    static String sources() {
        return System.getProperty("bench.sources", SimulatedInternet.SOURCES);
    }

    static Run inProcess(SimulatedInternet net, int parallel) throws Exception {
        Path dir = Files.createTempDirectory("pivot-bench");
        Config config = Config.load(env(net, dir, parallel), dir.toString());
        IndicatorParser parser = IndicatorParser.standard();
        Indicator seed = Indicator.parse(SimulatedInternet.DOMAINS.get(0));
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("bench");
             Engine engine = new Engine(SourceRegistry.builtIn(), config, store, parser, Clock.systemUTC())) {
            Pivot pivot = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
            Selection sel = new Selection(Set.of(sources().split(",")), Set.of(), false, false);
            Pivot.Options o = new Pivot.Options(3, 100_000, null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD, sel,
                    new RunOptions(List.of(net.resolver()), false, null, null, Pivot.resultCap(
                            NoiseRules.DEFAULT_SHARED_THRESHOLD)), Duration.ofSeconds(60), false);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long c0 = os.getProcessCpuTime();
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            Pivot.Result result = pivot.run(List.of(seed), Recipe.load("domain"), o, null);
            double wall = (System.nanoTime() - t0) / 1e6;
            long cpu = (os.getProcessCpuTime() - c0) / 1_000_000;
            List<Reached> nodes = new ArrayList<>();
            for (Pivot.Node n : result.nodes().values()) {
                nodes.add(new Reached(n.indicator().value(), n.hop(), n.from() == null ? null : n.from().value()));
            }
            return new Run(wall, cpu, result.nodes().size(), result.outcomes().size(), nodes, store.lookups(), start);
        }
    }

    /** One run of the real launcher in a new JVM; the wall time is the pivot's own, from its JSON summary. */
    static Run cli(SimulatedInternet net, int parallel) throws Exception {
        Path home = Files.createTempDirectory("pivot-bench-cli");
        Map<String, String> env = env(net, home.resolve("data"), parallel);
        env.put("HOME", home.toString());
        env.put("INFRAPIVOT_CONFIG", home.resolve("config.toml").toString());
        env.put("INFRAPIVOT_NO_BUILD", "1");
        env.put("PATH", System.getenv("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        List<String> cmd = List.of(Path.of("infrapivot").toAbsolutePath().toString(), "pivot", "--case", "bench",
                "--recipe", "domain", "--depth", "3", "--json", "--sources", sources(), "--resolver", net.resolver(),
                "--timeout", "60s", SimulatedInternet.DOMAINS.get(0));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = home.resolve("out.jsonl");
        pb.redirectOutput(out.toFile()).redirectError(home.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the pivot did not finish in 300 s");
        }
        List<Reached> nodes = new ArrayList<>();
        JsonNode summary = null;
        for (String line : Files.readAllLines(out)) {
            if (!line.startsWith("{")) throw new IllegalStateException("not JSON on standard output: " + line);
            JsonNode j = JSON.readTree(line);
            switch (j.path("kind").asText()) {
                case "node" -> nodes.add(new Reached(j.path("indicator").path("value").asText(), j.path("hop").asInt(),
                        j.path("from").isNull() ? null : j.path("from").path("value").asText()));
                case "summary" -> summary = j;
                default -> { }
            }
        }
        if (summary == null) {
            throw new IllegalStateException("no summary (exit " + p.exitValue() + "): "
                    + Files.readString(home.resolve("err.txt")));
        }
        return new Run(summary.path("elapsed_ms").asDouble(), -1, summary.path("indicators").asInt(),
                summary.path("lookups").asInt(), nodes, List.of(), null);
    }

    /** Prints one run against its critical-path bound; returns the ratio. */
    static double report(SimulatedInternet net, Duration delay, int parallel, Run run) {
        // the cost of each indicator's slowest lookup: its sequential requests to one service × the delay
        Map<String, Integer> requestsOf = new HashMap<>();
        Map<String, Integer> perSource = new LinkedHashMap<>();
        int repeated = 0;
        for (var e : Map.of("rdap", net.rdap, "whoxy", net.whoxy, "mnemonic", net.mnemonic, "crtsh", net.crtsh)
                .entrySet()) {
            Map<String, Integer> seen = new HashMap<>();
            for (String target : e.getValue().requests) {
                if (seen.merge(target, 1, Integer::sum) > 1) repeated++;
                requestsOf.merge(e.getKey() + " " + subject(e.getKey(), target), 1, Integer::sum);
            }
            perSource.put(e.getKey(), e.getValue().requests.size());
        }
        Map<String, Long> finish = new HashMap<>();
        Map<String, Reached> byValue = new HashMap<>();
        long bound = 0;
        String last = null;
        List<Reached> byHop = run.nodes().stream().sorted(java.util.Comparator.comparingInt(Reached::hop)).toList();
        for (Reached n : byHop) { // parents come first
            byValue.put(n.value(), n);
            if (n.hop() >= 3) continue;
            long own = 0;
            for (String src : perSource.keySet()) own = Math.max(own, requestsOf.getOrDefault(src + " " + n.value(), 0));
            long t = (n.from() == null ? 0 : finish.getOrDefault(n.from(), 0L)) + own * delay.toMillis();
            finish.put(n.value(), t);
            if (t > bound) last = n.value();
            bound = Math.max(bound, t);
        }
        System.out.printf("indicators %d, lookups %d, requests per source %s, repeated requests %d%n", run.indicators(),
                run.lookups(), new java.util.TreeMap<>(perSource), repeated);
        if (Boolean.getBoolean("bench.timeline") && run.start() != null) {
            // the lookups along the chain that makes the bound, with when each started and ended
            List<String> chain = new ArrayList<>();
            for (String v = last; v != null; v = byValue.get(v).from()) chain.add(0, v);
            for (String v : chain) {
                System.out.println("  " + v);
                for (LookupRecord r : run.lookupRecords()) {
                    if (!r.indicator().value().equals(v) || r.started().isBefore(run.start())) continue;
                    System.out.printf("    %-9s %5d -> %5d ms%n", r.source(), Duration.between(run.start(), r.started())
                            .toMillis(), Duration.between(run.start(), r.finished()).toMillis());
                }
            }
        }
        // what no scheduling removes either: the busiest service's requests, as many at once as it takes
        long queue = 0;
        String busiest = "";
        for (var e : perSource.entrySet()) {
            int at = parallel > 0 ? parallel : SourceRegistry.builtIn().byId(e.getKey()).orElseThrow().info().concurrency();
            long q = (e.getValue() + at - 1) / at * delay.toMillis();
            if (q > queue) {
                queue = q;
                busiest = e.getKey() + " " + e.getValue() + " requests, " + at + " at a time";
            }
        }
        double ratio = run.wallMs() / bound;
        System.out.printf("  wall %.0f ms%s, critical-path bound %d ms, ratio %.2f; busiest service's queue %d ms (%s),"
                        + " ratio to the larger bound %.2f%n", run.wallMs(),
                run.cpuMs() < 0 ? "" : String.format(" (process CPU %d ms)", run.cpuMs()), bound, ratio, queue, busiest,
                run.wallMs() / Math.max(bound, queue));
        return ratio;
    }

    /** The indicator value behind a request of the simulated services. */
    static String subject(String service, String target) {
        String t = URLDecoder.decode(target, StandardCharsets.UTF_8);
        return switch (service) {
            case "rdap" -> t.substring(t.indexOf('/', 1) + 1).toLowerCase();
            case "mnemonic" -> {
                String v = t.substring("/pdns/v3/".length());
                yield v.contains("?") ? v.substring(0, v.indexOf('?')) : v;
            }
            default -> {
                var m = java.util.regex.Pattern.compile("[?&](?:email|q)=([^&]*)").matcher(t);
                String v = m.find() ? m.group(1) : t;
                yield v.startsWith("%.") ? v.substring(2) : v;
            }
        };
    }
}
