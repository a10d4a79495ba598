package io.infrapivot.engine;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.Readiness;
import io.infrapivot.source.RequestGate;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.SourceSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs lookups: every selected, ready source that accepts an indicator, concurrently on virtual threads
 * under each source's concurrency and rate limits, answering from the case's lookup log while an answer
 * is fresh, and storing every result in the case. One source failing never affects the others.
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
    /** Lookups under way, by source, indicator and parameters: a second ask waits for the first's answer. */
    private final Map<String, java.util.concurrent.CompletableFuture<SourceOutcome>> inflight = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> requestBudget = Map.of();
    private volatile Instant deadline;
    private volatile boolean cancelled;

    public Engine(SourceRegistry registry, Config config, CaseStore store, IndicatorParser parser, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.store = store;
        // sources see attacker-controlled text: their parser never reads local files
        this.parser = new IndicatorParser(parser.suffixList(), false);
        this.clock = clock;
    }

    public SourceRegistry registry() {
        return registry;
    }

    public CaseStore store() {
        return store;
    }

    /**
     * Limits what later lookups may spend: at most {@code perSource} requests per source id (a key
     * {@code "*"} applies to every source without its own), and no new request after {@code deadline}
     * (null: none). Cached answers cost nothing and are always given.
     */
    public void budget(Map<String, Integer> perSource, Instant deadline) {
        this.requestBudget = Map.copyOf(perSource);
        this.deadline = deadline;
    }

    /** Requests actually made (not answered from the cache), per source, since this engine was made. */
    public Map<String, Integer> requests() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.get()));
        return out;
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

    /** Why a source will not run for an indicator under a selection, or null when it will. */
    public String skipReason(Source source, Selection selection) {
        SourceInfo info = source.info();
        if (!config.enabled(info.id())) return "disabled in the config file";
        if (selection.offline() && info.access() != Access.OFFLINE) return "--offline: " + info.access().id() + " source";
        if (info.access() == Access.ACTIVE && !selection.active()) {
            return "active source (touches the target's own servers); allow with --active";
        }
        Readiness r = source.readiness(settingsOf(source));
        return r.isReady() ? null : r.reason();
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

    /**
     * Looks every indicator up once with every candidate source; {@code listener} hears each outcome as it
     * ends. Returns the outcomes in a stable order (indicator, then source registry order).
     */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection, RunOptions options,
                                      Duration timeout, boolean refresh, Consumer<SourceOutcome> listener)
            throws InterruptedException {
        return lookup(indicators, selection, options, timeout, refresh, null, listener);
    }

    /**
     * As {@link #lookup(Collection, Selection, RunOptions, Duration, boolean, Consumer)}, and {@code answered}
     * hears each lookup's facts as soon as its source answered, before they are stored: once per outcome and
     * before {@code listener}, with facts that have no store ids yet (a cached, skipped or unstored outcome is
     * heard as it is). A pivot follows these so that the next hop does not wait for the store's writer; the
     * store still commits every lookup before any lookup that started after it was answered.
     */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection, RunOptions options,
                                      Duration timeout, boolean refresh, Consumer<SourceOutcome> answered,
                                      Consumer<SourceOutcome> listener) throws InterruptedException {
        validate(selection);
        List<Future<SourceOutcome>> futures = new ArrayList<>();
        for (Indicator indicator : new LinkedHashSet<>(indicators)) {
            for (Source source : candidates(indicator, selection)) {
                Future<SourceOutcome> f = executor.submit(() -> {
                    boolean[] heard = new boolean[1];
                    Consumer<SourceOutcome> early = answered == null ? null : x -> {
                        heard[0] = true;
                        answered.accept(x);
                    };
                    SourceOutcome o = runOne(source, indicator, selection, options, timeout, refresh, early);
                    if (answered != null && !heard[0]) answered.accept(o);
                    if (listener != null) listener.accept(o);
                    return o;
                });
                running.add(f);
                futures.add(f);
            }
        }
        List<SourceOutcome> outcomes = new ArrayList<>();
        for (Future<SourceOutcome> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                throw new IllegalStateException(cause);
            } finally {
                running.remove(f);
            }
        }
        return outcomes;
    }

    private SourceOutcome runOne(Source source, Indicator indicator, Selection selection, RunOptions options,
                                 Duration timeout, boolean refresh, Consumer<SourceOutcome> early)
            throws InterruptedException {
        String key = source.info().id() + "|" + indicator.key() + "|" + refresh + "|" + selection.active() + "|"
                + selection.offline();
        var mine = new java.util.concurrent.CompletableFuture<SourceOutcome>();
        var first = inflight.putIfAbsent(key, mine);
        if (first != null) {
            try {
                SourceOutcome o = first.get();
                return new SourceOutcome(o.indicator(), o.source(), o.access(), o.outcome(), o.message(),
                        o.outcome() != Outcome.SKIPPED, Duration.ZERO, o.total(), o.facts(), o.lookupId());
            } catch (ExecutionException e) {
                // the first ask failed outright: ask ourselves
            }
        }
        try {
            SourceOutcome o = runUncoalesced(source, indicator, selection, options, timeout, refresh, early);
            mine.complete(o);
            return o;
        } catch (InterruptedException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private SourceOutcome runUncoalesced(Source source, Indicator indicator, Selection selection, RunOptions options,
                                         Duration timeout, boolean refresh, Consumer<SourceOutcome> early)
            throws InterruptedException {
        SourceInfo info = source.info();
        String id = info.id();
        String skip = skipReason(source, selection);
        if (skip != null) {
            return new SourceOutcome(indicator, id, info.access(), Outcome.SKIPPED, skip, false, Duration.ZERO, null,
                    List.of(), null);
        }
        String params = "";
        if (info.stores() && !refresh) {
            var fresh = store.freshLookup(id, indicator, params, clock.instant());
            if (fresh.isPresent()) {
                LookupRecord rec = fresh.get();
                List<Fact> facts = store.observationsOfLookup(rec.id()).stream().map(Fact::of).toList();
                return new SourceOutcome(indicator, id, info.access(), rec.outcome(), rec.message(), true,
                        Duration.ZERO, rec.total(), facts, rec.id());
            }
        }
        SourceSettings settings = settingsOf(source);
        CircuitBreaker breaker = breakers.computeIfAbsent(id, k -> new CircuitBreaker(
                settings.getInt("breaker_threshold", 5), settings.getDuration("breaker_cooldown", Duration.ofMinutes(2)),
                clock));
        Semaphore slots = concurrency.computeIfAbsent(id, k -> new Semaphore(
                Math.max(1, settings.getInt("parallel_lookups", info.concurrency()))));
        Instant started;
        Duration elapsed;
        LookupResult result;
        String held;
        slots.acquire();
        try { // the slot is the service's: held while it is asked, not while the answer is stored
            String refusal = breaker.refusal(); // checked once a slot is ours: queued calls see earlier failures
            if (refusal == null) refusal = admit(source, settings, timeout);
            if (refusal != null) {
                return new SourceOutcome(indicator, id, info.access(), Outcome.SKIPPED, refusal, false, Duration.ZERO,
                        null, List.of(), null);
            }
            started = clock.instant();
            long t0 = System.nanoTime();
            Gate gate = new Gate(source, settings, System.nanoTime() + timeout.toNanos());
            LookupContext ctx = new LookupContext(settings, timeout, clock, parser, caseView(), options, gate);
            result = callWithTimeout(source, indicator, ctx, timeout);
            held = gate.held;
            elapsed = Duration.ofNanos(System.nanoTime() - t0);
            result = checked(source, indicator, result);
            if (result.outcome() == Outcome.ERROR) breaker.failure(result.message());
            else breaker.success();
        } finally {
            slots.release();
        }
        if (!info.stores()) {
            return new SourceOutcome(indicator, id, info.access(), result.outcome(), result.message(), false,
                    elapsed, result.total(), result.observations().stream().map(Fact::of).toList(), null);
        }
        RuntimeException listenerFailed = null;
        if (early != null) {
            try {
                early.accept(new SourceOutcome(indicator, id, info.access(), result.outcome(), result.message(), false,
                        elapsed, result.total(), result.observations().stream().map(Fact::of).toList(), null));
            } catch (RuntimeException e) {
                listenerFailed = e; // the answer is stored all the same, then the failure goes on up
            }
        }
        // a lookup cut short by our own rate limit or budget keeps its facts but is no cache hit: the next run asks again
        Duration ttl = held != null ? Duration.ZERO : settings.getDuration("ttl", info.defaultTtl());
        LookupRecord rec = store.saveLookup(id, indicator, params, started, clock.instant(), result, ttl);
        if (listenerFailed != null) throw listenerFailed;
        List<Fact> facts = result.observations().isEmpty() ? List.of()
                : store.observationsOfLookup(rec.id()).stream().map(Fact::of).toList();
        return new SourceOutcome(indicator, id, info.access(), result.outcome(), result.message(), false, elapsed,
                result.total(), facts, rec.id());
    }

    /**
     * Lets one request to the source go: the request budget counts it, then the rate limit gives a permit (waiting
     * at most {@code maxWait}). Null when it may go; else why not, and nothing is counted.
     */
    private String admit(Source source, SourceSettings settings, Duration maxWait) throws InterruptedException {
        String id = source.info().id();
        boolean offline = source.info().access() == Access.OFFLINE;
        String no = offline ? null : budgetRefusal(id);
        if (no != null) return no;
        no = rateLimitWait(source, settings, maxWait);
        if (no != null && !offline) requests.get(id).decrementAndGet(); // counted, but not sent
        return no;
    }

    /** Waits for a permit of the source's rate limit, at most {@code maxWait}; null when taken, else why not. */
    private String rateLimitWait(Source source, SourceSettings settings, Duration maxWait) throws InterruptedException {
        SourceInfo info = source.info();
        if (info.rateLimit() == null) return null;
        int permits = settings.getInt("rate_limit", info.rateLimit().permits());
        Duration away = rates.computeIfAbsent(info.id(), k -> new RateLimiter(permits, info.rateLimit().per()))
                .acquire(maxWait);
        if (away == null) return null;
        return "rate limit of " + permits + " per " + human(info.rateLimit().per()) + " reached; next request possible in "
                + human(away.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /**
     * One lookup's {@link RequestGate}: its first request was let through before the source was called; each
     * later one counts against the request budget and waits for the rate limit, within the lookup's time.
     */
    private final class Gate implements RequestGate {
        private final Source source;
        private final SourceSettings settings;
        private final long deadline;
        private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        volatile String held;

        Gate(Source source, SourceSettings settings, long deadline) {
            this.source = source;
            this.settings = settings;
            this.deadline = deadline;
        }

        @Override
        public String next() throws InterruptedException {
            if (asked.getAndIncrement() == 0) return null;
            String no = admit(source, settings, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (no != null) held = no;
            return no;
        }
    }

    /** A source's settings, with what it inherits from another source's table (DNS-based sources from dns). */
    public SourceSettings settingsOf(Source source) {
        SourceSettings own = config.source(source.info().id());
        if (source instanceof io.infrapivot.source.InheritsSettings i) {
            return own.inheriting(config.source(i.settingsFrom()), i.inheritedSettings());
        }
        return own;
    }

    /** Why the budget forbids another request to {@code id}, or null; counts the request when allowed. */
    private String budgetRefusal(String id) {
        Instant d = deadline;
        if (d != null && !clock.instant().isBefore(d)) return "time budget reached";
        Integer max = requestBudget.getOrDefault(id, requestBudget.get("*"));
        var used = requests.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger());
        synchronized (used) {
            if (max != null && used.get() >= max) return "request budget of " + max + " reached";
            used.incrementAndGet();
        }
        return null;
    }

    private LookupResult callWithTimeout(Source source, Indicator indicator, LookupContext ctx, Duration timeout)
            throws InterruptedException {
        if (cancelled) throw new InterruptedException("cancelled");
        Future<LookupResult> f = executor.submit(() -> source.lookup(indicator, ctx));
        running.add(f);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return LookupResult.error("timed out after " + human(timeout), List.of());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            return LookupResult.error("failed: " + msg, List.of());
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } finally {
            running.remove(f);
        }
    }

    /** Guards the engine against a source that breaks its contract. */
    private static LookupResult checked(Source source, Indicator indicator, LookupResult r) {
        if (r == null) return LookupResult.error("source returned nothing", List.of());
        Set<Relation> allowed = source.info().produces();
        for (Observation o : r.observations()) {
            if (!allowed.contains(o.relation())) {
                return LookupResult.error("source produced undeclared relation " + o.relation(), r.evidence());
            }
        }
        return r;
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

    /** Stops every running lookup (Ctrl-C); what already finished stays stored. */
    public void cancel() {
        cancelled = true;
        running.forEach(f -> f.cancel(true));
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
