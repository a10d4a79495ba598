package io.infrapivot.engine.pivot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A multi-hop investigation: from the seeds, hop by hop, every new indicator that passes the recipe's
 * filters and the noise rules is looked up by the sources the recipe names for its type at that hop,
 * until the depth, the node budget, a request budget or the time budget is reached. Every lookup goes
 * through the engine, so the case is the cache: running the same pivot again (after Ctrl-C, a crash or
 * a kill) replays what was done and continues where it stopped, repeating no lookup.
 */
public final class Pivot {
    /** The pseudo-source id under which the engine's own marks are stored. */
    public static final String SOURCE = "pivot";

    /** Relations whose many-to-one side is a hub: an IP or name server carrying names, an email holding domains. */
    static final Set<Relation> REVERSE = EnumSet.of(Relation.CO_HOSTED, Relation.RESOLVES_TO, Relation.NAME_SERVER,
            Relation.MAIL_SERVER, Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_ORG, Relation.REGISTRANT_NAME,
            Relation.REGISTRANT_PHONE, Relation.RELATED);

    /**
     * How far and how much.
     *
     * @param depth           hops: seeds are hop 0; an indicator of hop k is looked up while k &lt; depth
     * @param maxNodes        stop adding indicators past this many
     * @param timeBudget      no new request after this long (null: none)
     * @param requestBudget   requests per source id ("*" for every source without its own)
     * @param sharedThreshold fan-out above which a hub is shared (a recipe step's max_count wins)
     * @param selection       the user's --sources/--exclude/--active/--offline, applied on top of the recipe
     * @param run             run options for sources
     * @param timeout         per-lookup timeout
     * @param refresh         ask again even when the case holds a fresh answer
     */
    public record Options(int depth, int maxNodes, Duration timeBudget, Map<String, Integer> requestBudget,
                          int sharedThreshold, Selection selection, RunOptions run, Duration timeout,
                          boolean refresh) {
        public Options {
            requestBudget = Map.copyOf(requestBudget);
        }
    }

    /** An indicator in the graph: how it was reached and whether it was marked. */
    public record Node(Indicator indicator, int hop, boolean seed, Indicator from, Fact via, NoiseRules.Mark mark,
                       boolean expanded) {}

    /** Hears progress; called from the pivot's own thread and from lookup threads. */
    public interface Listener {
        default void hop(int hop, int frontier, int nodes) {}

        default void outcome(SourceOutcome outcome) {}

        default void marked(Node node) {}
    }

    /** What a pivot did. */
    public record Result(Map<Indicator, Node> nodes, List<SourceOutcome> outcomes, List<String> stopReasons,
                         Map<String, Integer> requests, int hopsRun) {}

    private final Engine engine;
    private final CaseStore store;
    private final NoiseRules noise;
    private final Clock clock;

    public Pivot(Engine engine, CaseStore store, NoiseRules noise, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.noise = noise;
        this.clock = clock;
    }

    public Result run(Collection<Indicator> seeds, Recipe recipe, Options o, Listener listener)
            throws InterruptedException {
        Listener l = listener == null ? new Listener() {} : listener;
        engine.validate(o.selection());
        Instant deadline = o.timeBudget() == null ? null : clock.instant().plus(o.timeBudget());
        engine.budget(o.requestBudget(), deadline);
        store.addSeeds(seeds);
        Map<Indicator, Node> nodes = new LinkedHashMap<>();
        List<SourceOutcome> outcomes = new ArrayList<>();
        Set<String> stops = new LinkedHashSet<>();
        List<Indicator> frontier = new ArrayList<>();
        for (Indicator s : new LinkedHashSet<>(seeds)) {
            NoiseRules.Mark m = noise.judge(s).orElse(null);
            Node n = new Node(s, 0, true, null, null, m, true);
            nodes.put(s, n);
            if (m != null) recordMark(n);
            frontier.add(s); // a seed is looked up even when marked: the analyst asked for it
        }
        int hop = 0;
        boolean nodeBudgetHit = false;
        // every fact seen in this run, by both ends: an indicator found by a lookup is expanded with what that
        // lookup already said about it (a certificate's other names, say), as well as with its own lookups
        Map<Indicator, List<Fact>> known = new HashMap<>();
        for (; hop < o.depth() && !frontier.isEmpty(); hop++) {
            l.hop(hop, frontier.size(), nodes.size());
            List<Indicator> next = new ArrayList<>();
            Map<List<String>, List<Indicator>> bySources = new LinkedHashMap<>();
            for (Indicator ind : frontier) {
                List<Recipe.Step> steps = recipe.stepsFor(ind.type(), hop);
                if (steps.isEmpty()) continue; // a leaf of this recipe
                TreeSet<String> sources = new TreeSet<>();
                boolean any = false;
                for (Recipe.Step st : steps) {
                    if (st.sources().isEmpty()) any = true;
                    sources.addAll(st.sources());
                }
                bySources.computeIfAbsent(any ? List.of() : List.copyOf(sources), k -> new ArrayList<>()).add(ind);
            }
            Map<Indicator, List<SourceOutcome>> byIndicator = new HashMap<>();
            for (Map.Entry<List<String>, List<Indicator>> group : bySources.entrySet()) {
                Selection sel = narrow(o.selection(), group.getKey(), engine.registry().ids());
                List<SourceOutcome> got = sel == null ? List.of()
                        : engine.lookup(group.getValue(), sel, o.run(), o.timeout(), o.refresh(), l::outcome);
                outcomes.addAll(got);
                for (SourceOutcome x : got) {
                    byIndicator.computeIfAbsent(x.indicator(), k -> new ArrayList<>()).add(x);
                    for (Fact f : x.facts()) {
                        known.computeIfAbsent(f.subject(), k -> new ArrayList<>()).add(f);
                        if (f.object() != null) known.computeIfAbsent(f.object(), k -> new ArrayList<>()).add(f);
                    }
                }
                if (got.stream().anyMatch(x -> x.outcome() == Outcome.SKIPPED && x.message() != null
                        && x.message().startsWith("time budget"))) {
                    stops.add("time budget of " + o.timeBudget() + " reached");
                }
            }
            for (List<Indicator> group : bySources.values()) {
                for (Indicator ind : group) {
                    List<SourceOutcome> mine = byIndicator.getOrDefault(ind, List.of());
                    if (!expand(ind, hop, mine, known.getOrDefault(ind, List.of()), recipe, o, nodes, next, l)) {
                        nodeBudgetHit = true;
                    }
                }
            }
            frontier = next;
        }
        if (nodeBudgetHit) stops.add("node budget of " + o.maxNodes() + " reached");
        for (SourceOutcome x : outcomes) {
            if (x.outcome() == Outcome.SKIPPED && x.message() != null && x.message().startsWith("request budget")) {
                stops.add(x.source() + ": " + x.message());
            }
        }
        if (!frontier.isEmpty()) {
            stops.add("depth " + o.depth() + " reached with " + frontier.size() + " indicators not looked up");
        } else {
            stops.add("nothing left to expand after hop " + hop);
        }
        return new Result(nodes, outcomes, List.copyOf(stops), engine.requests(), hop);
    }

    /**
     * The user's selection restricted to the recipe's sources that exist (null when nothing remains). A
     * recipe may name sources this build does not have: they are passed over.
     */
    static Selection narrow(Selection user, List<String> recipeSources, List<String> known) {
        if (recipeSources.isEmpty()) return user;
        Set<String> include = new LinkedHashSet<>(recipeSources);
        include.retainAll(known);
        if (!user.include().isEmpty()) include.retainAll(user.include());
        include.removeAll(user.exclude());
        if (include.isEmpty()) return null;
        return new Selection(include, Set.of(), user.active(), user.offline());
    }

    /**
     * Adds what the lookups of {@code ind} found to the graph; returns false when the node budget stopped it.
     */
    private boolean expand(Indicator ind, int hop, List<SourceOutcome> mine, List<Fact> knownFacts, Recipe recipe,
                           Options o,
                           Map<Indicator, Node> nodes, List<Indicator> next, Listener l) {
        List<Recipe.Step> steps = recipe.stepsFor(ind.type(), hop);
        Set<Relation> follow = EnumSet.noneOf(Relation.class);
        boolean followAll = false;
        Duration within = null;
        Integer maxCount = null;
        for (Recipe.Step st : steps) {
            if (st.follow().isEmpty()) followAll = true;
            follow.addAll(st.follow());
            if (st.within() != null) within = within == null ? st.within() : max(within, st.within());
            if (st.maxCount() != null) maxCount = maxCount == null ? st.maxCount() : Math.max(maxCount, st.maxCount());
        }
        // shared hosting: a hub whose reverse fan-out is too large is marked and its reverse neighbours not followed
        long fan = fanOut(ind, mine);
        NoiseRules.Mark shared = noise.fanOut(ind, fan, maxCount != null ? maxCount : o.sharedThreshold()).orElse(null);
        if (shared != null) {
            Node old = nodes.get(ind);
            Node marked = new Node(ind, old.hop(), old.seed(), old.from(), old.via(), shared, old.expanded());
            nodes.put(ind, marked);
            recordMark(marked);
            l.marked(marked);
        }
        Instant cutoff = within == null ? null : clock.instant().minus(within);
        List<Fact> facts = new ArrayList<>(knownFacts);
        for (SourceOutcome x : mine) facts.addAll(x.facts());
        for (Fact f : facts) {
            if (f.object() == null) continue;
            if (!f.subject().equals(ind) && !f.object().equals(ind)) continue;
            Indicator other = f.other(ind);
            if (other == null || other.equals(ind)) continue;
            if (!followAll && !follow.contains(f.relation())) continue;
            if (cutoff != null && f.lastSeen() != null && f.lastSeen().isBefore(cutoff)) continue;
            if (shared != null && REVERSE.contains(f.relation()) && isHubSide(ind, f)) continue;
            if (excluded(steps, other)) continue;
            if (nodes.containsKey(other)) continue;
            if (nodes.size() >= o.maxNodes()) return false;
            NoiseRules.Mark m = noise.judge(other).orElse(null);
            boolean expandIt = m == null || m.expand();
            Node n = new Node(other, hop + 1, false, ind, f, m, expandIt);
            nodes.put(other, n);
            if (m != null) {
                recordMark(n);
                l.marked(n);
            }
            if (expandIt) next.add(other);
        }
        return true;
    }

    private static boolean excluded(List<Recipe.Step> steps, Indicator other) {
        for (Recipe.Step st : steps) if (st.excludes(other.value())) return true;
        return false;
    }

    /** How many distinct neighbours the lookups found on the hub side of reverse relations (or the sources' totals). */
    static long fanOut(Indicator ind, List<SourceOutcome> outcomes) {
        Set<Indicator> neighbours = new HashSet<>();
        long total = 0;
        for (SourceOutcome x : outcomes) {
            long mine = 0;
            for (Fact f : x.facts()) {
                if (f.object() != null && REVERSE.contains(f.relation()) && isHubSide(ind, f)) {
                    neighbours.add(f.other(ind));
                    mine++;
                }
            }
            if (x.total() != null && mine > 0) total = Math.max(total, x.total());
            else if (x.total() != null && x.outcome() == Outcome.TRUNCATED) total = Math.max(total, x.total());
        }
        return Math.max(total, neighbours.size());
    }

    /** Whether {@code ind} is the "one" side of a many-to-one fact (the IP of resolves-to, the subject of co-hosted …). */
    static boolean isHubSide(Indicator ind, Fact f) {
        return switch (f.relation()) {
            case CO_HOSTED -> f.subject().equals(ind);
            case RELATED -> true;
            default -> f.object().equals(ind);
        };
    }

    private void recordMark(Node n) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("rule", n.mark().rule());
        v.put("reason", n.mark().reason());
        v.put("expanded", n.mark().expand());
        if (n.mark().count() != null) v.put("count", n.mark().count());
        Instant now = clock.instant();
        Observation obs = Observation.attribute(n.indicator(), Relation.NOISE, v, SOURCE, now, null);
        store.saveLookup(SOURCE, n.indicator(), "noise", now, now, LookupResult.of(List.of(obs), List.of()),
                Duration.ZERO);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The nodes of a result carrying a mark, by rule. */
    public static Map<String, List<Node>> marksByRule(Result r) {
        Map<String, List<Node>> out = new LinkedHashMap<>();
        for (Node n : r.nodes().values()) {
            if (n.mark() != null) out.computeIfAbsent(n.mark().rule(), k -> new ArrayList<>()).add(n);
        }
        return out;
    }

    static Optional<Node> node(Result r, Indicator i) {
        return Optional.ofNullable(r.nodes().get(i));
    }
}
