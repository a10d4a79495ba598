package io.infrapivot.bench;

import io.infrapivot.app.web.WebBenchSupport;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The web page on a generated case of NODES indicators and EDGES links in headless Chromium: the first full
 * render (fetch, building the graph, layout, first frame) and how long the page then takes to apply a filter
 * and to show a node. Run by bench/web/run.sh; prints figures, asserts nothing.
 *
 * <p>Arguments: {@code [NODES] [EDGES] [RUNS] [BASELINE-QUERY]} (default 5000 20000 3 ?layout=concentric).
 */
public final class WebBench {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int edges = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("web-bench");
        CaseRepository cases = new SqliteCaseRepository(dir.resolve("cases"));
        long t0 = System.nanoTime();
        System.out.println("machine load (1, 5, 15 min) before: " + load());
        int[] made = generate(cases, nodes, edges);
        System.out.printf("generated case: %d indicators, %d links in %.1f s%n", made[0], made[1],
                (System.nanoTime() - t0) / 1e9);
        // the page as it opens a large case (rings placed as the elements are added) against its previous way, a
        // concentric layout pass over every node, in the same run and taking turns
        List<String> queries = List.of("", args.length > 3 ? args[3] : "?layout=concentric");
        List<Map<String, Object>> results = WebBenchSupport.measure(cases, "bench", dir, runs, queries);
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> r = results.get(i);
            System.out.printf("run %d %s: first full render %.2f s (fetch %.2f s, build %.2f s, layout %.2f s) · %s nodes, "
                            + "%s edges drawn · filter toggle %.0f ms · node selected and shown %.0f ms · page main-thread CPU "
                            + "%.2f s%n",
                    i / queries.size() + 1, label(String.valueOf(r.get("query"))), num(r, "total") / 1000, num(r, "fetch") / 1000, num(r, "build") / 1000, num(r, "layout") / 1000,
                    r.get("nodes"), r.get("edges"), num(r, "filter"), num(r, "select"), num(r, "cpu"));
            System.out.println("  page stages (ms after the fetch): " + r.get("stages"));
        }
        double[] medians = new double[queries.size()], cpu = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            String query = queries.get(q);
            double[] totals = results.stream().filter(r -> query.equals(r.get("query"))).mapToDouble(r -> num(r, "total"))
                    .sorted().toArray();
            medians[q] = totals[totals.length / 2];
            double[] cpus = results.stream().filter(r -> query.equals(r.get("query"))).mapToDouble(r -> num(r, "cpu"))
                    .sorted().toArray();
            cpu[q] = cpus[cpus.length / 2];
            System.out.printf("first full render %s: median %.2f s, best %.2f s over %d page loads; page main-thread CPU "
                    + "median %.2f s%n", label(query), medians[q] / 1000, totals[0] / 1000, totals.length, cpu[q]);
        }
        System.out.printf("baseline / default: %.2f× wall clock, %.2f× main-thread CPU (target for the default: at most 5 s)%n",
                medians[1] / medians[0], cpu[1] / cpu[0]);
        System.out.println("machine load (1, 5, 15 min): " + load() + " on " + Runtime.getRuntime().availableProcessors()
                + " cores — the figures scale with it");
    }

    static String label(String query) {
        return query.isEmpty() ? "(rings, the default)" : "(" + query + ", the baseline)";
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static double num(Map<String, Object> r, String k) {
        Object v = r.get(k);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A random but fixed case: domains, hosts, IPs and emails, linked as a case of theirs would be. */
    static int[] generate(CaseRepository cases, int nodes, int edges) {
        Random rnd = new Random(42);
        List<Indicator> domains = new ArrayList<>(), hosts = new ArrayList<>(), ips = new ArrayList<>(),
                emails = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            switch (i % 10) {
                case 0, 1, 2, 3, 4 -> domains.add(Indicator.fromCanonical(IndicatorType.DOMAIN, "bench" + i + ".com"));
                case 5, 6 -> hosts.add(Indicator.fromCanonical(IndicatorType.HOST, "www.bench" + (i - 5) + ".com"));
                case 7, 8 -> ips.add(Indicator.fromCanonical(IndicatorType.IP,
                        "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
                default -> emails.add(Indicator.fromCanonical(IndicatorType.EMAIL, "owner" + i + "@mail.bench"));
            }
        }
        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofDays(3 * 365));
        Set<String> seen = new HashSet<>();
        List<Observation> batch = new ArrayList<>();
        int links = 0;
        try (CaseStore store = cases.open("bench")) {
            store.addSeeds(List.of(domains.get(0), domains.get(1)));
            while (links < edges) {
                int kind = rnd.nextInt(10);
                Indicator s, o;
                Relation rel;
                if (kind < 4) {
                    s = pick(rnd, domains);
                    o = pick(rnd, ips);
                    rel = Relation.RESOLVES_TO;
                } else if (kind < 6) {
                    s = pick(rnd, hosts);
                    o = pick(rnd, ips);
                    rel = Relation.RESOLVES_TO;
                } else if (kind < 8) {
                    s = pick(rnd, domains);
                    o = pick(rnd, emails);
                    rel = Relation.REGISTRANT_EMAIL;
                } else if (kind < 9) {
                    s = pick(rnd, hosts);
                    o = pick(rnd, domains);
                    rel = Relation.SUBDOMAIN_OF;
                } else {
                    s = pick(rnd, domains);
                    o = pick(rnd, hosts);
                    rel = Relation.NAME_SERVER;
                }
                if (!seen.add(s.key() + "|" + rel.id() + "|" + o.key())) continue;
                Instant first = start.plus(Duration.ofDays(rnd.nextInt(900)));
                Instant last = first.plus(Duration.ofDays(rnd.nextInt(200)));
                batch.add(Observation.link(s, rel, o, "bench", now, null).withSeen(first, last, null));
                links++;
                if (batch.size() == 1000 || links == edges) {
                    store.saveLookup("bench", s, "batch" + links, now, now, LookupResult.of(batch, List.of()),
                            Duration.ofDays(1));
                    batch = new ArrayList<>();
                }
            }
            return new int[] {store.indicators().size(), links};
        }
    }

    static Indicator pick(Random rnd, List<Indicator> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
