package io.infrapivot.engine.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SessionEvent;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pivots on one shared engine, each in its own session: budgets and listeners never mix. */
class SessionPivotTest {
    @TempDir
    Path dir;

    static final String RECIPE = """
            name = "tree"
            depth = 10
            [[steps]]
            types = ["domain"]
            hops = "0-"
            sources = ["tree"]
            """;

    /** Every domain {@code pN.net} is an alias of three new ones: an endless tree, so only a budget stops it. */
    static final class TreeSource implements Source {
        final Map<String, AtomicInteger> callsByPrefix = new ConcurrentHashMap<>();
        final CountDownLatch bothStarted = new CountDownLatch(2);
        final Set<String> prefixesSeen = ConcurrentHashMap.newKeySet();

        @Override
        public SourceInfo info() {
            return SourceInfo.builder("tree").description("an endless tree").accepts(IndicatorType.DOMAIN)
                    .produces(Relation.ALIAS_OF).concurrency(8).ttl(Duration.ofDays(1)).build();
        }

        @Override
        public LookupResult lookup(Indicator indicator, LookupContext ctx) throws InterruptedException {
            String name = indicator.value().substring(0, indicator.value().indexOf('.'));
            String prefix = name.substring(0, 1);
            callsByPrefix.computeIfAbsent(prefix, k -> new AtomicInteger()).incrementAndGet();
            if (prefixesSeen.add(prefix)) bothStarted.countDown();
            // the two pivots run at once: each one's first lookup waits until the other's has begun
            assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(5);
            List<Observation> out = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Indicator child = Indicator.fromCanonical(IndicatorType.DOMAIN, name + "-" + i + ".net");
                out.add(Observation.link(indicator, Relation.ALIAS_OF, child, "tree", ctx.now(), null));
            }
            return LookupResult.of(out, List.of());
        }
    }

    @Test
    void twoPivotsWithDifferentBudgetsRunAtOnceOnOneEngineEachStoppingAtItsOwn() throws Exception {
        TreeSource tree = new TreeSource();
        IndicatorParser parser = IndicatorParser.standard();
        Recipe recipe = Recipe.parse(new TomlMapper().readTree(RECIPE), "test");
        try (CaseStore store = new SqliteCaseRepository(dir).open("both");
             Engine engine = new Engine(new SourceRegistry(List.of(tree)), Config.load(Map.of(), dir.toString()), store,
                     parser, Clock.systemUTC());
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Pivot pivot = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
            Pivot.Options small = options(Map.of("tree", 5));
            Pivot.Options large = options(Map.of("*", 12));
            List<SessionEvent> heardBySmall = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (LookupSession a = engine.session(Pivot.sessionOptions(small));
                 LookupSession b = engine.session(Pivot.sessionOptions(large))) {
                a.subscribe(heardBySmall::add);
                var ra = pool.submit(() -> pivot.run(a, List.of(d("a.net")), recipe, small, null));
                var rb = pool.submit(() -> pivot.run(b, List.of(d("b.net")), recipe, large, null));
                Pivot.Result resultA = ra.get(30, TimeUnit.SECONDS);
                Pivot.Result resultB = rb.get(30, TimeUnit.SECONDS);

                assertThat(resultA.requests()).isEqualTo(Map.of("tree", 5));
                assertThat(resultB.requests()).isEqualTo(Map.of("tree", 12));
                assertThat(tree.callsByPrefix.get("a")).hasValue(5);
                assertThat(tree.callsByPrefix.get("b")).hasValue(12);
                assertThat(resultA.stopReasons()).contains("tree: request budget of 5 reached");
                assertThat(resultB.stopReasons()).contains("tree: request budget of 12 reached");
                // only a's nodes in a's graph, and a's listener heard only a's lookups
                assertThat(resultA.nodes().keySet()).allMatch(i -> i.value().startsWith("a"));
                assertThat(resultB.nodes().keySet()).allMatch(i -> i.value().startsWith("b"));
                assertThat(heardBySmall).filteredOn(e -> e instanceof SessionEvent.LookupStarted).hasSize(5)
                        .allMatch(e -> ((SessionEvent.LookupStarted) e).indicator().value().startsWith("a"));
                assertThat(heardBySmall).anyMatch(e -> e instanceof SessionEvent.HopProgress);
            }
        }
    }

    static Pivot.Options options(Map<String, Integer> budget) {
        return new Pivot.Options(10, 10_000, null, budget, NoiseRules.DEFAULT_SHARED_THRESHOLD, Selection.all(),
                RunOptions.defaults(), Duration.ofSeconds(10), false);
    }

    static Indicator d(String v) {
        return Indicator.fromCanonical(IndicatorType.DOMAIN, v);
    }
}
