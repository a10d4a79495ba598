package io.infrapivot.engine;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.Observation;
import io.infrapivot.source.Access;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.Readiness;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.SourceSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The shared part of every lookup: the sources, each source's concurrency slots, rate limiter and circuit
 * breaker, the coalescing of identical lookups under way, and the case. A run opens a {@link LookupSession}
 * with {@link #session(SessionOptions)}: the session owns the run's budget, cancellation and listeners.
 *
 * <p>A lookup passes a chain of small {@link Step}s, each answering itself or passing on:
 * {@code selection → cache → coalesce → store → admission → timeout → source} (the store step wraps admission:
 * it stores once the source's slot is given back). Every source that accepts an indicator runs concurrently
 * on virtual threads; one source failing never affects the others.
 */
public final class Engine implements AutoCloseable {
    private final SourceRegistry registry;
    private final Config config;
    private final CaseStore store;
    private final IndicatorParser parser;
    private final Clock clock;
    private final Map<String, Semaphore> concurrency = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> rates = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Step> chain;
    /** Rate limits shared with other processes (a worker's fleet), or null. */
    private volatile SharedRateLimit shared;

    public Engine(SourceRegistry registry, Config config, CaseStore store, IndicatorParser parser, Clock clock) {
        this(registry, config, store, parser, clock, null);
    }

    /**
     * An engine whose lookups are made by {@code remote} (the team's workers) and read back from the shared case:
     * the chain is {@code selection → cache → coalesce → remote}; null: asked here, as usual.
     */
    private io.infrapivot.source.routing.HostingAsns hostingAsns;

    public Engine(SourceRegistry registry, Config config, CaseStore store, IndicatorParser parser, Clock clock,
                  RemoteLookups remote) {
        this.registry = registry;
        this.config = config;
        this.store = store;
        // sources see attacker-controlled text: their parser never reads local files
        this.parser = new IndicatorParser(parser.suffixList(), false);
        this.clock = clock;
        this.chain = remote != null
                ? List.of(new SelectionStep(this, true), new CacheStep(store, clock), new CoalesceStep(),
                        new RemoteStep(store, clock, remote))
                : List.of(new SelectionStep(this), new CacheStep(store, clock), new CoalesceStep(),
                        new StoreStep(store, clock), new AdmissionStep(this), new TimeoutStep(executor),
                        new SourceStep(this.parser, clock, caseView(),
                                // what the sources share: the hosting list of this engine's config among it
                                io.infrapivot.source.routing.HostingAsns.provide(
                                        new io.infrapivot.source.SharedResources(), hostingAsns())));
    }

    /** The big hosting networks' list of this engine's config (the shipped list with the user's file), read once. */
    /** {@link #hostingAsns()} as the faces' view (labels only). */
    public HostingNetworks hostingNetworks() {
        return HostingNetworks.over(hostingAsns());
    }

    public synchronized io.infrapivot.source.routing.HostingAsns hostingAsns() {
        if (hostingAsns == null) hostingAsns = HostingNetworks.of(config);
        return hostingAsns;
    }

    /** Makes every request of every lookup also take a permit of {@code limit} (the fleet's window). */
    public void shareRateLimits(SharedRateLimit limit) {
        this.shared = limit;
    }

    SharedRateLimit sharedRateLimit() {
        return shared;
    }

    public SourceRegistry registry() {
        return registry;
    }

    public CaseStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** The parser the sources use (no local files: they parse attacker-controlled text). */
    IndicatorParser parser() {
        return parser;
    }

    ExecutorService executor() {
        return executor;
    }

    /** A new run on this engine, with its own budget, cancellation and listeners. */
    public LookupSession session(SessionOptions options) {
        return new LookupSession(this, options);
    }

    /** A new run without a budget. */
    public LookupSession session() {
        return session(SessionOptions.unlimited());
    }

    /**
     * A one-off run without a budget: {@link LookupSession#lookup(Collection, Selection, RunOptions, Duration,
     * boolean, Consumer)} on a session of its own. Faces that show progress or may cancel open a session.
     */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection, RunOptions options,
                                      Duration timeout, boolean refresh, Consumer<SourceOutcome> listener)
            throws InterruptedException {
        try (LookupSession s = session()) {
            return s.lookup(indicators, selection, options, timeout, refresh, listener);
        }
    }

    /** As {@link LookupSession#lookup(Collection, Selection, RunOptions, Duration, boolean, Consumer, Consumer)}, on a session of its own. */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection, RunOptions options,
                                      Duration timeout, boolean refresh, Consumer<SourceOutcome> answered,
                                      Consumer<SourceOutcome> listener) throws InterruptedException {
        try (LookupSession s = session()) {
            return s.lookup(indicators, selection, options, timeout, refresh, answered, listener);
        }
    }

    /** Throws {@link IllegalArgumentException} naming an unknown source id in the selection. */
    public void validate(Selection selection) {
        List<String> known = registry.ids();
        for (String id : concat(selection.include(), selection.exclude())) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("unknown source '" + id + "'; known sources: " + String.join(", ", known));
            }
        }
    }

    /** Why a source will not run under a selection: a typed refusal and its words. */
    public record Skip(Refusal refusal, String message) {}

    /** Why a source will not run under a selection, or null when it will. */
    public Skip skip(Source source, Selection selection) {
        SourceInfo info = source.info();
        if (!config.enabled(info.id())) return new Skip(Refusal.DISABLED, "disabled in the config file");
        if (selection.offline() && info.access() != Access.OFFLINE) {
            return new Skip(Refusal.OFFLINE, "--offline: " + info.access().id() + " source");
        }
        if (info.access() == Access.ACTIVE && !selection.active()) {
            return new Skip(Refusal.ACTIVE_NOT_ALLOWED, "active source (touches the target's own servers); allow with --active");
        }
        Readiness r = source.readiness(settingsOf(source));
        return r.isReady() ? null : new Skip(Refusal.NOT_READY, r.reason());
    }

    /** Why a source will not run for an indicator under a selection, or null when it will. */
    public String skipReason(Source source, Selection selection) {
        Skip s = skip(source, selection);
        return s == null ? null : s.message();
    }

    /** The sources a selection names for an indicator: selected and accepting its type (ready or not). */
    public List<Source> candidates(Indicator indicator, Selection selection) {
        List<Source> out = new ArrayList<>();
        for (Source s : registry.all()) {
            String id = s.info().id();
            if (!s.info().accepts().contains(indicator.type())) continue;
            if (!selection.include().isEmpty() && !selection.include().contains(id)) continue;
            if (selection.exclude().contains(id)) continue;
            out.add(s);
        }
        return out;
    }

    /** Runs one lookup down the chain. */
    SourceOutcome chain(LookupCall call) throws InterruptedException {
        return Step.Chain.of(chain, call).proceed();
    }

    CircuitBreaker breaker(Source source, SourceSettings settings) {
        return breakers.computeIfAbsent(source.info().id(), k -> new CircuitBreaker(
                settings.get(EngineSettings.BREAKER_THRESHOLD), settings.get(EngineSettings.BREAKER_COOLDOWN),
                clock));
    }

    Semaphore slots(Source source, SourceSettings settings) {
        return concurrency.computeIfAbsent(source.info().id(), k -> new Semaphore(
                Math.max(1, settings.find(EngineSettings.PARALLEL_LOOKUPS).orElse(source.info().concurrency()))));
    }

    RateLimiter rateLimiter(SourceInfo info, int permits) {
        return rates.computeIfAbsent(info.id(), k -> new RateLimiter(permits, info.rateLimit().per()));
    }

    /** A source's settings, with what it inherits from another source's table (DNS-based sources from dns). */
    public SourceSettings settingsOf(Source source) {
        SourceSettings own = config.source(source.info().id());
        if (source instanceof io.infrapivot.source.InheritsSettings i) {
            return own.inheriting(config.source(i.settingsFrom()), i.inheritedSettings());
        }
        return own;
    }

    private CaseView caseView() {
        return indicator -> {
            List<Observation> out = new ArrayList<>();
            for (StoredObservation o : store.observationsAbout(indicator)) {
                out.add(new Observation(o.subject(), o.relation(), o.object(), o.value(), String.join(",", o.sources()),
                        o.firstSeen(), o.lastSeen(), o.firstLearned(), null, null));
            }
            return out;
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) return (ms / 86_400_000) + "d";
        if (ms % 3_600_000 == 0 && ms > 0) return (ms / 3_600_000) + "h";
        if (ms % 60_000 == 0 && ms > 0) return (ms / 60_000) + "m";
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
