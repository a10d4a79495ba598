package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each step of the lookup chain alone, ended by a stand-in step. */
class StepsTest {
    @TempDir
    Path dir;
    CaseStore store;
    Engine engine;
    final Indicator example = Indicator.fromCanonical(IndicatorType.DOMAIN, "example.com");
    final EngineTest.FakeSource passive = new EngineTest.FakeSource("p", Access.PASSIVE, 1, List.of(),
            (i, c) -> LookupResult.of(List.of(), List.of()));
    final EngineTest.FakeSource active = new EngineTest.FakeSource("a", Access.ACTIVE, 1, List.of(),
            (i, c) -> LookupResult.of(List.of(), List.of()));

    @BeforeEach
    void open() {
        store = new SqliteCaseRepository(dir).open("steps");
        engine = new Engine(new SourceRegistry(List.of(passive, active)), Config.load(Map.of(), dir.toString()), store,
                IndicatorParser.standard(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        engine.close();
        store.close();
    }

    LookupCall call(LookupSession s, Source source, Selection selection) {
        return new LookupCall(s, source, example, selection, RunOptions.defaults(), Duration.ofSeconds(5), false,
                engine.settingsOf(source), null);
    }

    static SourceOutcome run(LookupCall call, Step... steps) throws InterruptedException {
        return Step.Chain.of(List.of(steps), call).proceed();
    }

    /** The chain's end for a test: answers ok (counting), or as told. */
    static Step answer(AtomicInteger calls) {
        return chain -> {
            calls.incrementAndGet();
            chain.call().result = LookupResult.of(List.of(), List.of());
            return SourceOutcome.answered(chain.call().indicator, chain.call().info(), chain.call().result,
                    Duration.ZERO);
        };
    }

    @Test
    void selectionRefusesWithATypedCause() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LookupSession s = engine.session()) {
            SourceOutcome offline = run(call(s, passive, new Selection(Set.of(), Set.of(), false, true)),
                    new SelectionStep(engine), answer(calls));
            assertThat(offline.refusal()).isEqualTo(Refusal.OFFLINE);
            SourceOutcome activeNo = run(call(s, active, Selection.all()), new SelectionStep(engine), answer(calls));
            assertThat(activeNo.refusal()).isEqualTo(Refusal.ACTIVE_NOT_ALLOWED);
            assertThat(activeNo.refusal().stopsPivot()).isFalse();
            SourceOutcome ok = run(call(s, active, new Selection(Set.of(), Set.of(), true, false)),
                    new SelectionStep(engine), answer(calls));
            assertThat(ok.refusal()).isNull();
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void admissionRefusesPastTheSessionsBudgetAndCountsNothingThen() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LookupSession s = engine.session(SessionOptions.unlimited().withRequestBudget(Map.of("p", 1)))) {
            assertThat(run(call(s, passive, Selection.all()), new AdmissionStep(engine), answer(calls)).refusal())
                    .isNull();
            SourceOutcome second = run(call(s, passive, Selection.all()), new AdmissionStep(engine), answer(calls));
            assertThat(second.refusal()).isEqualTo(Refusal.REQUEST_BUDGET);
            assertThat(second.refusal().isBudget()).isTrue();
            assertThat(s.requests()).isEqualTo(Map.of("p", 1));
            s.cancel();
            assertThat(run(call(s, passive, Selection.all()), new AdmissionStep(engine), answer(calls)).refusal())
                    .isEqualTo(Refusal.CANCELLED);
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void admissionOpensTheBreakerAfterConsecutiveErrors() throws Exception {
        Step failing = chain -> {
            chain.call().result = LookupResult.error("boom", List.of());
            return SourceOutcome.answered(chain.call().indicator, chain.call().info(), chain.call().result,
                    Duration.ZERO);
        };
        try (LookupSession s = engine.session()) {
            for (int i = 0; i < 5; i++) {
                assertThat(run(call(s, passive, Selection.all()), new AdmissionStep(engine), failing).outcome())
                        .isEqualTo(Outcome.ERROR);
            }
            SourceOutcome open = run(call(s, passive, Selection.all()), new AdmissionStep(engine), failing);
            assertThat(open.refusal()).isEqualTo(Refusal.BREAKER_OPEN);
            assertThat(open.message()).contains("boom");
        }
    }

    @Test
    void timeoutTurnsASlowSourceIntoAnErrorAndInterruptsIt() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Step slow = chain -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return null;
        };
        try (LookupSession s = engine.session()) {
            LookupCall c = new LookupCall(s, passive, example, Selection.all(), RunOptions.defaults(),
                    Duration.ofMillis(200), false, engine.settingsOf(passive), null);
            SourceOutcome o = run(c, new TimeoutStep(Executors.newVirtualThreadPerTaskExecutor()), slow);
            assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(o.message()).isEqualTo("timed out after 200ms");
            assertThat(c.result.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void coalescingSharesAnAnswerButNotAnotherSessionsRefusal() throws Exception {
        CoalesceStep coalesce = new CoalesceStep();
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Step budgetRefusal = chain -> {
            calls.incrementAndGet();
            firstIn.countDown();
            release.await();
            return chain.call().refuse(Refusal.REQUEST_BUDGET, "request budget of 0 reached");
        };
        try (LookupSession a = engine.session(); LookupSession b = engine.session();
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = pool.submit(() -> run(call(a, passive, Selection.all()), coalesce, budgetRefusal));
            assertThat(firstIn.await(5, TimeUnit.SECONDS)).isTrue();
            var second = pool.submit(() -> run(call(b, passive, Selection.all()), coalesce, budgetRefusal));
            Thread.sleep(100);
            assertThat(calls).as("the second waits for the first").hasValue(1);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).refusal()).isEqualTo(Refusal.REQUEST_BUDGET);
            // a's budget is a's: b asked for itself
            assertThat(second.get(5, TimeUnit.SECONDS).refusal()).isEqualTo(Refusal.REQUEST_BUDGET);
            assertThat(calls).hasValue(2);
            assertThat(coalesce.inflight()).isZero();
        }
    }

    @Test
    void storeKeepsAnAnswerAndCacheAnswersFromIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LookupSession s = engine.session()) {
            Step stamp = chain -> {
                chain.call().started = java.time.Instant.now();
                return chain.proceed();
            };
            SourceOutcome stored = run(call(s, passive, Selection.all()), new CacheStep(store, Clock.systemUTC()),
                    new StoreStep(store, Clock.systemUTC()), stamp, answer(calls));
            assertThat(stored.lookupId()).isNotNull();
            SourceOutcome cached = run(call(s, passive, Selection.all()), new CacheStep(store, Clock.systemUTC()),
                    new StoreStep(store, Clock.systemUTC()), stamp, answer(calls));
            assertThat(cached.cached()).isTrue();
            assertThat(cached.lookupId()).isEqualTo(stored.lookupId());
            assertThat(calls).hasValue(1);
        }
    }
}
