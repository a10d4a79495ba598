package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on one engine: cancellation, budgets, events. */
class LookupSessionTest {
    @TempDir
    Path dir;
    CaseStore store;

    @BeforeEach
    void open() {
        store = new SqliteCaseRepository(dir).open("s");
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Blocks each lookup until released (or interrupted); records who was interrupted. */
    static final class GateSource implements Source {
        final CountDownLatch release = new CountDownLatch(1);
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Set<String> interrupted = ConcurrentHashMap.newKeySet();
        final CountDownLatch started;

        GateSource(int expectedStarts) {
            started = new CountDownLatch(expectedStarts);
        }

        @Override
        public SourceInfo info() {
            return SourceInfo.builder("gate").description("waits for the test").accepts(IndicatorType.DOMAIN)
                    .produces(Relation.RESOLVES_TO).concurrency(8).ttl(Duration.ofHours(1)).build();
        }

        @Override
        public LookupResult lookup(Indicator indicator, LookupContext ctx) throws InterruptedException {
            calls.computeIfAbsent(indicator.value(), k -> new AtomicInteger()).incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.add(indicator.value());
                throw e;
            }
            return LookupResult.of(List.of(Observation.link(indicator, Relation.RESOLVES_TO,
                    Indicator.fromCanonical(IndicatorType.IP, "192.0.2.1"), "gate", ctx.now(), null)), List.of());
        }
    }

    Engine engine(Source... sources) {
        return new Engine(new SourceRegistry(List.of(sources)), Config.load(Map.of(), dir.toString()), store,
                IndicatorParser.standard(), Clock.systemUTC());
    }

    static Indicator d(String v) {
        return Indicator.fromCanonical(IndicatorType.DOMAIN, v);
    }

    @Test
    void cancellingOneSessionStopsItsLookupsInFlightAndTheOtherFinishes() throws Exception {
        GateSource gate = new GateSource(2);
        try (Engine e = engine(gate); var pool = Executors.newVirtualThreadPerTaskExecutor();
             LookupSession a = e.session(); LookupSession b = e.session()) {
            List<SessionEvent> heardByB = new CopyOnWriteArrayList<>();
            b.subscribe(heardByB::add);
            var ra = pool.submit(() -> a.lookup(List.of(d("a.example")), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(30), false, null));
            var rb = pool.submit(() -> b.lookup(List.of(d("b.example")), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(30), false, null));
            assertThat(gate.started.await(10, TimeUnit.SECONDS)).as("both lookups in flight").isTrue();

            long t0 = System.nanoTime();
            a.cancel();
            List<SourceOutcome> outA = ra.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(outA).singleElement().satisfies(o -> {
                assertThat(o.refusal()).isEqualTo(Refusal.CANCELLED);
                assertThat(o.outcome()).isEqualTo(Outcome.SKIPPED);
            });
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // the interrupt lands on a's source thread
            while (gate.interrupted.isEmpty() && System.nanoTime() < giveUp) Thread.sleep(10);
            assertThat(gate.interrupted).containsExactly("a.example");
            assertThat(rb.isDone()).as("b is still waiting for its source").isFalse();

            gate.release.countDown();
            List<SourceOutcome> outB = rb.get(10, TimeUnit.SECONDS);
            assertThat(outB).singleElement().satisfies(o -> {
                assertThat(o.outcome()).isEqualTo(Outcome.OK);
                assertThat(o.lookupId()).isNotNull();
                assertThat(o.facts()).hasSize(1);
            });
            assertThat(heardByB).anyMatch(ev -> ev instanceof SessionEvent.LookupStored);
            assertThat(heardByB).noneMatch(ev -> ev instanceof SessionEvent.LookupRefused);
            // a cancelled session refuses what it is asked later
            assertThat(a.lookup(List.of(d("c.example")), Selection.all())).singleElement()
                    .satisfies(o -> assertThat(o.refusal()).isEqualTo(Refusal.CANCELLED));
        }
        assertThat(gate.calls).doesNotContainKey("c.example");
    }

    @Test
    void cancellingTheFirstAskerOfACoalescedLookupStillAnswersTheOther() throws Exception {
        GateSource gate = new GateSource(1);
        try (Engine e = engine(gate); var pool = Executors.newVirtualThreadPerTaskExecutor();
             LookupSession a = e.session(); LookupSession b = e.session()) {
            var ra = pool.submit(() -> a.lookup(List.of(d("same.example")), Selection.all()));
            assertThat(gate.started.await(10, TimeUnit.SECONDS)).isTrue();
            var rb = pool.submit(() -> b.lookup(List.of(d("same.example")), Selection.all()));
            Thread.sleep(100); // b waits on a's lookup
            assertThat(gate.calls.get("same.example")).as("asked once").hasValue(1);
            a.cancel();
            assertThat(ra.get(5, TimeUnit.SECONDS)).singleElement()
                    .satisfies(o -> assertThat(o.refusal()).isEqualTo(Refusal.CANCELLED));
            gate.release.countDown();
            assertThat(rb.get(10, TimeUnit.SECONDS)).singleElement()
                    .satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.OK));
        }
    }

    @Test
    void budgetsAreTheSessions() throws Exception {
        GateSource gate = new GateSource(0);
        gate.release.countDown();
        try (Engine e = engine(gate);
             LookupSession one = e.session(SessionOptions.unlimited().withRequestBudget(Map.of("gate", 1)));
             LookupSession none = e.session(SessionOptions.unlimited().withTimeBudget(Duration.ZERO))) {
            assertThat(one.lookup(List.of(d("x1.example")), Selection.all())).singleElement()
                    .satisfies(o -> assertThat(o.refusal()).isNull());
            assertThat(one.lookup(List.of(d("x2.example")), Selection.all())).singleElement()
                    .satisfies(o -> assertThat(o.refusal()).isEqualTo(Refusal.REQUEST_BUDGET));
            assertThat(one.requests()).isEqualTo(Map.of("gate", 1));
            // another session has its own (here: no time at all), and answers from the case cost nothing
            List<SourceOutcome> other = none.lookup(List.of(d("x1.example"), d("x3.example")), Selection.all());
            SourceOutcome x1 = other.get(0);
            SourceOutcome x3 = other.get(1);
            assertThat(x1.cached()).isTrue();
            assertThat(x3.refusal()).isEqualTo(Refusal.TIME_BUDGET);
            assertThat(x3.refusal().stopsPivot()).isTrue();
            assertThat(none.requests()).isEmpty();
        }
    }

    @Test
    void aListenerThatThrowsNeitherStopsTheLookupNorTheOtherListeners() throws Exception {
        GateSource gate = new GateSource(0);
        gate.release.countDown();
        try (Engine e = engine(gate); LookupSession s = e.session()) {
            List<Class<?>> heard = new CopyOnWriteArrayList<>();
            s.subscribe(ev -> {
                throw new IllegalStateException("broken face");
            });
            s.subscribe(ev -> heard.add(ev.getClass()));
            assertThat(s.lookup(List.of(d("y.example")), Selection.all())).singleElement()
                    .satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.OK));
            assertThat(heard).containsExactly(SessionEvent.LookupQueued.class, SessionEvent.LookupStarted.class,
                    SessionEvent.LookupAnswered.class, SessionEvent.FactsFound.class, SessionEvent.LookupStored.class);
        }
    }
}
