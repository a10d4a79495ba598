package io.infrapivot.engine.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why an indicator is in a case (the paths from a seed to it) and how strongly each indicator ties to
 * the seeds, computed from the case's facts: every link is an edge; indicators marked as noise end
 * paths but never carry them further.
 */
public final class Provenance {
    /** One hop of a path: {@code from} reached {@code to} through {@code fact}. */
    public record Hop(Indicator from, Fact fact, Indicator to) {}

    /** An indicator's tie to the seeds: its score and the neighbours that make it. */
    public record Ranked(Indicator indicator, double score, List<String> reasons) {}

    static final Map<Relation, Double> WEIGHTS = new EnumMap<>(Relation.class);

    static {
        for (Relation r : Relation.values()) WEIGHTS.put(r, 0.5);
        WEIGHTS.put(Relation.REGISTRANT_EMAIL, 5.0);
        WEIGHTS.put(Relation.USES_ANALYTICS_ID, 5.0);
        WEIGHTS.put(Relation.REGISTRANT_PHONE, 4.0);
        WEIGHTS.put(Relation.REGISTRANT_ORG, 3.0);
        WEIGHTS.put(Relation.REGISTRANT_NAME, 3.0);
        WEIGHTS.put(Relation.SOA_EMAIL, 3.0);
        WEIGHTS.put(Relation.DMARC_REPORT, 3.0);
        WEIGHTS.put(Relation.CERT_NAME, 2.0);
        WEIGHTS.put(Relation.ALIAS_OF, 2.0);
        WEIGHTS.put(Relation.SUBDOMAIN_OF, 2.0);
        WEIGHTS.put(Relation.SUBDOMAIN, 2.0);
        WEIGHTS.put(Relation.RESOLVES_TO, 2.0);
        WEIGHTS.put(Relation.PTR, 2.0);
        WEIGHTS.put(Relation.NAME_SERVER, 1.0);
        WEIGHTS.put(Relation.MAIL_SERVER, 1.0);
        WEIGHTS.put(Relation.SPF_INCLUDE, 1.0);
        WEIGHTS.put(Relation.CO_HOSTED, 1.0);
        WEIGHTS.put(Relation.RELATED, 1.0);
        WEIGHTS.put(Relation.IN_NETBLOCK, 0.5);
        WEIGHTS.put(Relation.ANNOUNCED_BY, 0.2);
        WEIGHTS.put(Relation.REGISTRAR, 0.1);
        WEIGHTS.put(Relation.ABUSE_EMAIL, 0.0);
    }

    /**
     * A shared verification token (the same value on two or more names) ties a name as strongly as a
     * registrant email; counted once per token.
     */
    static final double SHARED_TOKEN = 5.0;
    /** Facts through a marked (noise) indicator count for this share of their weight. */
    static final double NOISE_FACTOR = 0.1;

    private final List<Indicator> seeds;
    private final Map<Indicator, List<Fact>> edges = new HashMap<>();
    private final Set<Indicator> noise = new HashSet<>();
    private final Map<String, Set<Indicator>> tokens = new HashMap<>();

    public Provenance(CaseStore store) {
        this(store.seeds(), store.observations());
    }

    Provenance(List<Indicator> seeds, List<StoredObservation> observations) {
        this.seeds = List.copyOf(seeds);
        for (StoredObservation o : observations) {
            if (o.relation() == Relation.NOISE) {
                JsonNode v = o.value();
                if (v == null || !v.path("expanded").asBoolean(false)) noise.add(o.subject());
                continue;
            }
            if (o.relation() == Relation.VERIFICATION_TOKEN && o.value() != null) {
                tokens.computeIfAbsent(tokenKey(o.value()), k -> new LinkedHashSet<>()).add(o.subject());
                continue;
            }
            if (o.object() == null || o.object().equals(o.subject())) continue;
            Fact f = Fact.of(o);
            edges.computeIfAbsent(o.subject(), k -> new ArrayList<>()).add(f);
            edges.computeIfAbsent(o.object(), k -> new ArrayList<>()).add(f);
        }
    }

    private static String tokenKey(JsonNode v) {
        return v.isObject() && v.has("token") ? v.path("token").asText() : v.isValueNode() ? v.asText() : v.toString();
    }

    public boolean isNoise(Indicator i) {
        return noise.contains(i);
    }

    /**
     * The shortest distinct paths from any seed to {@code target} (at most {@code max}): no two run through
     * the same indicators (several links between the same two indicators count once); empty when it is not
     * reachable, a single empty path when it is a seed.
     */
    public List<List<Hop>> paths(Indicator target, int max) {
        if (seeds.contains(target)) return List.of(List.of());
        Map<Indicator, Integer> dist = new HashMap<>();
        Map<Indicator, List<Hop>> parents = new HashMap<>();
        Deque<Indicator> queue = new ArrayDeque<>();
        for (Indicator s : seeds) {
            dist.put(s, 0);
            queue.add(s);
        }
        while (!queue.isEmpty()) {
            Indicator cur = queue.poll();
            int d = dist.get(cur);
            if (dist.containsKey(target) && d >= dist.get(target)) break;
            if (!seeds.contains(cur) && noise.contains(cur)) continue; // marked: an end, never a way through
            for (Fact f : edges.getOrDefault(cur, List.of())) {
                Indicator next = f.other(cur);
                Integer nd = dist.get(next);
                if (nd == null) {
                    dist.put(next, d + 1);
                    queue.add(next);
                    parents.computeIfAbsent(next, k -> new ArrayList<>()).add(new Hop(cur, f, next));
                } else if (nd == d + 1) {
                    // distinct paths differ in an indicator: a second link between the same two (another
                    // relation or record) would only repeat the path, so the first (BFS order) stands for them
                    List<Hop> ps = parents.computeIfAbsent(next, k -> new ArrayList<>());
                    if (ps.stream().noneMatch(h -> h.from().equals(cur))) ps.add(new Hop(cur, f, next));
                }
            }
        }
        if (!dist.containsKey(target)) return List.of();
        List<List<Hop>> out = new ArrayList<>();
        collect(target, new ArrayDeque<>(), parents, out, max);
        return out;
    }

    private void collect(Indicator at, Deque<Hop> suffix, Map<Indicator, List<Hop>> parents, List<List<Hop>> out,
                         int max) {
        if (out.size() >= max) return;
        if (seeds.contains(at)) {
            out.add(List.copyOf(suffix));
            return;
        }
        for (Hop h : parents.getOrDefault(at, List.of())) {
            suffix.addFirst(h);
            collect(h.from(), suffix, parents, out, max);
            suffix.removeFirst();
            if (out.size() >= max) return;
        }
    }

    /**
     * Every indicator reachable from the seeds, scored by its ties: for each neighbour, the strongest
     * relation's weight (a tenth through a marked indicator), plus shared verification tokens. Seeds and
     * marked indicators are not ranked. Highest first.
     */
    public List<Ranked> ranking() {
        Set<Indicator> reachable = reachable();
        List<Ranked> out = new ArrayList<>();
        for (Indicator i : reachable) {
            if (seeds.contains(i) || noise.contains(i)) continue;
            Map<Indicator, Double> best = new HashMap<>();
            Map<Indicator, String> why = new HashMap<>();
            for (Fact f : edges.getOrDefault(i, List.of())) {
                Indicator other = f.other(i);
                if (!reachable.contains(other)) continue;
                double w = WEIGHTS.get(f.relation()) * (noise.contains(other) ? NOISE_FACTOR : 1.0);
                if (w > best.getOrDefault(other, -1.0)) {
                    best.put(other, w);
                    why.put(other, f.relation().id() + " " + other.value());
                }
            }
            double score = best.values().stream().mapToDouble(Double::doubleValue).sum();
            List<String> reasons = new ArrayList<>();
            best.entrySet().stream().sorted(Map.Entry.<Indicator, Double>comparingByValue().reversed()).limit(3)
                    .forEach(e -> reasons.add(why.get(e.getKey())));
            for (Map.Entry<String, Set<Indicator>> t : tokens.entrySet()) {
                if (t.getValue().contains(i) && t.getValue().size() > 1) {
                    long others = t.getValue().stream().filter(reachable::contains).count() - 1;
                    if (others > 0) {
                        score += SHARED_TOKEN; // once per token: one owner's mark, however many names carry it
                        reasons.add("verification token shared with " + others + " more");
                    }
                }
            }
            out.add(new Ranked(i, Math.round(score * 10) / 10.0, reasons));
        }
        out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(r -> r.indicator().key()));
        return out;
    }

    /** Every indicator reachable from a seed without passing through a marked one. */
    public Set<Indicator> reachable() {
        Set<Indicator> seen = new LinkedHashSet<>(seeds);
        Deque<Indicator> queue = new ArrayDeque<>(seeds);
        while (!queue.isEmpty()) {
            Indicator cur = queue.poll();
            if (!seeds.contains(cur) && noise.contains(cur)) continue;
            for (Fact f : edges.getOrDefault(cur, List.of())) {
                Indicator next = f.other(cur);
                if (seen.add(next)) queue.add(next);
            }
        }
        return seen;
    }
}
