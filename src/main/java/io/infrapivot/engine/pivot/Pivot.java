package io.infrapivot.engine.pivot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.Refusal;
import io.infrapivot.engine.SessionEvent;
import io.infrapivot.engine.SessionOptions;
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
                          boolean refresh, Window window) {
        public Options {
            requestBudget = Map.copyOf(requestBudget);
            if (window == null) window = Window.RECIPE;
        }

        /** Options that keep each recipe step's own window. */
        public Options(int depth, int maxNodes, Duration timeBudget, Map<String, Integer> requestBudget,
                       int sharedThreshold, Selection selection, RunOptions run, Duration timeout, boolean refresh) {
            this(depth, maxNodes, timeBudget, requestBudget, sharedThreshold, selection, run, timeout, refresh,
                    Window.RECIPE);
        }
    }

    /**
     * How recent a fact must be to be followed: the recipe steps' own {@code within_days} ({@link #RECIPE}), any
     * date ({@link #ANY}), or a window the user chose that replaces every step's.
     *
     * @param duration the window (null with {@code recipe}: each step's; null without: any date)
     * @param recipe   whether the recipe's windows hold
     */
    public record Window(Duration duration, boolean recipe) {
        public static final Window RECIPE = new Window(null, true);
        public static final Window ANY = new Window(null, false);

        public static Window of(Duration d) {
            return new Window(d, false);
        }
    }

    /** Why a fact of an expanded indicator was not followed (or an indicator not looked up). */
    public enum Unfollowed {
        /** Last seen before the window (the recipe's {@code within_days}, or {@code --within}). */
        OUTSIDE_WINDOW("outside-window"),
        /** The indicator it hangs from is marked (shared hosting, a bulk registrant): its many links are not followed. */
        MARKED("marked"),
        /** The node budget was full. */
        NODE_BUDGET("node-budget"),
        /** Indicators whose lookups the session refused (request or time budget, rate limit, breaker, Ctrl-C). */
        REFUSED("refused");

        private final String id;

        Unfollowed(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * What a pivot left unfollowed, for one reason.
     *
     * @param reason     why
     * @param count      distinct indicators not reached (or, for {@link Unfollowed#REFUSED}, not looked up)
     * @param newestSeen for {@link Unfollowed#OUTSIDE_WINDOW}: the most recent last-seen date among them (else null)
     */
    public record Left(Unfollowed reason, int count, Instant newestSeen) {}

    /** An indicator in the graph: how it was reached and whether it was marked. */
    public record Node(Indicator indicator, int hop, boolean seed, Indicator from, Fact via, NoiseRules.Mark mark,
                       boolean expanded) {}

    /**
     * How many results a pivot asks of one paginated lookup: one more than the shared-hosting threshold.
     * That decides whether a hub is shared (whose names are then not followed anyway) without paging
     * through thousands; the service's total is still reported.
     */
    public static int resultCap(int sharedThreshold) {
        return sharedThreshold + 1;
    }

    /** Hears progress; called from the pivot's own thread and from lookup threads. */
    public interface Listener {
        default void hop(int hop, int frontier, int nodes) {}

        default void outcome(SourceOutcome outcome) {}

        default void marked(Node node) {}
    }

    /** What a pivot did. */
    /** What a pivot found; {@code elapsed} is the wall time from its first lookup to its last answer stored. */
    public record Result(Map<Indicator, Node> nodes, List<SourceOutcome> outcomes, List<String> stopReasons,
                         Map<String, Integer> requests, int hopsRun, Duration elapsed, List<Left> unfollowed) {
        public Result {
            unfollowed = List.copyOf(unfollowed);
        }

        /** What was left for {@code reason} (count 0 when nothing). */
        public Left left(Unfollowed reason) {
            return unfollowed.stream().filter(x -> x.reason() == reason).findFirst().orElse(new Left(reason, 0, null));
        }
    }

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

    /** The session options that carry a pivot's budgets (requests per source, time). */
    public static SessionOptions sessionOptions(Options o) {
        return new SessionOptions(o.requestBudget(), o.timeBudget());
    }

    /** Runs a pivot on a session of its own, with the options' budgets. */
    public Result run(Collection<Indicator> seeds, Recipe recipe, Options o, Listener listener)
            throws InterruptedException {
        try (LookupSession session = engine.session(sessionOptions(o))) {
            return run(session, seeds, recipe, o, listener);
        }
    }

    /**
     * Runs a pivot on {@code session}: its budgets (not the options') limit the requests, its {@link
     * LookupSession#cancel()} stops the pivot (what finished stays stored), its listeners hear every lookup
     * and each hop. Make the session with {@link #sessionOptions(Options)} to honour the options' budgets.
     */
    public Result run(LookupSession session, Collection<Indicator> seeds, Recipe recipe, Options o, Listener listener)
            throws InterruptedException {
        Listener l = listener == null ? new Listener() {} : listener;
        engine.validate(o.selection());
        store.addSeeds(seeds);
        Run run = new Run(session, recipe, o, l, System.nanoTime());
        return run.execute(new ArrayList<>(new LinkedHashSet<>(seeds)));
    }

    /**
     * One pivot, pipelined: an indicator is looked up as soon as it is found (each source's limits still
     * hold), and expanded as soon as its own lookups are done, so a slow lookup delays only what depends
     * on it. Facts are followed from every expanded indicator they touch, whenever they arrive, and an
     * indicator found again by a shorter path takes the lower hop (and is looked up if that brings it
     * within the depth): the graph is the same whatever the order answers come in.
     */
    private final class Run {
        final LookupSession session;
        final Recipe recipe;
        final Options o;
        final Listener l;
        final Object lock = new Object();
        final Map<Indicator, Node> nodes = new LinkedHashMap<>();
        final Map<Indicator, List<Fact>> known = new HashMap<>();
        /** Indicators whose own lookups are done at the hop given: their facts are followed. */
        final Map<Indicator, Integer> expandedAt = new HashMap<>();
        /** The hop each indicator's lookups were last started for. */
        final Map<Indicator, Integer> scheduledAt = new HashMap<>();
        final Map<Indicator, NoiseRules.Mark> shared = new HashMap<>();
        /** Indicators whose own lookups are under way: whether they are shared hubs is not known yet. */
        final Set<Indicator> hubUndecided = new HashSet<>();
        /** Many-to-one facts of an undecided hub, followed once it proves not shared. */
        final Map<Indicator, List<Fact>> deferred = new HashMap<>();
        final Set<String> followed = new HashSet<>();
        final List<SourceOutcome> outcomes = new ArrayList<>();
        final Set<String> stops = new LinkedHashSet<>();
        /** Indicators a fact pointed to but that was not followed, by reason (those reached another way are dropped at the end). */
        final Map<Unfollowed, Set<Indicator>> left = new java.util.EnumMap<>(Unfollowed.class);
        Instant newestOutside;
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        int pending;
        int maxHop;
        boolean nodeBudgetHit;
        Throwable failure;

        final long startedNanos;

        Run(LookupSession session, Recipe recipe, Options o, Listener l, long startedNanos) {
            this.session = session;
            this.recipe = recipe;
            this.o = o;
            this.l = l;
            this.startedNanos = startedNanos;
        }

        Result execute(List<Indicator> seeds) throws InterruptedException {
            List<Node> marks = new ArrayList<>();
            synchronized (lock) {
                for (Indicator s : seeds) {
                    NoiseRules.Mark m = noise.judge(s).orElse(null);
                    Node n = new Node(s, 0, true, null, null, m, true);
                    nodes.put(s, n);
                    if (m != null) marks.add(n);
                    schedule(s, 0); // a seed is looked up even when marked: the analyst asked for it
                }
            }
            marks.forEach(Pivot.this::recordMark);
            try {
                synchronized (lock) {
                    while (pending > 0 && failure == null) lock.wait();
                }
            } catch (InterruptedException e) {
                session.cancel();
                throw e;
            } finally {
                pool.shutdownNow();
            }
            if (failure instanceof RuntimeException re) throw re;
            if (failure instanceof Error er) throw er;
            if (failure != null) throw new IllegalStateException(failure);
            return result();
        }

        /** Starts the lookups of {@code ind} at {@code hop} when the recipe looks it up there. Holds the lock. */
        void schedule(Indicator ind, int hop) {
            if (hop >= o.depth() || recipe.stepsFor(ind.type(), hop).isEmpty()) return;
            if (session.isCancelled()) return;
            Node n = nodes.get(ind);
            if (n.mark() != null && !n.mark().expand() && !n.seed()) return;
            Integer before = scheduledAt.get(ind);
            if (before != null && before <= hop) return;
            scheduledAt.put(ind, hop);
            pending++;
            maxHop = Math.max(maxHop, hop);
            l.hop(hop, pending, nodes.size());
            session.publish(new SessionEvent.HopProgress(hop, pending, nodes.size()));
            pool.submit(() -> {
                try {
                    lookupAndExpand(ind, hop);
                } catch (Throwable t) {
                    synchronized (lock) {
                        if (failure == null && !(t instanceof InterruptedException)) failure = t;
                    }
                } finally {
                    synchronized (lock) {
                        pending--;
                        lock.notifyAll();
                    }
                }
            });
        }

        void lookupAndExpand(Indicator ind, int hop) throws InterruptedException {
            List<Recipe.Step> steps = recipe.stepsFor(ind.type(), hop);
            TreeSet<String> sources = new TreeSet<>();
            boolean any = false;
            Integer maxCount = null;
            for (Recipe.Step st : steps) {
                if (st.sources().isEmpty()) any = true;
                sources.addAll(st.sources());
                if (st.maxCount() != null) maxCount = maxCount == null ? st.maxCount() : Math.max(maxCount, st.maxCount());
            }
            List<Node> marks = new ArrayList<>();
            synchronized (lock) {
                if (nodes.get(ind).hop() < hop) return; // found again by a shorter path meanwhile: that run expands it
                // expanded from now on: what is known of it is followed, and each answer as it comes, except the
                // many-to-one facts of a hub, which wait until its fan-out is known
                expandedAt.put(ind, hop);
                hubUndecided.add(ind);
                for (Fact f : List.copyOf(known.getOrDefault(ind, List.of()))) follow(ind, f, marks);
            }
            flush(marks);
            Selection sel = narrow(o.selection(), any ? List.of() : List.copyOf(sources), engine.registry().ids());
            List<SourceOutcome> got = sel == null ? List.of()
                    : session.lookup(List.of(ind), sel, o.run(), o.timeout(), o.refresh(), x -> {
                        // followed as soon as the source answered: the next hop does not wait for the store
                        List<Node> found = new ArrayList<>();
                        synchronized (lock) {
                            take(x.facts(), found);
                        }
                        flush(found);
                    }, x -> {
                        l.outcome(x);
                        synchronized (lock) {
                            record(x);
                        }
                    });
            synchronized (lock) {
                hubUndecided.remove(ind);
                Node node = nodes.get(ind);
                long fan = fanOut(ind, got);
                NoiseRules.Mark hub = noise.fanOut(ind, fan, maxCount != null ? maxCount : o.sharedThreshold()).orElse(null);
                List<Fact> waiting = deferred.getOrDefault(ind, List.of());
                deferred.remove(ind);
                if (hub != null) {
                    // shared hosting: marked; its names (or a bulk registrant's domains) are not followed
                    shared.put(ind, hub);
                    Node marked = new Node(ind, node.hop(), node.seed(), node.from(), node.via(), hub, node.expanded());
                    nodes.put(ind, marked);
                    marks.add(marked);
                    for (Fact f : waiting) leave(Unfollowed.MARKED, f.other(ind));
                } else {
                    for (Fact f : waiting) follow(ind, f, marks);
                }
            }
            flush(marks);
        }

        /** Records one source's outcome (stored, with its facts' ids). Holds the lock. */
        void record(SourceOutcome x) {
            outcomes.add(x);
            if (x.refusal() == Refusal.TIME_BUDGET) {
                stops.add("time budget of " + session.options().timeBudget() + " reached");
            } else if (x.refusal() != null && x.refusal().stopsPivot()) {
                stops.add(x.refusal().id());
            }
        }

        /** Takes one source's facts into the graph. Holds the lock. */
        void take(List<Fact> facts, List<Node> marks) {
            for (Fact f : facts) {
                known.computeIfAbsent(f.subject(), k -> new ArrayList<>()).add(f);
                if (f.object() != null) known.computeIfAbsent(f.object(), k -> new ArrayList<>()).add(f);
                // followed from every expanded end: the indicator looked up and any other already expanded
                for (Indicator end : new Indicator[] {f.subject(), f.object()}) {
                    if (end != null && expandedAt.containsKey(end)) follow(end, f, marks);
                }
            }
        }

        void flush(List<Node> marks) {
            for (Node n : marks) {
                recordMark(n);
                l.marked(n);
            }
            marks.clear();
        }

        /** Follows {@code f} from the expanded indicator {@code from}, under its hop's steps. Holds the lock. */
        void follow(Indicator from, Fact f, List<Node> marks) {
            if (f.object() == null) return;
            if (!f.subject().equals(from) && !f.object().equals(from)) return;
            Indicator other = f.other(from);
            if (other == null || other.equals(from)) return;
            int hop = expandedAt.get(from);
            List<Recipe.Step> steps = recipe.stepsFor(from.type(), hop);
            Set<Relation> rels = EnumSet.noneOf(Relation.class);
            boolean all = false;
            Duration within = null;
            for (Recipe.Step st : steps) {
                if (st.follow().isEmpty()) all = true;
                rels.addAll(st.follow());
                if (st.within() != null) within = within == null ? st.within() : max(within, st.within());
            }
            if (!o.window().recipe()) within = o.window().duration();
            if (!all && !rels.contains(f.relation())) return;
            if (within != null && f.lastSeen() != null && f.lastSeen().isBefore(clock.instant().minus(within))) {
                leave(Unfollowed.OUTSIDE_WINDOW, other);
                if (newestOutside == null || f.lastSeen().isAfter(newestOutside)) newestOutside = f.lastSeen();
                return;
            }
            // after the checks: another sighting of the same link (another source, a later date) may still pass them
            if (!followed.add(from.key() + "|" + hop + "|" + f.relation().id() + "|" + other.key())) return;
            if (REVERSE.contains(f.relation()) && isHubSide(from, f)) {
                if (shared.containsKey(from)) {
                    leave(Unfollowed.MARKED, other);
                    return;
                }
                if (hubUndecided.contains(from)) {
                    followed.remove(from.key() + "|" + hop + "|" + f.relation().id() + "|" + other.key());
                    deferred.computeIfAbsent(from, k -> new ArrayList<>()).add(f);
                    return;
                }
            }
            if (excluded(steps, other)) return;
            int newHop = hop + 1;
            Node existing = nodes.get(other);
            if (existing != null && existing.mark() != null && existing.mark().rule().equals(NoiseRules.ZONE_CONTACT)
                    && f.relation() != Relation.SOA_EMAIL) {
                // an SOA mailbox that another link names too (a registrant's email): it is the actor's, expand it
                Node freed = new Node(other, Math.min(newHop, existing.hop()), existing.seed(), from, f, null, true);
                nodes.put(other, freed);
                schedule(other, freed.hop());
                return;
            }
            if (existing != null) {
                if (newHop < existing.hop()) {
                    Node moved = new Node(other, newHop, existing.seed(), from, f, existing.mark(), existing.expanded());
                    nodes.put(other, moved);
                    if (moved.expanded()) schedule(other, newHop);
                }
                return;
            }
            if (nodes.size() >= o.maxNodes()) {
                nodeBudgetHit = true;
                leave(Unfollowed.NODE_BUDGET, other);
                return;
            }
            NoiseRules.Mark m = noise.judge(other).orElse(null);
            if (m == null && f.relation() == Relation.SOA_EMAIL) m = noise.judgeSoaContact(from, other).orElse(null);
            // a big hosting network's prefix stays a leaf, even where its range alone would be expanded (cloud)
            NoiseRules.Mark hosted = noise.judgeAnnounced(f.relation(), other, f.value()).orElse(null);
            if (hosted != null && (m == null || m.expand())) m = hosted;
            boolean expandIt = m == null || m.expand();
            Node n = new Node(other, newHop, false, from, f, m, expandIt);
            nodes.put(other, n);
            if (m != null) marks.add(n);
            if (expandIt) schedule(other, newHop);
        }

        void leave(Unfollowed why, Indicator other) {
            if (other != null) left.computeIfAbsent(why, k -> new LinkedHashSet<>()).add(other);
        }

        /** What was left unfollowed, by reason: indicators reached another way in the end are not counted. */
        List<Left> unfollowed() {
            Set<Indicator> refused = new LinkedHashSet<>();
            for (SourceOutcome x : outcomes) {
                if (x.refusal() != null && x.refusal().retryable()) refused.add(x.indicator());
            }
            if (!refused.isEmpty()) left.put(Unfollowed.REFUSED, refused);
            List<Left> out = new ArrayList<>();
            for (Unfollowed why : Unfollowed.values()) {
                Set<Indicator> s = left.getOrDefault(why, Set.of());
                int n = why == Unfollowed.REFUSED ? s.size()
                        : (int) s.stream().filter(i -> !nodes.containsKey(i)).count();
                if (n > 0) out.add(new Left(why, n, why == Unfollowed.OUTSIDE_WINDOW ? newestOutside : null));
            }
            return out;
        }

        Result result() {
            List<String> reasons = new ArrayList<>(stops);
            if (nodeBudgetHit) reasons.add("node budget of " + o.maxNodes() + " reached");
            for (SourceOutcome x : outcomes) {
                if (x.refusal() == Refusal.REQUEST_BUDGET) {
                    String r = x.source() + ": " + x.message();
                    if (!reasons.contains(r)) reasons.add(r);
                }
            }
            long atDepth = nodes.values().stream().filter(n -> n.hop() >= o.depth() && n.expanded()
                    && !recipe.stepsFor(n.indicator().type(), n.hop()).isEmpty()).count();
            if (atDepth > 0) reasons.add("depth " + o.depth() + " reached with " + atDepth + " indicators not looked up");
            List<Left> unfollowed = unfollowed();
            int leftCount = unfollowed.stream().filter(x -> x.reason() != Unfollowed.REFUSED).mapToInt(Left::count).sum();
            if (atDepth == 0) {
                reasons.add("nothing left to expand after hop " + (maxHop + 1)
                        + (leftCount > 0 ? " (" + leftCount + " indicators left unfollowed)" : ""));
            }
            Map<Indicator, Node> sorted = new LinkedHashMap<>();
            nodes.values().stream().sorted(java.util.Comparator.comparingInt(Node::hop).thenComparing(Node::indicator))
                    .forEach(n -> sorted.put(n.indicator(), n));
            return new Result(sorted, List.copyOf(outcomes), List.copyOf(reasons), session.requests(),
                    scheduledAt.isEmpty() ? 0 : maxHop + 1, Duration.ofNanos(System.nanoTime() - startedNanos),
                    unfollowed);
        }
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
