package io.infrapivot.app.maltego;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where the Maltego face talks to the engine: it opens the case, turns a transform's
 * question into a recipe, runs it through the pivot engine (so marks, seeds and every lookup are stored
 * like any other run) and translates the result into an {@link Answer}. Porting Maltego to another
 * lookup API means changing this class only.
 *
 * <p>Thread-safe: the TRX server runs transforms concurrently; each case is opened once and shared.
 */
public final class EngineLookups implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EngineLookups.class.getName());
    /** Cases kept open at once by a long-running server; the least recently opened is closed past this. */
    static final int OPEN_CASES = 8;

    /**
     * How lookups run.
     *
     * @param resolvers DNS resolvers (IP[:port]); empty: the system's
     * @param active    allow active sources
     * @param timeout   time one source lookup may take
     * @param maxNodes  stop adding indicators past this many (a recipe run)
     */
    public record Options(List<String> resolvers, boolean active, Duration timeout, int maxNodes) {
        public Options {
            resolvers = List.copyOf(resolvers);
        }

        public static Options defaults() {
            return new Options(List.of(), false, Duration.ofSeconds(60), 2000);
        }
    }

    private final Config config;
    private final IndicatorParser parser;
    private final SourceRegistry registry;
    private final CaseRepository cases;
    private final Path dataFolder;
    private final Clock clock;
    private final Options options;
    private final Map<String, Opened> open = new LinkedHashMap<>();
    private NoiseRules noise;

    /** An open case and its engine; {@code users} counts the runs on it, so that it is never closed under one. */
    private record Opened(CaseStore store, Engine engine, java.util.concurrent.atomic.AtomicInteger users) {
        void close() {
            engine.close();
            store.close();
        }
    }

    public EngineLookups(Config config, IndicatorParser parser, SourceRegistry registry, CaseRepository cases,
                         Path dataFolder, Clock clock, Options options) {
        this.config = config;
        this.parser = parser;
        this.registry = registry;
        this.cases = cases;
        this.dataFolder = dataFolder;
        this.clock = clock;
        this.options = options;
    }

    /**
     * The value read as one of the transform's input types: as the parser guesses it when that is one of
     * them, else forced to the first. Throws {@link IllegalArgumentException} with the reason.
     */
    public Indicator parse(MaltegoTransform t, String value) {
        try {
            Indicator guessed = parser.parse(value).orElseThrow().indicator();
            if (t.inputTypes().contains(guessed.type())) return guessed;
        } catch (IllegalArgumentException notGuessed) {
            LOG.log(System.Logger.Level.DEBUG, "value not guessed, read as " + t.inputTypes().get(0) + ": " + notGuessed.getMessage());
        }
        return parser.parseAs(t.inputTypes().get(0), value).orElseThrow().indicator();
    }

    /** The sources that answer one hop: they accept one of its types and produce one of its relations. */
    public List<String> sourcesFor(MaltegoTransform.Hop hop) {
        return sourcesFor(registry, hop);
    }

    /** As {@link #sourcesFor(MaltegoTransform.Hop)} for a registry (for {@code maltego list}). */
    public static List<String> sourcesFor(SourceRegistry registry, MaltegoTransform.Hop hop) {
        Set<String> ids = new LinkedHashSet<>();
        for (Source s : registry.all()) {
            var info = s.info();
            if (info.id().equals("case")) continue; // replays the case: only where a hop asks for it
            boolean accepts = info.accepts().stream().anyMatch(hop.types()::contains);
            boolean produces = info.produces().stream().anyMatch(hop.relations()::contains);
            if (accepts && produces) ids.add(info.id());
        }
        for (String extra : hop.extraSources()) if (registry.ids().contains(extra)) ids.add(extra);
        return List.copyOf(ids);
    }

    /**
     * Runs a transform from {@code seed} and stores everything in the case {@code caseName} (opened, and
     * created, on first use). {@code depth} overrides a recipe's depth (null: its own).
     *
     * @throws IllegalArgumentException the case name or the recipe is not valid
     */
    public Answer run(MaltegoTransform t, Indicator seed, String caseName, Integer depth) throws InterruptedException {
        Recipe recipe;
        int hops;
        if (t.recipe() != null) {
            recipe = Recipe.load(t.recipe());
            hops = depth != null ? depth : recipe.depth();
        } else {
            List<Recipe.Step> steps = new ArrayList<>();
            for (int i = 0; i < t.hops().size(); i++) {
                MaltegoTransform.Hop h = t.hops().get(i);
                List<String> sources = sourcesFor(h);
                // a hop no source of this build answers: nothing to run (an empty list would mean "every source")
                if (sources.isEmpty()) break;
                steps.add(new Recipe.Step(h.types(), i, i, sources, h.relations(), null, null, List.of()));
            }
            recipe = new Recipe(t.name(), t.display(), steps.size(), steps);
            hops = steps.size();
        }
        Opened o = acquire(caseName);
        try {
            return run(o, seed, recipe, hops, caseName);
        } finally {
            release(o);
        }
    }

    private Answer run(Opened o, Indicator seed, Recipe recipe, int hops, String caseName)
            throws InterruptedException {
        Selection selection = new Selection(Set.of(), Set.of(), options.active(), false);
        Pivot.Options po = new Pivot.Options(hops, options.maxNodes(), null, Map.of(),
                NoiseRules.DEFAULT_SHARED_THRESHOLD, selection, new RunOptions(options.resolvers(), options.active(),
                null, null, Pivot.resultCap(NoiseRules.DEFAULT_SHARED_THRESHOLD)), options.timeout(), false);
        Pivot.Result result = new Pivot(o.engine(), o.store(), noise(), clock).run(List.of(seed), recipe, po, null);
        Answer.Node seedNode = null;
        List<Answer.Node> found = new ArrayList<>();
        for (Pivot.Node n : result.nodes().values()) {
            Answer.Node a = node(n, merged(o.store(), n));
            if (n.indicator().equals(seed)) seedNode = a;
            else found.add(a);
        }
        if (seedNode == null) seedNode = new Answer.Node(seed, 0, null, null, false, List.of(), null, null, null, null);
        List<Answer.SourceReport> reports = new ArrayList<>();
        for (SourceOutcome x : result.outcomes()) {
            reports.add(new Answer.SourceReport(x.source(), x.indicator(), status(x), x.message(), x.total(), x.cached()));
        }
        return new Answer(seedNode, found, reports, caseName);
    }

    /**
     * The link a node was reached by as the case now holds it: every source that reported it and the widest
     * first/last seen of their sightings (the pivot's own record is the first sighting heard). The pivot's
     * record when the case has none.
     */
    private static Fact merged(CaseStore store, Pivot.Node n) {
        Fact via = n.via();
        if (via == null || via.object() == null) return via;
        try {
            for (StoredObservation so : store.observationsAbout(n.indicator())) {
                if (so.relation() == via.relation() && so.subject().equals(via.subject()) && via.object().equals(so.object())) {
                    return Fact.of(so);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the case's record of a link failed: " + e);
        }
        return via;
    }

    private static Answer.Node node(Pivot.Node n, Fact via) {
        Answer.Mark mark = n.mark() == null ? null
                : new Answer.Mark(n.mark().rule(), n.mark().reason(), n.mark().expand(), n.mark().count());
        if (via == null) {
            return new Answer.Node(n.indicator(), n.hop(), n.from(), null, false, List.of(), null, null, null, mark);
        }
        boolean objectSide = n.indicator().equals(via.object());
        return new Answer.Node(n.indicator(), n.hop(), n.from(), via.relation(), objectSide, via.sources(),
                via.firstSeen(), via.lastSeen(), via.count(), mark);
    }

    private static Answer.Status status(SourceOutcome x) {
        return switch (x.outcome()) {
            case OK -> Answer.Status.OK;
            case EMPTY -> Answer.Status.EMPTY;
            case TRUNCATED -> Answer.Status.TRUNCATED;
            case ERROR -> Answer.Status.FAILED;
            case SKIPPED -> Answer.Status.SKIPPED;
        };
    }

    private synchronized NoiseRules noise() {
        if (noise == null) {
            noise = NoiseRules.load(parser, dataFolder, Set.of(), io.infrapivot.engine.HostingNetworks.of(config));
        }
        return noise;
    }

    private synchronized Opened acquire(String caseName) {
        Opened o = open.remove(caseName);
        if (o == null) {
            CaseStore store = cases.open(caseName);
            o = new Opened(store, new Engine(registry, config, store, parser, clock),
                    new java.util.concurrent.atomic.AtomicInteger());
        }
        open.put(caseName, o); // most recently used last
        o.users().incrementAndGet();
        return o;
    }

    /** Ends a run on a case; past {@link #OPEN_CASES} open cases, the least recently used idle ones are closed. */
    private synchronized void release(Opened done) {
        done.users().decrementAndGet();
        var it = open.entrySet().iterator();
        while (open.size() > OPEN_CASES && it.hasNext()) {
            Opened o = it.next().getValue();
            if (o.users().get() == 0) {
                it.remove();
                o.close();
            }
        }
    }

    @Override
    public synchronized void close() {
        for (Opened o : open.values()) {
            try {
                o.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing a case failed: " + e);
            }
        }
        open.clear();
    }
}
