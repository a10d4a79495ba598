package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.casedata.CaseSource;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against the real SQLite store, with sources written for the test. */
class EngineTest {
    @TempDir
    Path dir;
    CaseStore store;
    final Indicator example = Indicator.fromCanonical(IndicatorType.DOMAIN, "example.com");
    final Indicator ip = Indicator.fromCanonical(IndicatorType.IP, "192.0.2.7");

    /** A source whose behaviour the test chooses; counts its calls. */
    static final class FakeSource implements Source {
        final SourceInfo info;
        final BiFunction<Indicator, LookupContext, LookupResult> behaviour;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        FakeSource(String id, Access access, int concurrency, List<SourceInfo.Setting<?>> settings,
                   BiFunction<Indicator, LookupContext, LookupResult> behaviour) {
            this.info = SourceInfo.builder(id).description("test source " + id).accepts(IndicatorType.DOMAIN, IndicatorType.IP)
                    .produces(Relation.RESOLVES_TO, Relation.DNS_RECORD).access(access).settings(settings)
                    .concurrency(concurrency).ttl(Duration.ofHours(1)).build();
            this.behaviour = behaviour;
        }

        @Override
        public SourceInfo info() {
            return info;
        }

        @Override
        public LookupResult lookup(Indicator indicator, LookupContext context) {
            calls.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                return behaviour.apply(indicator, context);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    static LookupResult resolves(Indicator subject, LookupContext ctx, String ipValue) {
        RawAnswer raw = RawAnswer.text("fake", "A " + subject.value(), "answer " + ipValue, "text/plain", "ok",
                ctx.now(), Duration.ofMillis(3));
        Observation o = Observation.link(subject, Relation.RESOLVES_TO,
                Indicator.fromCanonical(IndicatorType.IP, ipValue), ctx.settings().sourceId(), ctx.now(), raw)
                .withSeen(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"), 3L);
        return LookupResult.of(List.of(o), List.of(raw));
    }

    @BeforeEach
    void open() {
        store = new SqliteCaseRepository(dir).open("t");
    }

    @AfterEach
    void close() {
        store.close();
    }

    Engine engine(Map<String, String> env, Source... sources) {
        return new Engine(new SourceRegistry(List.of(sources)), Config.load(env, dir.toString()), store,
                IndicatorParser.standard(), Clock.systemUTC());
    }

    SourceOutcome only(List<SourceOutcome> outcomes, String source) {
        return outcomes.stream().filter(o -> o.source().equals(source)).findFirst().orElseThrow();
    }

    @Test
    void oneFailingSlowOrBrokenSourceNeverLosesTheOthersResults() throws Exception {
        FakeSource good = new FakeSource("good", Access.PASSIVE, 4, List.of(), (i, c) -> resolves(i, c, "198.51.100.1"));
        FakeSource thrower = new FakeSource("thrower", Access.PASSIVE, 4, List.of(), (i, c) -> {
            throw new IllegalStateException("garbage in answer");
        });
        FakeSource slow = new FakeSource("slow", Access.PASSIVE, 4, List.of(), (i, c) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LookupResult.of(List.of(), List.of());
        });
        FakeSource liar = new FakeSource("liar", Access.PASSIVE, 4, List.of(), (i, c) -> LookupResult.of(List.of(
                Observation.link(i, Relation.PTR, i, "liar", c.now(), null)), List.of()));
        try (Engine e = engine(Map.of(), good, thrower, slow, liar)) {
            List<SourceOutcome> out = e.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofMillis(500), false, null);
            assertThat(only(out, "good").outcome()).isEqualTo(Outcome.OK);
            assertThat(only(out, "good").facts()).singleElement().satisfies(f -> {
                assertThat(f.object().value()).isEqualTo("198.51.100.1");
                assertThat(f.sources()).containsExactly("good");
                assertThat(f.firstSeen()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
                assertThat(f.evidenceIds()).hasSize(1);
            });
            assertThat(only(out, "thrower").outcome()).isEqualTo(Outcome.ERROR);
            assertThat(only(out, "thrower").message()).contains("garbage in answer");
            assertThat(only(out, "slow").outcome()).isEqualTo(Outcome.ERROR);
            assertThat(only(out, "slow").message()).contains("timed out after 500ms");
            assertThat(only(out, "liar").outcome()).isEqualTo(Outcome.ERROR);
            assertThat(only(out, "liar").message()).contains("undeclared relation ptr");
        }
        assertThat(store.observationsAbout(example)).hasSize(1);
        assertThat(store.lookupsAbout(example)).extracting(l -> l.source())
                .containsExactlyInAnyOrder("good", "thrower", "slow", "liar");
    }

    @Test
    void freshAnswersComeFromTheCaseWithoutCallingTheSourceAgain() throws Exception {
        FakeSource good = new FakeSource("good", Access.PASSIVE, 4, List.of(), (i, c) -> resolves(i, c, "198.51.100.1"));
        FakeSource flaky = new FakeSource("flaky", Access.PASSIVE, 4, List.of(),
                (i, c) -> LookupResult.error("HTTP 503", List.of()));
        try (Engine e = engine(Map.of(), good, flaky)) {
            e.lookup(List.of(example), Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), false, null);
            List<SourceOutcome> again = e.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null);
            assertThat(good.calls).hasValue(1);
            assertThat(only(again, "good").cached()).isTrue();
            assertThat(only(again, "good").facts()).singleElement()
                    .satisfies(f -> assertThat(f.object().value()).isEqualTo("198.51.100.1"));
            assertThat(flaky.calls).as("errors are never served from the cache").hasValue(2);
            e.lookup(List.of(example), Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), true, null);
            assertThat(good.calls).as("--refresh asks again").hasValue(2);
        }
        // the same fact seen twice is one observation with two sightings
        assertThat(store.observationsAbout(example)).singleElement()
                .satisfies(o -> assertThat(o.sightings()).hasSize(2));
    }

    @Test
    void skipReasonsAreGivenAndSkippedSourcesAreNotCalled() throws Exception {
        FakeSource active = new FakeSource("probe", Access.ACTIVE, 1, List.of(), (i, c) -> resolves(i, c, "198.51.100.2"));
        FakeSource keyed = new FakeSource("keyed", Access.PASSIVE, 1,
                List.of(SourceInfo.Setting.key("API key", true)), (i, c) -> resolves(i, c, "198.51.100.3"));
        FakeSource off = new FakeSource("off", Access.PASSIVE, 1, List.of(), (i, c) -> resolves(i, c, "198.51.100.4"));
        Path cfg = dir.resolve("c.toml");
        java.nio.file.Files.writeString(cfg, "[sources.off]\nenabled = false\n");
        try (Engine e = engine(Map.of("INFRAPIVOT_CONFIG", cfg.toString()), active, keyed, off)) {
            List<SourceOutcome> out = e.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null);
            assertThat(only(out, "probe").outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(only(out, "probe").message()).contains("--active");
            assertThat(only(out, "keyed").message()).contains("needs key").contains("INFRAPIVOT_KEYED_KEY")
                    .contains("[sources.keyed]");
            assertThat(only(out, "off").message()).contains("disabled");
            assertThat(active.calls.get() + keyed.calls.get() + off.calls.get()).isZero();

            List<SourceOutcome> offline = e.lookup(List.of(example), new Selection(Set.of(), Set.of(), true, true),
                    RunOptions.defaults(), Duration.ofSeconds(5), false, null);
            assertThat(only(offline, "probe").message()).contains("--offline");
            List<SourceOutcome> allowed = e.lookup(List.of(example), new Selection(Set.of("probe"), Set.of(), true,
                    false), RunOptions.defaults(), Duration.ofSeconds(5), false, null);
            assertThat(allowed).singleElement().satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.OK));
            assertThatThrownBy(() -> e.validate(new Selection(Set.of("nosuch"), Set.of(), false, false)))
                    .hasMessageContaining("unknown source 'nosuch'");
        }
        try (Engine e = engine(Map.of("INFRAPIVOT_KEYED_KEY", "k-123"), keyed)) {
            var out = e.lookup(List.of(example), Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), false,
                    null);
            assertThat(only(out, "keyed").outcome()).isEqualTo(Outcome.OK);
        }
    }

    @Test
    void theSameLookupAskedTwiceAtOnceIsMadeOnce() throws Exception {
        FakeSource slow = new FakeSource("slowgood", Access.PASSIVE, 4, List.of(), (i, c) -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return resolves(i, c, "198.51.100.9");
        });
        try (Engine e = engine(Map.of(), slow)) {
            var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
            var a = pool.submit(() -> e.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null));
            var b = pool.submit(() -> e.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null));
            assertThat(a.get().get(0).facts()).hasSize(1);
            assertThat(b.get().get(0).facts()).hasSize(1);
            pool.shutdown();
        }
        assertThat(slow.calls).hasValue(1);
    }

    @Test
    void dnsBasedSourcesTakeTheResolverSettingsOfTheDnsTable() throws Exception {
        try (Engine e = engine(Map.of("INFRAPIVOT_DNS_TIMEOUT", "7s", "INFRAPIVOT_DNS_DOH",
                "https://doh.example/dns-query", "INFRAPIVOT_DNSBL_TIMEOUT", "1s", "INFRAPIVOT_DNS_TTL", "1h"))) {
            var dnsbl = e.settingsOf(new io.infrapivot.source.dnsbl.DnsblSource());
            assertThat(dnsbl.get("timeout")).contains("1s");
            assertThat(dnsbl.get("doh")).contains("https://doh.example/dns-query");
            assertThat(dnsbl.get("ttl")).as("only the resolver settings are shared").isEmpty();
            var axfr = e.settingsOf(new io.infrapivot.source.axfr.AxfrSource());
            assertThat(axfr.get("timeout")).contains("7s");
        }
    }

    @Test
    void perSourceConcurrencyIsRespected() throws Exception {
        FakeSource narrow = new FakeSource("narrow", Access.PASSIVE, 2, List.of(), (i, c) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LookupResult.of(List.of(), List.of());
        });
        List<Indicator> many = new ArrayList<>();
        for (int n = 1; n <= 20; n++) many.add(Indicator.fromCanonical(IndicatorType.IP, "192.0.2." + n));
        try (Engine e = engine(Map.of(), narrow)) {
            List<SourceOutcome> out = e.lookup(many, Selection.all(), RunOptions.defaults(), Duration.ofSeconds(30),
                    false, null);
            assertThat(out).hasSize(20).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(Outcome.EMPTY));
        }
        assertThat(narrow.maxInFlight.get()).isBetween(1, 2);
        assertThat(narrow.calls).hasValue(20);
    }

    @Test
    void aSourceThatKeepsFailingIsCutOffByTheCircuitBreaker() throws Exception {
        FakeSource broken = new FakeSource("broken", Access.PASSIVE, 1, List.of(),
                (i, c) -> LookupResult.error("HTTP 500", List.of()));
        List<Indicator> many = new ArrayList<>();
        for (int n = 1; n <= 12; n++) many.add(Indicator.fromCanonical(IndicatorType.IP, "192.0.2." + n));
        try (Engine e = engine(Map.of("INFRAPIVOT_BROKEN_BREAKER_THRESHOLD", "3"), broken)) {
            List<SourceOutcome> out = e.lookup(many, Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5),
                    false, null);
            assertThat(broken.calls).hasValue(3);
            assertThat(out.stream().filter(o -> o.outcome() == Outcome.SKIPPED))
                    .hasSize(9).allSatisfy(o -> assertThat(o.message()).contains("circuit open").contains("HTTP 500"));
        }
    }

    @Test
    void aRateLimitThatWouldOutlastTheTimeoutSkipsInsteadOfWaiting() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Source limited = new Source() {
            @Override
            public SourceInfo info() {
                return SourceInfo.builder("limited").description("two a day").accepts(IndicatorType.IP)
                        .produces(Relation.RESOLVES_TO).rateLimit(2, Duration.ofDays(1)).ttl(Duration.ofHours(1))
                        .build();
            }

            @Override
            public LookupResult lookup(Indicator indicator, LookupContext context) {
                calls.incrementAndGet();
                return LookupResult.of(List.of(), List.of());
            }
        };
        List<Indicator> three = List.of(Indicator.fromCanonical(IndicatorType.IP, "192.0.2.1"),
                Indicator.fromCanonical(IndicatorType.IP, "192.0.2.2"), Indicator.fromCanonical(IndicatorType.IP, "192.0.2.3"));
        try (Engine e = engine(Map.of(), limited)) {
            List<SourceOutcome> out = e.lookup(three, Selection.all(), RunOptions.defaults(), Duration.ofSeconds(2), false,
                    null);
            assertThat(calls).hasValue(2);
            assertThat(out).filteredOn(o -> o.outcome() == Outcome.SKIPPED).singleElement()
                    .satisfies(o -> assertThat(o.message()).startsWith("rate limit of 2 per 1d reached; next request possible in"));
        }
    }

    @Test
    void theCaseSourceReplaysWhatIsKnownWithoutStoringItAgain() throws Exception {
        FakeSource good = new FakeSource("good", Access.PASSIVE, 4, List.of(), (i, c) -> resolves(i, c, "198.51.100.1"));
        try (Engine e = engine(Map.of(), good)) {
            e.lookup(List.of(example), Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), false, null);
        }
        long before = store.info().observations();
        try (Engine e = engine(Map.of(), new CaseSource())) {
            List<SourceOutcome> out = e.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null);
            assertThat(only(out, "case").facts()).singleElement().satisfies(f -> {
                assertThat(f.sources()).containsExactly("good");
                assertThat(f.object().value()).isEqualTo("198.51.100.1");
            });
            assertThat(only(out, "case").lookupId()).isNull();
        }
        assertThat(store.info().observations()).isEqualTo(before);
        assertThat(store.lookupsAbout(example)).extracting(l -> l.source()).containsExactly("good");
    }

    @Test
    void attributeValuesAreStoredAndDeduplicatedByValue() throws Exception {
        FakeSource attr = new FakeSource("attr", Access.PASSIVE, 1, List.of(), (i, c) -> LookupResult.of(List.of(
                Observation.attribute(i, Relation.DNS_RECORD, TextNode.valueOf("v=spf1 -all"), "attr", c.now(), null)),
                List.of()));
        try (Engine e = engine(Map.of(), attr)) {
            e.lookup(List.of(example), Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), true, null);
            e.lookup(List.of(example), Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), true, null);
        }
        assertThat(store.observationsAbout(example)).singleElement().satisfies(o -> {
            assertThat(o.value().asText()).isEqualTo("v=spf1 -all");
            assertThat(o.sightings()).hasSize(2);
        });
    }

    @Test
    void answersAreHeardBeforeTheyAreStoredAndTheServiceSlotIsFreeWhileStoring() throws Exception {
        // a store whose writes wait until the test lets them through
        java.util.concurrent.CountDownLatch letWrite = new java.util.concurrent.CountDownLatch(1);
        CaseStore real = store;
        CaseStore slow = (CaseStore) java.lang.reflect.Proxy.newProxyInstance(CaseStore.class.getClassLoader(),
                new Class<?>[] {CaseStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("saveLookup")) letWrite.await();
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        FakeSource oneAtATime = new FakeSource("single", Access.PASSIVE, 1, List.of(),
                (i, c) -> resolves(i, c, "192.0.2." + (i.value().length())));
        List<Indicator> two = List.of(example, Indicator.fromCanonical(IndicatorType.DOMAIN, "example.info"));
        List<SourceOutcome> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        List<SourceOutcome> finished = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Engine e = new Engine(new SourceRegistry(List.of(oneAtATime)), Config.load(Map.of(), dir.toString()), slow,
                IndicatorParser.standard(), Clock.systemUTC())) {
            var run = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor().submit(() -> e.lookup(two,
                    Selection.all(), RunOptions.defaults(), Duration.ofSeconds(30), false, heard::add, finished::add));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (heard.size() < 2 && System.nanoTime() < until) Thread.sleep(5);
            // both answers heard while no write has gone through: the one-at-a-time source was asked the second
            // time while the first answer waited for the store
            assertThat(heard).hasSize(2);
            assertThat(finished).isEmpty();
            assertThat(real.observations()).isEmpty();
            assertThat(heard).allSatisfy(o -> {
                assertThat(o.facts()).hasSize(1);
                assertThat(o.facts().get(0).id()).isNull();
                assertThat(o.facts().get(0).relation()).isEqualTo(Relation.RESOLVES_TO);
            });
            letWrite.countDown();
            List<SourceOutcome> out = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(out).hasSize(2).allSatisfy(o -> {
                assertThat(o.lookupId()).isNotNull();
                assertThat(o.facts()).hasSize(1).allSatisfy(f -> assertThat(f.id()).isNotNull());
            });
            assertThat(finished).hasSize(2);
            assertThat(real.observations()).hasSize(2);
        }
    }

    @Test
    void rateLimitsAndBudgetsCountEveryRequestOfALookup() throws Exception {
        // a paginated source: three pages, each asked through the gate; its limit is 2 requests an hour
        Source paged = new Source() {
            final SourceInfo info = SourceInfo.builder("paged").description("three pages").accepts(IndicatorType.DOMAIN)
                    .produces(Relation.RESOLVES_TO).rateLimit(2, Duration.ofHours(1)).ttl(Duration.ofHours(1)).build();

            @Override
            public SourceInfo info() {
                return info;
            }

            @Override
            public LookupResult lookup(Indicator indicator, LookupContext ctx) throws InterruptedException {
                List<Observation> found = new ArrayList<>();
                for (int page = 1; page <= 3; page++) {
                    String no = ctx.gate().next();
                    if (no != null) {
                        return new LookupResult(Outcome.TRUNCATED, found, List.of(), "stopped: " + no, null);
                    }
                    found.add(Observation.link(indicator, Relation.RESOLVES_TO,
                            Indicator.fromCanonical(IndicatorType.IP, "192.0.2." + page), "paged", ctx.now(), null));
                }
                return LookupResult.of(found, List.of());
            }
        };
        try (Engine e = engine(Map.of(), paged); LookupSession s = e.session()) {
            SourceOutcome first = only(s.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null), "paged");
            assertThat(first.outcome()).isEqualTo(Outcome.TRUNCATED);
            assertThat(first.message()).startsWith("stopped: rate limit of 2 per 1h reached");
            assertThat(first.facts()).hasSize(2);
            assertThat(s.requests()).containsEntry("paged", 2);
            // kept, but not a cache hit: the next lookup goes to the source again (whose limit is spent now)
            SourceOutcome again = only(s.lookup(List.of(example), Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(5), false, null), "paged");
            assertThat(again.cached()).isFalse();
            assertThat(again.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(again.message()).startsWith("rate limit of 2 per 1h reached");
            assertThat(again.refusal()).isEqualTo(Refusal.RATE_LIMITED);
            assertThat(s.requests()).as("a skipped lookup sent nothing").containsEntry("paged", 2);
        }
        assertThat(store.observations()).hasSize(2);
        // a request budget counts pages too
        try (Engine e = engine(Map.of(), paged);
             LookupSession s = e.session(SessionOptions.unlimited().withRequestBudget(Map.of("paged", 1)))) {
            SourceOutcome one = only(s.lookup(List.of(Indicator.fromCanonical(IndicatorType.DOMAIN, "example.org")),
                    Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), false, null), "paged");
            assertThat(one.message()).isEqualTo("stopped: request budget of 1 reached");
            assertThat(one.facts()).hasSize(1);
        }
    }
}
