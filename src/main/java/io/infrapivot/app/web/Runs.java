package io.infrapivot.app.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every interaction of the web page with the engine, in one place: start a lookup or a recipe run, turn its
 * progress into events for the page, cancel it. One {@link Engine} per open case (shared rate limits, breakers
 * and coalescing for every tab on that case); each run is its own {@link LookupSession}, so Cancel on one tab
 * stops that run only.
 */
final class Runs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Runs.class.getName());

    /** A run's state as the page shows it. */
    enum State { RUNNING, DONE, CANCELLED, FAILED;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One run started from the page. */
    static final class Run {
        final String id;
        final String caseName;
        final String kind;
        final EventLog events = new EventLog();
        final LookupSession session;
        volatile Thread thread;
        volatile State state = State.RUNNING;

        Run(String id, String caseName, String kind, LookupSession session) {
            this.id = id;
            this.caseName = caseName;
            this.kind = kind;
            this.session = session;
        }
    }

    /** What runs are made with: the sources and their settings, the parser, the data folder, the network options. */
    record Setup(SourceRegistry registry, Config config, IndicatorParser parser, Path dataFolder, Clock clock,
                 List<String> resolvers, Duration timeout) {}

    private final Setup setup;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** One engine per open case store (identity), closed with this. */
    private final Map<CaseStore, Engine> engines = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    Runs(Setup setup) {
        this.setup = setup;
    }

    SourceRegistry registry() {
        return setup.registry();
    }

    /** The case's engine: which sources would run for an indicator, and why the others would not. */
    Engine probe(CaseStore store) {
        return engines.computeIfAbsent(store,
                s -> new Engine(setup.registry(), setup.config(), s, setup.parser(), setup.clock()));
    }

    /** Looks indicators up once with the chosen sources (all ready passive ones when none are named). */
    Run lookup(String caseName, CaseStore store, List<Indicator> indicators, Set<String> sources, boolean active) {
        Selection selection = new Selection(Set.copyOf(sources), Set.of(), active, false);
        Engine engine = probe(store);
        engine.validate(selection); // IllegalArgumentException: an unknown source
        Run run = new Run(newId(), caseName, "lookup", engine.session());
        Set<Indicator> seeds = new HashSet<>(store.seeds());
        int total = indicators.stream().mapToInt(i -> engine.candidates(i, selection).size()).sum();
        start(run, () -> {
            run.events.add("start", json(Map.of("kind", "lookup", "lookups", total)));
            run.session.lookup(indicators, selection, new RunOptions(setup.resolvers(), active, null, null, 1000),
                    setup.timeout(), false, o -> outcome(run, o, seeds));
        });
        return run;
    }

    /** Runs a recipe from seeds, to a depth (the recipe's when null). */
    Run pivot(String caseName, CaseStore store, List<Indicator> seeds, String recipeName, Integer depth,
              Set<String> sources, boolean active) {
        Recipe recipe = Recipe.load(recipeName); // IllegalArgumentException: unknown recipe
        int hops = depth != null ? depth : recipe.depth();
        if (hops < 0 || hops > 10) throw new IllegalArgumentException("depth must be 0 to 10");
        NoiseRules noise = NoiseRules.load(setup.parser(), setup.dataFolder(), Set.of(),
                io.infrapivot.engine.HostingNetworks.of(setup.config()));
        Selection selection = new Selection(Set.copyOf(sources), Set.of(), active, false);
        Engine engine = probe(store);
        engine.validate(selection); // IllegalArgumentException: an unknown source
        Run run = new Run(newId(), caseName, "pivot", engine.session());
        Set<Indicator> known = new HashSet<>(store.seeds());
        known.addAll(seeds);
        start(run, () -> {
            run.events.add("start", json(Map.of("kind", "pivot", "recipe", recipe.name(), "depth", hops)));
            Pivot pivot = new Pivot(engine, store, noise, setup.clock());
            Pivot.Options options = new Pivot.Options(hops, 5000, null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD,
                    selection, new RunOptions(setup.resolvers(), active, null, null,
                    Pivot.resultCap(NoiseRules.DEFAULT_SHARED_THRESHOLD)), setup.timeout(), false);
            pivot.run(run.session, seeds, recipe, options, new Pivot.Listener() {
                @Override
                public void hop(int hop, int frontier, int nodes) {
                    run.events.add("hop", json(Map.of("hop", hop, "frontier", frontier, "nodes", nodes)));
                }

                @Override
                public void outcome(SourceOutcome o) {
                    Runs.this.outcome(run, o, known);
                }

                @Override
                public void marked(Pivot.Node n) {
                    if (n.mark() == null) return;
                    ObjectNode m = GraphView.JSON.createObjectNode();
                    m.put("id", n.indicator().key());
                    m.put("rule", n.mark().rule());
                    m.put("reason", n.mark().reason());
                    m.put("expanded", n.mark().expand());
                    run.events.add("mark", m.toString());
                }
            });
        });
        return run;
    }

    interface Body {
        void run() throws Exception;
    }

    private void start(Run run, Body body) {
        runs.put(run.id, run);
        run.thread = Thread.ofVirtual().name("web-run-" + run.id).start(() -> {
            try {
                body.run();
                finish(run, State.DONE, null);
            } catch (InterruptedException | CancellationException e) {
                finish(run, State.CANCELLED, null);
            } catch (Exception e) {
                if (run.state == State.CANCELLED) {
                    finish(run, State.CANCELLED, null);
                } else {
                    LOG.log(Level.WARNING, "run " + run.id + " failed", e);
                    finish(run, State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } finally {
                run.session.close();
            }
        });
    }

    private static void finish(Run run, State state, String message) {
        if (run.state == State.RUNNING) run.state = state;
        ObjectNode end = GraphView.JSON.createObjectNode();
        end.put("state", run.state.id());
        if (message != null) end.put("message", message);
        run.events.close("end", end.toString());
    }

    private void outcome(Run run, SourceOutcome o, Set<Indicator> seeds) {
        ObjectNode x = GraphView.JSON.createObjectNode();
        x.put("indicator", o.indicator().key());
        x.put("source", o.source());
        x.put("outcome", o.outcome().id());
        x.put("cached", o.cached());
        x.put("facts", o.facts().size());
        if (o.message() != null) x.put("message", o.message());
        run.events.add("outcome", x.toString());
        if (!o.facts().isEmpty()) run.events.add("graph", GraphView.delta(o.facts(), seeds).toString());
    }

    Optional<Run> get(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Stops one run (its own session only); what finished stays stored. False when there is no such run. */
    boolean cancel(String id) {
        Run run = runs.get(id);
        if (run == null) return false;
        if (run.state == State.RUNNING) {
            run.state = State.CANCELLED;
            run.session.cancel();
            Thread t = run.thread;
            if (t != null) t.interrupt();
        }
        return true;
    }

    private String newId() {
        return counter.incrementAndGet() + "-" + Guard.newToken().substring(0, 8);
    }

    private static String json(Map<String, Object> m) {
        return GraphView.JSON.valueToTree(m).toString();
    }

    @Override
    public void close() {
        runs.keySet().forEach(this::cancel);
        engines.values().forEach(Engine::close);
        engines.clear();
    }
}
