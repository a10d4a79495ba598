package io.infrapivot.bench;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseStore;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The depth-3 scenario pivot with every HTTP fixture answering after an injected delay: wall time against
 * the critical-path bound (the longest chain of dependent lookups, each costing its sequential requests
 * times the delay), requests per source, and a check that no request was repeated. Run by
 * bench/pivot/run.sh.
 */
public final class PivotBench {
    public static void main(String[] args) throws Exception {
        Duration delay = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 50);
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        if (args.length > 2 && args[2].equals("warm")) {
            // one run first, on the same code paths with no delay, so the measured run is not the JIT's warm-up
            try (SimulatedInternet warm = new SimulatedInternet(Duration.ZERO)) {
                measure(warm, Duration.ZERO, parallel, false);
            }
        }
        int repeat = Integer.getInteger("bench.repeat", 1);
        for (int i = 0; i < repeat; i++) {
            try (SimulatedInternet net = new SimulatedInternet(delay)) {
                measure(net, delay, parallel, true);
            }
        }
    }

    static void measure(SimulatedInternet net, Duration delay, int parallel, boolean print) throws Exception {
        {
            Path dir = Files.createTempDirectory("pivot-bench");
            Map<String, String> env = new HashMap<>(net.env());
            env.put("INFRAPIVOT_DATA_DIR", dir.toString());
            if (parallel > 0) {
                for (String id : SimulatedInternet.SOURCES.split(",")) {
                    env.put("INFRAPIVOT_" + id.toUpperCase() + "_PARALLEL_LOOKUPS", String.valueOf(parallel));
                }
            }
            Config config = Config.load(env, dir.toString());
            IndicatorParser parser = IndicatorParser.standard();
            Indicator seed = Indicator.parse(SimulatedInternet.DOMAINS.get(0));
            long t0;
            long t1;
            long cpuMs;
            Pivot.Result result;
            try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("bench");
                 Engine engine = new Engine(SourceRegistry.builtIn(), config, store, parser, Clock.systemUTC())) {
                Pivot pivot = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
                Selection sel = new Selection(Set.of(SimulatedInternet.SOURCES.split(",")), Set.of(), false, false);
                Pivot.Options o = new Pivot.Options(3, 100_000, null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD, sel,
                        new RunOptions(List.of(net.resolver()), false, null, null, Pivot.resultCap(
                                NoiseRules.DEFAULT_SHARED_THRESHOLD)), Duration.ofSeconds(60), false);
                var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean();
                long c0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
                result = pivot.run(List.of(seed), Recipe.load("domain"), o, null);
                t1 = System.nanoTime();
                cpuMs = (os.getProcessCpuTime() - c0) / 1_000_000;
            }
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
            Map<Indicator, Long> finish = new HashMap<>();
            long bound = 0;
            for (Pivot.Node n : result.nodes().values()) { // sorted by hop: parents come first
                if (n.hop() >= 3) continue;
                long own = 0;
                for (String src : perSource.keySet()) {
                    own = Math.max(own, requestsOf.getOrDefault(src + " " + n.indicator().value(), 0));
                }
                long t = (n.from() == null ? 0 : finish.getOrDefault(n.from(), 0L)) + own * delay.toMillis();
                finish.put(n.indicator(), t);
                bound = Math.max(bound, t);
            }
            double wall = (t1 - t0) / 1e6;
            if (!print) return;
            System.out.printf("pivot depth 3, delay %d ms, %s%n", delay.toMillis(),
                    parallel > 0 ? "parallel_lookups=" + parallel + " for every source" : "each source's own concurrency");
            System.out.printf("indicators %d, lookups %d%n", result.nodes().size(), result.outcomes().size());
            System.out.printf("requests per source %s, repeated requests %d%n", perSource, repeated);
            Map<String, long[]> time = new java.util.TreeMap<>();
            for (var x : result.outcomes()) {
                long[] a = time.computeIfAbsent(x.source(), k -> new long[2]);
                a[0] += x.elapsed().toMillis();
                a[1] = Math.max(a[1], x.elapsed().toMillis());
            }
            StringBuilder tb = new StringBuilder();
            time.forEach((k, v) -> tb.append(k).append(" sum ").append(v[0]).append(" max ").append(v[1]).append("; "));
            System.out.println("lookup time (ms) per source: " + tb);
            System.out.printf("process CPU during the pivot %d ms (%.1f cores busy)%n", cpuMs, cpuMs / wall);
            System.out.printf("wall %.0f ms, critical-path bound %d ms, ratio %.2f%n", wall, bound, wall / bound);
        }
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
