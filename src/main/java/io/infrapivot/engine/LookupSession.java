package io.infrapivot.engine;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One run on the shared {@link Engine}: a CLI lookup or pivot, a web page's click, a Maltego transform, a
 * worker's task. It owns what belongs to that run alone: its budget (requests per source, a deadline), its
 * cancellation and its listeners. Two sessions on one engine never see each other's budgets, and cancelling
 * one never touches another's lookups (a lookup both asked for is asked once, and still answers the other).
 *
 * <pre>{@code
 * try (LookupSession s = engine.session(SessionOptions.unlimited().withTimeBudget(Duration.ofMinutes(5)))) {
 *     s.subscribe(event -> { if (event instanceof SessionEvent.LookupStored st) show(st.outcome()); });
 *     List<SourceOutcome> out = s.lookup(indicators, Selection.all());
 * }
 * }</pre>
 */
public final class LookupSession implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.infrapivot.engine");
    private final Engine engine;
    private final SessionOptions options;
    private final Instant deadline;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private final List<Consumer<? super SessionEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile SharedRequestBudget sharedBudget;

    LookupSession(Engine engine, SessionOptions options) {
        this.engine = engine;
        this.options = options;
        this.deadline = options.timeBudget() == null ? null : engine.clock().instant().plus(options.timeBudget());
    }

    public Engine engine() {
        return engine;
    }

    public SessionOptions options() {
        return options;
    }

    /** No new request after this (null: none). */
    public Instant deadline() {
        return deadline;
    }

    /** Hears every event of this session from now on; close the returned handle to stop hearing. */
    public AutoCloseable subscribe(Consumer<? super SessionEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Tells every listener; a listener that throws is logged and does not stop the others or the lookup.
     * Public so that runs built on a session (a pivot) can add their own events (a hop finished).
     */
    public void publish(SessionEvent event) {
        for (Consumer<? super SessionEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a session listener failed on " + event.getClass().getSimpleName(),
                        e);
            }
        }
    }

    /** Looks indicators up with every selected source, with defaults: 60 s per lookup, no refresh. */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection)
            throws InterruptedException {
        return lookup(indicators, selection, RunOptions.defaults(), Duration.ofSeconds(60), false, null, null);
    }

    /**
     * Looks every indicator up once with every candidate source; {@code listener} hears each outcome as it
     * ends. Returns the outcomes in a stable order (indicator, then source registry order). A lookup the
     * session's {@link #cancel()} stopped is a {@link Refusal#CANCELLED} outcome.
     */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection, RunOptions options,
                                      Duration timeout, boolean refresh, Consumer<SourceOutcome> listener)
            throws InterruptedException {
        return lookup(indicators, selection, options, timeout, refresh, null, listener);
    }

    /**
     * As {@link #lookup(Collection, Selection, RunOptions, Duration, boolean, Consumer)}, and {@code answered}
     * hears each lookup's facts as soon as its source answered, before they are stored: once per outcome and
     * before {@code listener}, with facts that have no store ids yet (a cached, refused or unstored outcome is
     * heard as it is). A pivot follows these so that the next hop does not wait for the store's writer.
     */
    public List<SourceOutcome> lookup(Collection<Indicator> indicators, Selection selection, RunOptions options,
                                      Duration timeout, boolean refresh, Consumer<SourceOutcome> answered,
                                      Consumer<SourceOutcome> listener) throws InterruptedException {
        engine.validate(selection);
        List<LookupCall> calls = new ArrayList<>();
        List<Future<SourceOutcome>> futures = new ArrayList<>();
        for (Indicator indicator : new LinkedHashSet<>(indicators)) {
            for (Source source : engine.candidates(indicator, selection)) {
                LookupCall call = new LookupCall(this, source, indicator, selection, options, timeout, refresh,
                        engine.settingsOf(source), answered);
                publish(new SessionEvent.LookupQueued(indicator, source.info().id()));
                calls.add(call);
                Future<SourceOutcome> f = engine.executor().submit(() -> {
                    SourceOutcome o = run(call);
                    if (listener != null) listener.accept(o);
                    return o;
                });
                track(f);
                futures.add(f);
            }
        }
        List<SourceOutcome> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < futures.size(); i++) {
                Future<SourceOutcome> f = futures.get(i);
                try {
                    outcomes.add(f.get());
                } catch (CancellationException e) {
                    LookupCall c = calls.get(i);
                    outcomes.add(c.refuse(Refusal.CANCELLED, "cancelled"));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof InterruptedException && cancelled) {
                        outcomes.add(calls.get(i).refuse(Refusal.CANCELLED, "cancelled"));
                        continue;
                    }
                    if (cause instanceof RuntimeException re) throw re;
                    if (cause instanceof Error er) throw er;
                    throw new IllegalStateException(cause);
                } finally {
                    untrack(f);
                }
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            futures.forEach(f -> f.cancel(true)); // the caller is gone: so are its lookups
            throw e;
        }
        return outcomes;
    }

    /**
     * Resolves many names fast through the DNS source layer's bulk path (one multiplexed UDP socket);
     * {@code each} hears every answer as it comes. With {@code keep}, every answer is also stored in the case
     * as a lookup of the {@code dns} source ({@code resolve:TYPE}), and heard as {@link SessionEvent.LookupStored}.
     */
    public io.infrapivot.source.dns.bulk.BulkResolver.Stats resolve(
            java.util.Iterator<io.infrapivot.source.dns.bulk.BulkQuery> queries,
            io.infrapivot.source.dns.bulk.BulkResolver.Options options, boolean keep,
            Consumer<io.infrapivot.source.dns.bulk.BulkResult> each) throws java.io.IOException, InterruptedException {
        if (cancelled) throw new InterruptedException("cancelled");
        return BulkResolve.run(this, engine.store(), engine.parser(), engine.clock(), queries, options, keep, each);
    }

    /**
     * Resolves each name of {@code names} once per type of the request through the DNS source layer's bulk path,
     * each answer written to {@code out} as it comes and then {@code afterEach} run (a face's progress, flushing);
     * with {@code keep}, every answer is also stored in the case as a lookup of the {@code dns} source.
     * A bad request value (say, the configured resolvers) is an {@link IllegalArgumentException}.
     */
    public ResolveOutput.Summary resolve(java.util.Iterator<String> names, ResolveRequest request, boolean keep,
                                         ResolveOutput out, Runnable afterEach)
            throws java.io.IOException, InterruptedException {
        var options = request.options(engine);
        var stats = resolve(BulkResolve.queries(names, request.typeCodes()), options, keep, r -> {
            out.write(r);
            afterEach.run();
        });
        return new ResolveOutput.Summary(stats.questions(), stats.nanos(), stats.mismatched());
    }

    /** One lookup down the engine's chain, its answer and refusal told to the listeners. */
    private SourceOutcome run(LookupCall call) throws InterruptedException {
        SourceOutcome o;
        try {
            o = engine.chain(call);
        } catch (InterruptedException e) {
            if (!cancelled) throw e;
            o = call.refuse(Refusal.CANCELLED, "cancelled");
        }
        if (o.isRefused()) {
            publish(new SessionEvent.LookupRefused(o));
        } else if (!call.heard) {
            answered(o);
        }
        call.hear(o);
        return o;
    }

    /** Tells the listeners an answer (and its facts). */
    void answered(SourceOutcome o) {
        publish(new SessionEvent.LookupAnswered(o));
        if (!o.facts().isEmpty()) publish(new SessionEvent.FactsFound(o.indicator(), o.source(), o.facts()));
    }

    /**
     * Counts one request to {@code sourceId} against the budget; null when allowed, else the refusal (and
     * nothing counted).
     */
    AdmissionStep.No spend(String sourceId) {
        if (cancelled) return new AdmissionStep.No(Refusal.CANCELLED, "cancelled");
        Instant d = deadline;
        if (d != null && !engine.clock().instant().isBefore(d)) {
            return new AdmissionStep.No(Refusal.TIME_BUDGET, "time budget reached");
        }
        Integer max = options.budgetOf(sourceId);
        AtomicInteger used = requests.computeIfAbsent(sourceId, k -> new AtomicInteger());
        synchronized (used) {
            if (max != null && used.get() >= max) {
                return new AdmissionStep.No(Refusal.REQUEST_BUDGET, "request budget of " + max + " reached");
            }
            used.incrementAndGet();
        }
        SharedRequestBudget shared = sharedBudget;
        String no = shared == null ? null : shared.take(sourceId);
        if (no != null) {
            used.decrementAndGet();
            return new AdmissionStep.No(Refusal.REQUEST_BUDGET, no);
        }
        return null;
    }

    /** Gives back a request counted but not sent. */
    void refund(String sourceId) {
        AtomicInteger used = requests.get(sourceId);
        if (used != null) used.decrementAndGet();
        SharedRequestBudget shared = sharedBudget;
        if (shared != null) shared.giveBack(sourceId);
    }

    /**
     * Every request of this session also takes from {@code budget} (a distributed pivot's budget shared by the
     * workers), after the session's own; returns this session.
     */
    public LookupSession shareBudget(SharedRequestBudget budget) {
        this.sharedBudget = budget;
        return this;
    }

    /** Requests this session made (not answered from the cache), per source. */
    public Map<String, Integer> requests() {
        Map<String, Integer> out = new TreeMap<>();
        requests.forEach((k, v) -> {
            if (v.get() > 0) out.put(k, v.get());
        });
        return out;
    }

    void track(Future<?> f) {
        running.add(f);
        if (cancelled) f.cancel(true);
    }

    void untrack(Future<?> f) {
        running.remove(f);
    }

    /**
     * Stops this session's lookups (those in flight are interrupted and end {@link Refusal#CANCELLED}, as does
     * every later one); what already finished stays stored. Other sessions are not touched.
     */
    public void cancel() {
        cancelled = true;
        running.forEach(f -> f.cancel(true));
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels whatever is still running (nothing, after a lookup returned) and drops the listeners. */
    @Override
    public void close() {
        if (!running.isEmpty()) cancel();
        listeners.clear();
    }
}
