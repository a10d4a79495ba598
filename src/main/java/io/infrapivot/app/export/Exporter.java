package io.infrapivot.app.export;

import io.infrapivot.engine.pivot.Provenance;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Runs an export in two streaming passes over the case's observations ({@link CaseStore#forEachObservation}):
 * the first builds the indicator table (one small {@link Node} per indicator: span, sources, marks, the
 * adjacency a {@code --from/--depth} filter needs as int pairs) and decides which indicators are kept; the
 * second hands every kept fact to the writer as it is read. Memory grows with the number of indicators,
 * never with the number of facts or their values — except {@code --min-rank} and the md/html reports,
 * which rank the case through {@link Provenance} (the whole graph).
 */
public final class Exporter {
    private final CaseStore store;
    private final ExportOptions options;
    private final Clock clock;
    private final Map<Indicator, Node> nodes = new HashMap<>();
    private final List<Node> order = new ArrayList<>();
    private final Map<String, String[]> sourceArrays = new HashMap<>();
    private int[] pairs = new int[0];
    private int pairCount;

    /** How much was written. */
    public record Result(int nodes, long facts) {}

    public Exporter(CaseStore store, ExportOptions options, Clock clock) {
        this.store = store;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Writes the export. {@link NoSuchElementException} when {@code --from} names an indicator the case
     * does not hold; {@link UncheckedIOException} when the output fails.
     */
    public Result run(Format format, OutputStream out) {
        return run(format.writer(out), format.needsRanking());
    }

    public Result run(GraphWriter writer, boolean ranking) {
        List<Indicator> seeds = store.seeds();
        for (Indicator s : seeds) node(s).seed = true;
        boolean adjacency = options.from() != null;
        store.forEachObservation(o -> firstPass(o, adjacency));
        if (options.from() != null && !nodes.containsKey(options.from())) {
            throw new NoSuchElementException(options.from().key() + " is not in the case");
        }
        if (ranking || options.minRank() != null) rank();
        select();
        int kept = (int) order.stream().filter(n -> n.included).count();
        long[] facts = {0};
        try {
            writer.begin(new ExportHeader(store.info(), seeds, clock.instant(), options, kept, store));
            for (Node n : order) if (n.included) writer.node(n);
            store.forEachObservation(o -> {
                ExportFact f = secondPass(o);
                if (f == null) return;
                facts[0]++;
                try {
                    writer.fact(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(kept, facts[0]);
    }

    private Node node(Indicator i) {
        Node n = nodes.get(i);
        if (n == null) {
            n = new Node(order.size(), i);
            nodes.put(i, n);
            order.add(n);
        }
        return n;
    }

    private void firstPass(StoredObservation o, boolean adjacency) {
        if (o.relation() == Relation.NOISE) {
            node(o.subject()).mark(o.value());
            return;
        }
        if (!passes(o)) return;
        Node s = node(o.subject());
        if (o.object() == null) {
            s.touch(o, true, sourceArrays);
            return;
        }
        Node t = node(o.object());
        s.touch(o, false, sourceArrays);
        if (t != s) t.touch(o, false, sourceArrays);
        if (adjacency) addPair(s.index, t.index);
        t.relationsIn |= 1L << o.relation().ordinal();
        IndicatorType st = s.indicator.type();
        IndicatorType tt = t.indicator.type();
        if (o.relation() == Relation.RESOLVES_TO && (st == IndicatorType.DOMAIN || st == IndicatorType.HOST)
                && tt == IndicatorType.IP) {
            s.resolvesTo = Node.addRef(s.resolvesTo, t);
        } else if (o.relation() == Relation.ANNOUNCED_BY && (st == IndicatorType.IP || st == IndicatorType.CIDR)
                && tt == IndicatorType.ASN) {
            s.belongsTo = Node.addRef(s.belongsTo, t);
        }
    }

    private ExportFact secondPass(StoredObservation o) {
        if (o.relation() == Relation.NOISE || !passes(o)) return null;
        Node s = nodes.get(o.subject());
        if (s == null || !s.included) return null;
        if (o.object() == null) return ExportFact.of(o, s, null);
        Node t = nodes.get(o.object());
        if (t == null || !t.included) return null;
        return ExportFact.of(o, s, t);
    }

    /** The fact-level filters: sources, and last seen within --since/--until. */
    private boolean passes(StoredObservation o) {
        if (!options.sources().isEmpty() && o.sources().stream().noneMatch(options.sources()::contains)) return false;
        if (options.since() == null && options.until() == null) return true;
        Instant last = o.lastSeen() != null ? o.lastSeen() : o.lastLearned();
        if (last == null) return false;
        if (options.since() != null && last.isBefore(options.since())) return false;
        return options.until() == null || !last.isAfter(options.until());
    }

    private void addPair(int a, int b) {
        if (pairCount * 2 + 2 > pairs.length) pairs = Arrays.copyOf(pairs, Math.max(64, pairs.length * 2));
        pairs[pairCount * 2] = a;
        pairs[pairCount * 2 + 1] = b;
        pairCount++;
    }

    private void rank() {
        Provenance p = new Provenance(store);
        for (Provenance.Ranked r : p.ranking()) {
            Node n = nodes.get(r.indicator());
            if (n != null) n.rank = r.score();
        }
    }

    private void select() {
        for (Node n : order) n.included = keep(n);
        if (options.from() != null) {
            boolean[] within = reach(nodes.get(options.from()));
            for (Node n : order) n.included &= within[n.index];
        }
    }

    private boolean keep(Node n) {
        if (!n.seed && n.facts == 0) return false;
        if (!options.types().isEmpty() && !options.types().contains(n.indicator.type())) return false;
        if (options.excludeMarked() && n.marked() && !n.seed) return false;
        if (options.minRank() != null && !n.seed && (n.rank == null || n.rank < options.minRank())) return false;
        return true;
    }

    /** Indicators within --depth links of {@code from}, over kept indicators, never through a marked one. */
    private boolean[] reach(Node from) {
        int n = order.size();
        int[] degree = new int[n + 1];
        for (int i = 0; i < pairCount; i++) {
            degree[pairs[2 * i]]++;
            degree[pairs[2 * i + 1]]++;
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + degree[i];
        int[] fill = Arrays.copyOf(start, n);
        int[] adj = new int[start[n]];
        for (int i = 0; i < pairCount; i++) {
            int a = pairs[2 * i];
            int b = pairs[2 * i + 1];
            adj[fill[a]++] = b;
            adj[fill[b]++] = a;
        }
        pairs = new int[0];
        boolean[] seen = new boolean[n];
        int[] dist = new int[n];
        Deque<Integer> queue = new ArrayDeque<>();
        seen[from.index] = true;
        queue.add(from.index);
        while (!queue.isEmpty()) {
            int cur = queue.poll();
            Node c = order.get(cur);
            if (dist[cur] >= options.depth()) continue;
            if (cur != from.index && c.marked()) continue;
            for (int k = start[cur]; k < start[cur + 1]; k++) {
                int next = adj[k];
                if (seen[next] || !order.get(next).included) continue;
                seen[next] = true;
                dist[next] = dist[cur] + 1;
                queue.add(next);
            }
        }
        return seen;
    }
}
