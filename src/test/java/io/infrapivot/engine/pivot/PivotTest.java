package io.infrapivot.engine.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pivot engine on a small in-memory internet (sources written for the test, the real store): an
 * actor's domains under two registrant emails, dedicated IPs, a shared-hosting IP, a CDN address, a
 * private address, and a privacy-service email.
 */
class PivotTest {
    @TempDir
    Path dir;

    static Indicator d(String v) {
        return Indicator.fromCanonical(IndicatorType.DOMAIN, v);
    }

    static Indicator ip(String v) {
        return Indicator.fromCanonical(IndicatorType.IP, v);
    }

    static Indicator email(String v) {
        return Indicator.fromCanonical(IndicatorType.EMAIL, v);
    }

    /** The world: facts each fake source knows, by the indicator looked up. */
    static final class World {
        final Map<Indicator, List<Indicator[]>> links = new HashMap<>(); // subject -> [relation-less pairs]
        final Map<String, Map<Indicator, List<Object[]>>> bySource = new HashMap<>();
        final Map<String, Long> totals = new HashMap<>();

        void add(String source, Indicator lookedUp, Indicator subject, Relation rel, Indicator object) {
            bySource.computeIfAbsent(source, k -> new HashMap<>()).computeIfAbsent(lookedUp, k -> new ArrayList<>())
                    .add(new Object[] {subject, rel, object});
        }
    }

    static final class WorldSource implements Source {
        final String id;
        final World world;
        final Set<IndicatorType> accepts;
        final Map<Indicator, AtomicInteger> calls = new ConcurrentHashMap<>();

        WorldSource(String id, World world, Set<IndicatorType> accepts) {
            this.id = id;
            this.world = world;
            this.accepts = accepts;
        }

        @Override
        public SourceInfo info() {
            return SourceInfo.builder(id).description("world " + id).accepts(accepts).produces(Relation.values())
                    .concurrency(4).ttl(Duration.ofDays(1)).build();
        }

        @Override
        public LookupResult lookup(Indicator indicator, LookupContext ctx) {
            calls.computeIfAbsent(indicator, k -> new AtomicInteger()).incrementAndGet();
            List<Observation> out = new ArrayList<>();
            for (Object[] f : world.bySource.getOrDefault(id, Map.of()).getOrDefault(indicator, List.of())) {
                out.add(Observation.link((Indicator) f[0], (Relation) f[1], (Indicator) f[2], id, ctx.now(), null));
            }
            Long total = world.totals.get(id + " " + indicator.key());
            if (total != null) return LookupResult.truncated(out, List.of(), total, "truncated at " + out.size() + " of " + total);
            return LookupResult.of(out, List.of());
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    static final List<Indicator> ACTOR_DOMAINS = new ArrayList<>();
    static final List<Indicator> ACTOR_IPS = List.of(ip("45.10.0.1"), ip("45.10.0.2"), ip("45.10.0.3"));
    static final Indicator SHARED = ip("45.99.99.99");
    static final Indicator CDN = ip("104.16.1.1");
    static final Indicator PRIVATE = ip("10.0.0.1");
    static final Indicator E1 = email("ops@actor-mail.example");
    static final Indicator E2 = email("admin@actor-mail.example");
    static final Indicator PRIVACY = email("abc123@withheldforprivacy.com");

    World world() {
        World w = new World();
        ACTOR_DOMAINS.clear();
        for (int i = 1; i <= 8; i++) ACTOR_DOMAINS.add(d("actor" + i + ".com"));
        // registration: domains 1-4 under E1, 5-7 under E2 (domain 4 also under E2), domain 8 behind privacy
        for (int i = 0; i < 8; i++) {
            Indicator dom = ACTOR_DOMAINS.get(i);
            Indicator em = i < 4 ? E1 : i < 7 ? E2 : PRIVACY;
            w.add("reg", dom, dom, Relation.REGISTRANT_EMAIL, em);
            w.add("rev", em, dom, Relation.REGISTRANT_EMAIL, em);
            Indicator addr = ACTOR_IPS.get(i % 3);
            w.add("dnsf", dom, dom, Relation.RESOLVES_TO, addr);
            w.add("pdns", addr, dom, Relation.RESOLVES_TO, addr);
        }
        w.add("reg", ACTOR_DOMAINS.get(3), ACTOR_DOMAINS.get(3), Relation.REGISTRANT_EMAIL, E2);
        // the privacy email "holds" thousands of unrelated domains: it must never be expanded
        for (int i = 0; i < 5; i++) w.add("rev", PRIVACY, d("unrelated-privacy" + i + ".com"), Relation.REGISTRANT_EMAIL, PRIVACY);
        // domain 1 also on a shared-hosting IP with 2,000 names (the service returns a page of 50), a CDN and a parked private IP
        w.add("dnsf", ACTOR_DOMAINS.get(0), ACTOR_DOMAINS.get(0), Relation.RESOLVES_TO, SHARED);
        w.add("dnsf", ACTOR_DOMAINS.get(1), ACTOR_DOMAINS.get(1), Relation.RESOLVES_TO, CDN);
        w.add("dnsf", ACTOR_DOMAINS.get(2), ACTOR_DOMAINS.get(2), Relation.RESOLVES_TO, PRIVATE);
        for (int i = 0; i < 50; i++) w.add("pdns", SHARED, d("tenant" + i + ".com"), Relation.RESOLVES_TO, SHARED);
        w.totals.put("pdns " + SHARED.key(), 2000L);
        for (int i = 0; i < 5; i++) w.add("pdns", CDN, d("cdn-customer" + i + ".com"), Relation.RESOLVES_TO, CDN);
        return w;
    }

    static final String RECIPE = """
            name = "test"
            depth = 3
            [[steps]]
            types = ["domain"]
            hops = "0-"
            sources = ["reg", "dnsf"]
            follow = ["registrant-email", "resolves-to"]
            [[steps]]
            types = ["email"]
            hops = "1-"
            sources = ["rev"]
            follow = ["registrant-email"]
            [[steps]]
            types = ["ip"]
            hops = "1-"
            sources = ["pdns"]
            follow = ["resolves-to"]
            """;

    record Run(Pivot.Result result, Map<String, WorldSource> sources) {}

    Run pivot(World w, CaseStore store, Map<String, Integer> budget, int depth) throws Exception {
        return pivot(w, store, budget, depth, 10_000);
    }

    Run pivot(World w, CaseStore store, Map<String, Integer> budget, int depth, int maxNodes) throws Exception {
        Map<String, WorldSource> sources = new HashMap<>();
        sources.put("reg", new WorldSource("reg", w, Set.of(IndicatorType.DOMAIN)));
        sources.put("dnsf", new WorldSource("dnsf", w, Set.of(IndicatorType.DOMAIN)));
        sources.put("rev", new WorldSource("rev", w, Set.of(IndicatorType.EMAIL)));
        sources.put("pdns", new WorldSource("pdns", w, Set.of(IndicatorType.IP)));
        Recipe recipe = Recipe.parse(new TomlMapper().readTree(RECIPE), "test");
        IndicatorParser parser = IndicatorParser.standard();
        try (Engine engine = new Engine(new SourceRegistry(new ArrayList<>(sources.values())),
                Config.load(Map.of(), dir.toString()), store, parser, Clock.systemUTC())) {
            Pivot p = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
            Pivot.Result r = p.run(List.of(ACTOR_DOMAINS.get(0)), recipe, new Pivot.Options(depth, maxNodes, null, budget,
                    NoiseRules.DEFAULT_SHARED_THRESHOLD, Selection.all(), RunOptions.defaults(), Duration.ofSeconds(10),
                    false), null);
            return new Run(r, sources);
        }
    }

    @Test
    void findsTheActorAndMarksButDoesNotExpandTheNoise() throws Exception {
        World w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("p1")) {
            Run run = pivot(w, store, Map.of(), 4);
            Map<Indicator, Pivot.Node> nodes = run.result().nodes();
            // hop 1: E1 and actor1's IPs; hop 2: actor2-4 (E1), actor4 and actor7 (45.10.0.1); hop 3: E2; hop 4: actor5-6
            assertThat(nodes.keySet()).containsAll(ACTOR_DOMAINS.subList(0, 7)).contains(E1, E2, SHARED, CDN, PRIVATE)
                    .containsAll(ACTOR_IPS);
            assertThat(nodes.get(SHARED).mark().rule()).isEqualTo(NoiseRules.SHARED_HOSTING);
            assertThat(nodes.get(SHARED).mark().count()).isEqualTo(2000L);
            assertThat(nodes.keySet()).noneMatch(i -> i.value().startsWith("tenant"));
            assertThat(nodes.get(CDN).mark().rule()).isEqualTo(NoiseRules.KNOWN_NETWORK);
            assertThat(nodes.get(CDN).mark().reason()).contains("cloudflare");
            assertThat(run.sources().get("pdns").calls).doesNotContainKey(CDN);
            assertThat(nodes.keySet()).noneMatch(i -> i.value().startsWith("cdn-customer"));
            assertThat(nodes.get(PRIVATE).mark().rule()).isEqualTo(NoiseRules.SPECIAL_RANGE);
            assertThat(run.sources().get("pdns").calls).doesNotContainKey(PRIVATE);
            // every lookup was made once
            run.sources().values().forEach(s -> assertThat(s.calls.values()).allSatisfy(c -> assertThat(c).hasValue(1)));
            // marks are stored in the case with their reason
            assertThat(store.observationsAbout(SHARED)).anySatisfy(o -> {
                assertThat(o.relation()).isEqualTo(Relation.NOISE);
                assertThat(o.value().path("rule").asText()).isEqualTo("shared-hosting");
                assertThat(o.value().path("count").asLong()).isEqualTo(2000);
            });
            assertThat(run.result().stopReasons()).anyMatch(s -> s.startsWith("depth 4 reached"));
            assertThat(nodes.get(ACTOR_DOMAINS.get(5)).hop()).isEqualTo(4);
        }
    }

    @Test
    void aPrivacyServiceEmailIsMarkedAndNeverReverseLookedUp() throws Exception {
        World w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("p2")) {
            // seed the privacy-protected domain directly
            Map<String, WorldSource> sources;
            ACTOR_DOMAINS.set(0, ACTOR_DOMAINS.get(7));
            Run run = pivot(w, store, Map.of(), 3);
            sources = run.sources();
            assertThat(run.result().nodes().get(PRIVACY).mark().rule()).isEqualTo(NoiseRules.PRIVACY);
            assertThat(sources.get("rev").calls).doesNotContainKey(PRIVACY);
            assertThat(run.result().nodes().keySet()).noneMatch(i -> i.value().startsWith("unrelated-privacy"));
        }
    }

    @Test
    void stoppingAndRunningAgainGivesTheSameGraphWithNoRepeatedLookup() throws Exception {
        World w = world();
        Set<Indicator> full;
        int fullCalls;
        try (CaseStore store = new SqliteCaseRepository(dir).open("whole")) {
            Run run = pivot(w, store, Map.of(), 3);
            full = run.result().nodes().keySet();
            fullCalls = run.sources().values().stream().mapToInt(WorldSource::total).sum();
        }
        try (CaseStore store = new SqliteCaseRepository(dir).open("interrupted")) {
            // the first run is cut short by a request budget, like a kill half-way
            Run first = pivot(w, store, Map.of("*", 3), 3);
            assertThat(first.result().stopReasons()).anyMatch(s -> s.contains("request budget of 3 reached"));
            int firstCalls = first.sources().values().stream().mapToInt(WorldSource::total).sum();
            assertThat(firstCalls).isLessThan(fullCalls);
            Run second = pivot(w, store, Map.of(), 3);
            int secondCalls = second.sources().values().stream().mapToInt(WorldSource::total).sum();
            assertThat(second.result().nodes().keySet()).isEqualTo(full);
            assertThat(firstCalls + secondCalls).as("no lookup repeated across the two runs").isEqualTo(fullCalls);
            Run third = pivot(w, store, Map.of(), 3);
            assertThat(third.sources().values().stream().mapToInt(WorldSource::total).sum()).isZero();
            assertThat(third.result().nodes().keySet()).isEqualTo(full);
        }
    }

    @Test
    void anIndicatorIsExpandedWithWhatTheLookupThatFoundItSaid() throws Exception {
        World w = world();
        Indicator cert = Indicator.fromCanonical(IndicatorType.CERT, "a".repeat(64));
        Indicator sibling = d("sibling-on-the-same-cert.com");
        w.add("dnsf", ACTOR_DOMAINS.get(0), cert, Relation.CERT_NAME, ACTOR_DOMAINS.get(0));
        w.add("dnsf", ACTOR_DOMAINS.get(0), cert, Relation.CERT_NAME, sibling);
        String recipe = RECIPE.replace("follow = [\"registrant-email\", \"resolves-to\"]",
                "follow = [\"registrant-email\", \"resolves-to\", \"cert-name\"]") + """
                [[steps]]
                types = ["cert"]
                hops = "1-"
                sources = ["nosuch-ct"]
                follow = ["cert-name"]
                """;
        try (CaseStore store = new SqliteCaseRepository(dir).open("ct")) {
            Map<String, WorldSource> sources = Map.of("dnsf", new WorldSource("dnsf", w, Set.of(IndicatorType.DOMAIN)),
                    "reg", new WorldSource("reg", w, Set.of(IndicatorType.DOMAIN)));
            try (Engine engine = new Engine(new SourceRegistry(new ArrayList<>(sources.values())),
                    Config.load(Map.of(), dir.toString()), store, IndicatorParser.standard(), Clock.systemUTC())) {
                Pivot p = new Pivot(engine, store, NoiseRules.load(IndicatorParser.standard(), null, Set.of()),
                        Clock.systemUTC());
                Pivot.Result r = p.run(List.of(ACTOR_DOMAINS.get(0)), Recipe.parse(new TomlMapper().readTree(recipe), "t"),
                        new Pivot.Options(2, 100, null, Map.of(), 300, new Selection(Set.of("dnsf", "reg"), Set.of(), false,
                                false), RunOptions.defaults(), Duration.ofSeconds(5), false), null);
                assertThat(r.nodes().get(cert).hop()).isEqualTo(1);
                assertThat(r.nodes().get(sibling).hop()).isEqualTo(2);
                assertThat(r.nodes().get(sibling).from()).isEqualTo(cert);
            }
        }
    }

    @Test
    void depthCountsHops() throws Exception {
        World w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("d1")) {
            Run run = pivot(w, store, Map.of(), 1);
            // one round of lookups on the seed: its email and IPs are found, nothing of theirs is looked up
            assertThat(run.result().nodes().keySet()).contains(E1, SHARED).doesNotContain(ACTOR_DOMAINS.get(1));
            assertThat(run.sources().get("rev").total() + run.sources().get("pdns").total()).isZero();
            assertThat(run.result().nodes().get(E1).hop()).isEqualTo(1);
        }
    }

    @Test
    void whyPrintsThePathAndRankingPutsRegistrantTiesFirst() throws Exception {
        World w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("why")) {
            pivot(w, store, Map.of(), 4);
            Provenance p = new Provenance(store);
            List<List<Provenance.Hop>> paths = p.paths(ACTOR_DOMAINS.get(5), 5);
            assertThat(paths).isNotEmpty();
            List<Provenance.Hop> first = paths.get(0);
            assertThat(first.get(0).from()).isEqualTo(ACTOR_DOMAINS.get(0));
            assertThat(first.get(first.size() - 1).to()).isEqualTo(ACTOR_DOMAINS.get(5));
            assertThat(p.paths(d("tenant1.com"), 5)).as("never found").isEmpty();
            assertThat(p.paths(ACTOR_DOMAINS.get(0), 5)).containsExactly(List.of());
            List<Provenance.Ranked> ranking = p.ranking();
            assertThat(ranking).extracting(Provenance.Ranked::indicator).doesNotContain(SHARED, CDN, PRIVATE);
            Provenance.Ranked e1 = ranking.stream().filter(r -> r.indicator().equals(E1)).findFirst().orElseThrow();
            Provenance.Ranked ip1 = ranking.stream().filter(r -> r.indicator().equals(ACTOR_IPS.get(1))).findFirst().orElseThrow();
            assertThat(e1.score()).isGreaterThan(ip1.score());
            assertThat(e1.reasons()).anyMatch(s -> s.startsWith("registrant-email"));
        }
    }

    @Test
    void liftingARuleExpandsWhatItMarked() throws Exception {
        IndicatorParser parser = IndicatorParser.standard();
        NoiseRules all = NoiseRules.load(parser, null, Set.of());
        NoiseRules lifted = NoiseRules.load(parser, null, Set.of(NoiseRules.KNOWN_NETWORK));
        assertThat(all.judge(CDN)).isPresent();
        assertThat(lifted.judge(CDN)).isEmpty();
        assertThat(all.judge(ip("8.8.8.8")).orElseThrow().reason()).contains("google");
        assertThat(all.judge(ip("45.10.0.1"))).isEmpty();
        assertThat(all.judge(ip("192.168.1.1")).orElseThrow().rule()).isEqualTo(NoiseRules.SPECIAL_RANGE);
        assertThat(all.judge(Indicator.fromCanonical(IndicatorType.HOST, "ns1.sedoparking.com")).orElseThrow().rule())
                .isEqualTo(NoiseRules.PARKING);
        assertThat(all.judge(Indicator.fromCanonical(IndicatorType.HOST, "ns-1234.awsdns-12.org")).orElseThrow().rule())
                .isEqualTo(NoiseRules.SHARED_HOSTING);
        assertThat(all.judge(Indicator.fromCanonical(IndicatorType.ORG, "REDACTED FOR PRIVACY")).orElseThrow().rule())
                .isEqualTo(NoiseRules.PRIVACY);
        assertThat(all.judge(Indicator.fromCanonical(IndicatorType.HOST, "ns102a.microsoftinternetsafety.net"))
                .orElseThrow().rule()).isEqualTo(NoiseRules.SINKHOLE);
        assertThat(all.judge(Indicator.fromCanonical(IndicatorType.HOST, "ns1.fbi.seized.gov")).orElseThrow().rule())
                .isEqualTo(NoiseRules.SINKHOLE);
        assertThat(all.judge(d("google.com")).orElseThrow().rule()).isEqualTo(NoiseRules.POPULAR);
        assertThat(all.fanOut(SHARED, 301, 300)).isPresent();
        assertThat(all.fanOut(SHARED, 300, 300)).isEmpty();
        assertThat(all.fanOut(E1, 5000, 300).orElseThrow().rule()).isEqualTo(NoiseRules.SHARED_REGISTRANT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NoiseRules.load(parser, null, Set.of("nosuch")))
                .hasMessageContaining("no noise rule 'nosuch'");
    }

    @Test
    void recipesLoadAndBadRecipesAreClearErrors() throws Exception {
        for (String name : Recipe.BUILT_IN) {
            Recipe r = Recipe.load(name);
            assertThat(r.name()).isEqualTo(name);
            assertThat(r.steps()).isNotEmpty();
            assertThat(r.description()).isNotBlank();
        }
        Function<String, String> error = toml -> {
            try {
                Recipe.parse(new TomlMapper().readTree(toml), "x.toml");
                return "no error";
            } catch (Exception e) {
                return e.getMessage();
            }
        };
        assertThat(error.apply("name = \"x\"")).contains("needs at least one [[steps]]");
        assertThat(error.apply("name = \"x\"\n[[steps]]\ntypes = [\"dom\"]")).contains("unknown type 'dom'");
        assertThat(error.apply("name = \"x\"\n[[steps]]\ntypes = [\"ip\"]\nfollow = [\"classification\"]"))
                .contains("is an attribute");
        assertThat(error.apply("name = \"x\"\n[[steps]]\ntypes = [\"ip\"]\nhops = \"a-b\"")).contains("hops must be");
        Recipe r = Recipe.parse(new TomlMapper().readTree(RECIPE), "t");
        assertThat(r.stepsFor(IndicatorType.EMAIL, 0)).isEmpty();
        assertThat(r.stepsFor(IndicatorType.EMAIL, 2)).hasSize(1);
    }

    /** One source that says {@code subject resolves-to object}, last seen at {@code lastSeen}, after a pause. */
    static Source sayingOnce(String id, Indicator subject, Indicator object, java.time.Instant lastSeen, long pauseMs) {
        return new Source() {
            @Override
            public SourceInfo info() {
                return SourceInfo.builder(id).description("dated " + id).accepts(IndicatorType.DOMAIN)
                        .produces(Relation.RESOLVES_TO).concurrency(4).ttl(Duration.ofDays(1)).build();
            }

            @Override
            public LookupResult lookup(Indicator indicator, LookupContext ctx) {
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!indicator.equals(subject)) return LookupResult.of(List.of(), List.of());
                return LookupResult.of(List.of(Observation.link(subject, Relation.RESOLVES_TO, object, id, ctx.now(), null)
                        .withSeen(lastSeen.minus(Duration.ofDays(10)), lastSeen, 1L)), List.of());
            }
        };
    }

    @Test
    void aLinkOutsideTheWindowFromOneSourceIsStillFollowedWhenAnotherSawItRecently() throws Exception {
        Indicator seed = d("windowed.example");
        Indicator addr = ip("45.20.0.1");
        java.time.Instant now = java.time.Instant.now();
        String recipe = """
                name = "window"
                depth = 1
                [[steps]]
                types = ["domain"]
                hops = "0-"
                sources = ["old", "recent"]
                follow = ["resolves-to"]
                within_days = 30
                """;
        // the old sighting is heard first; the recent one 300 ms later
        Pivot.Result r = runDated("window", seed, recipe, sayingOnce("old", seed, addr, now.minus(Duration.ofDays(400)), 0),
                sayingOnce("recent", seed, addr, now.minus(Duration.ofDays(2)), 300));
        assertThat(r.nodes()).containsKey(addr);
        assertThat(r.nodes().get(addr).via().sources()).containsExactly("recent");
        assertThat(r.elapsed()).isPositive();
        // and a link only seen long ago is not followed
        Pivot.Result stale = runDated("window-old", seed, recipe,
                sayingOnce("old", seed, addr, now.minus(Duration.ofDays(400)), 0),
                sayingOnce("recent", seed, ip("45.20.0.2"), now.minus(Duration.ofDays(400)), 0));
        assertThat(stale.nodes().keySet()).containsExactly(seed);
    }

    Pivot.Result runDated(String caseName, Indicator seed, String recipe, Source... sources) throws Exception {
        return runWith(caseName, seed, recipe, 1, sources);
    }

    /** One pivot from {@code seed} with these sources and recipe, in a case of its own. */
    Pivot.Result runWith(String caseName, Indicator seed, String recipe, int depth, Source... sources) throws Exception {
        try (CaseStore store = new SqliteCaseRepository(dir).open(caseName);
             Engine engine = new Engine(new SourceRegistry(List.of(sources)), Config.load(Map.of(), dir.toString()),
                     store, IndicatorParser.standard(), Clock.systemUTC())) {
            Pivot p = new Pivot(engine, store, NoiseRules.load(IndicatorParser.standard(), null, Set.of()),
                    Clock.systemUTC());
            return p.run(List.of(seed), Recipe.parse(new TomlMapper().readTree(recipe), "w"), new Pivot.Options(depth,
                    100, null, Map.of(), 300, Selection.all(), RunOptions.defaults(), Duration.ofSeconds(5), false), null);
        }
    }

    @Test
    void aZonesOwnSoaMailboxIsMarkedUnlessARegistrantLinkNamesIt() throws Exception {
        World w = new World();
        Indicator a = d("zone-a.example");
        Indicator b = d("zone-b.example");
        Indicator soaA = email("hostmaster@zone-a.example");
        Indicator soaB = email("hostmaster@zone-b.example");
        Indicator other = d("other-by-hostmaster.example");
        w.add("dnsf", a, a, Relation.SOA_EMAIL, soaA);
        w.add("dnsf", a, a, Relation.SOA_EMAIL, email("dns@shared-dns-host.example"));
        w.add("reg", a, a, Relation.REGISTRANT_EMAIL, soaB);     // zone-b's SOA mailbox registered zone-a
        w.add("dnsf", b, b, Relation.SOA_EMAIL, soaB);
        w.add("rev", soaA, d("never-asked.example"), Relation.REGISTRANT_EMAIL, soaA);
        w.add("rev", soaB, other, Relation.REGISTRANT_EMAIL, soaB);
        // the test recipe, following SOA mailboxes instead of addresses
        String recipe = RECIPE.replace("follow = [\"registrant-email\", \"resolves-to\"]",
                "follow = [\"registrant-email\", \"soa-email\"]");
        WorldSource rev = new WorldSource("rev", w, Set.of(IndicatorType.EMAIL));
        Pivot.Result r = runWith("soa", a, recipe, 3, new WorldSource("reg", w, Set.of(IndicatorType.DOMAIN)),
                new WorldSource("dnsf", w, Set.of(IndicatorType.DOMAIN)), rev);
        // hostmaster@ of the seed's own zone: recorded, marked, never reverse-looked-up
        assertThat(r.nodes().get(soaA).mark().rule()).isEqualTo(NoiseRules.ZONE_CONTACT);
        assertThat(rev.calls).doesNotContainKey(soaA);
        // a mailbox at another domain is an ordinary pivot
        assertThat(rev.calls).containsKey(email("dns@shared-dns-host.example"));
        // zone-b's hostmaster registered the seed: a registrant link, so it is expanded and finds more
        assertThat(r.nodes().get(soaB).mark()).isNull();
        assertThat(rev.calls).containsKey(soaB);
        assertThat(r.nodes()).containsKey(other);
        // the seed's own hostmaster is also its registrant: whichever link arrives first, it ends up expanded
        Indicator c = d("zone-c.example");
        Indicator soaC = email("hostmaster@zone-c.example");
        w.add("dnsf", c, c, Relation.SOA_EMAIL, soaC);
        w.add("reg", c, c, Relation.REGISTRANT_EMAIL, soaC);
        w.add("rev", soaC, d("more-by-zone-c.example"), Relation.REGISTRANT_EMAIL, soaC);
        WorldSource revC = new WorldSource("rev", w, Set.of(IndicatorType.EMAIL));
        WorldSource regC = new WorldSource("reg", w, Set.of(IndicatorType.DOMAIN));
        Source slowReg = new Source() { // the SOA link is heard first, the registrant link 300 ms later
            @Override
            public SourceInfo info() {
                return regC.info();
            }

            @Override
            public LookupResult lookup(Indicator i, LookupContext ctx) throws InterruptedException {
                Thread.sleep(300);
                return regC.lookup(i, ctx);
            }
        };
        Pivot.Result rc = runWith("soa-c", c, recipe, 3, slowReg, new WorldSource("dnsf", w,
                Set.of(IndicatorType.DOMAIN)), revC);
        assertThat(rc.nodes().get(soaC).mark()).isNull();
        assertThat(revC.calls).containsKey(soaC);
        assertThat(rc.nodes()).containsKey(d("more-by-zone-c.example"));
        // the rule can be lifted
        assertThat(NoiseRules.load(IndicatorParser.standard(), null, Set.of(NoiseRules.ZONE_CONTACT))
                .judgeSoaContact(a, soaA)).isEmpty();
    }

    /** One pivot with these options. */
    Pivot.Result runWith(String caseName, Indicator seed, String recipe, Pivot.Options options, Source... sources)
            throws Exception {
        try (CaseStore store = new SqliteCaseRepository(dir).open(caseName);
             Engine engine = new Engine(new SourceRegistry(List.of(sources)), Config.load(Map.of(), dir.toString()),
                     store, IndicatorParser.standard(), Clock.systemUTC())) {
            Pivot p = new Pivot(engine, store, NoiseRules.load(IndicatorParser.standard(), null, Set.of()),
                    Clock.systemUTC());
            return p.run(List.of(seed), Recipe.parse(new TomlMapper().readTree(recipe), "w"), options, null);
        }
    }

    static Pivot.Options windowed(Pivot.Window w) {
        return new Pivot.Options(1, 100, null, Map.of(), 300, Selection.all(), RunOptions.defaults(),
                Duration.ofSeconds(5), false, w);
    }

    @Test
    void factsOutsideTheWindowAreCountedWithTheNewestDateAndWithinWidensOrLiftsTheWindow() throws Exception {
        Indicator seed = d("stale.example");
        Indicator a = ip("45.21.0.1");
        Indicator b = ip("45.21.0.2");
        java.time.Instant now = java.time.Instant.now();
        String recipe = """
                name = "window"
                depth = 1
                [[steps]]
                types = ["domain"]
                hops = "0-"
                sources = ["a", "b"]
                follow = ["resolves-to"]
                within_days = 730
                """;
        // passive DNS last seen 2.5 and 4 years ago: the recipe's 730-day window drops both
        Source sa = sayingOnce("a", seed, a, now.minus(Duration.ofDays(900)), 0);
        Source sb = sayingOnce("b", seed, b, now.minus(Duration.ofDays(1460)), 0);
        Pivot.Result r = runWith("w1", seed, recipe, windowed(Pivot.Window.RECIPE), sa, sb);
        assertThat(r.nodes().keySet()).containsExactly(seed);
        Pivot.Left left = r.left(Pivot.Unfollowed.OUTSIDE_WINDOW);
        assertThat(left.count()).isEqualTo(2);
        assertThat(left.newestSeen()).isEqualTo(now.minus(Duration.ofDays(900)));
        assertThat(r.unfollowed()).extracting(Pivot.Left::reason).containsExactly(Pivot.Unfollowed.OUTSIDE_WINDOW);
        assertThat(r.stopReasons()).anyMatch(x -> x.contains("2 indicators left unfollowed"));
        // a wider window takes the 900-day one, and says the other is still left
        Pivot.Result wider = runWith("w2", seed, recipe, windowed(Pivot.Window.of(Duration.ofDays(1000))), sa, sb);
        assertThat(wider.nodes().keySet()).containsExactlyInAnyOrder(seed, a);
        assertThat(wider.left(Pivot.Unfollowed.OUTSIDE_WINDOW).count()).isEqualTo(1);
        assertThat(wider.left(Pivot.Unfollowed.OUTSIDE_WINDOW).newestSeen()).isEqualTo(now.minus(Duration.ofDays(1460)));
        // --within all lifts the window
        Pivot.Result all = runWith("w3", seed, recipe, windowed(Pivot.Window.ANY), sa, sb);
        assertThat(all.nodes().keySet()).containsExactlyInAnyOrder(seed, a, b);
        assertThat(all.unfollowed()).isEmpty();
        assertThat(all.stopReasons()).noneMatch(x -> x.contains("unfollowed"));
    }

    @Test
    void aUserWindowNarrowerThanTheRecipesReplacesIt() throws Exception {
        Indicator seed = d("recent.example");
        Indicator a = ip("45.22.0.1");
        java.time.Instant now = java.time.Instant.now();
        String recipe = """
                name = "any-date"
                depth = 1
                [[steps]]
                types = ["domain"]
                hops = "0-"
                sources = ["a"]
                follow = ["resolves-to"]
                """;
        Source sa = sayingOnce("a", seed, a, now.minus(Duration.ofDays(20)), 0);
        Pivot.Result r = runWith("n1", seed, recipe, windowed(Pivot.Window.of(Duration.ofDays(7))), sa);
        assertThat(r.nodes().keySet()).containsExactly(seed);
        assertThat(r.left(Pivot.Unfollowed.OUTSIDE_WINDOW).count()).isEqualTo(1);
    }

    @Test
    void aMarkedHubsNamesTheNodeBudgetAndRefusedLookupsAreCountedAsLeftUnfollowed() throws Exception {
        World w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("left1")) {
            Pivot.Result r = pivot(w, store, Map.of(), 4).result();
            // the 50 tenants the service returned for the shared-hosting IP were not followed, because of the mark
            assertThat(r.left(Pivot.Unfollowed.MARKED).count()).isEqualTo(50);
            assertThat(r.left(Pivot.Unfollowed.NODE_BUDGET).count()).isZero();
            assertThat(r.left(Pivot.Unfollowed.REFUSED).count()).isZero();
        }
        w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("left2")) {
            // no passive DNS requests: the four IPs that would be looked up (three actor IPs, the shared one) are refused
            Pivot.Result r = pivot(w, store, Map.of("pdns", 0), 4).result();
            assertThat(r.left(Pivot.Unfollowed.REFUSED).count()).isEqualTo(4);
            assertThat(r.left(Pivot.Unfollowed.MARKED).count()).isZero();
        }
        w = world();
        try (CaseStore store = new SqliteCaseRepository(dir).open("left3")) {
            Pivot.Result r = pivot(w, store, Map.of(), 4, 3).result();
            assertThat(r.nodes()).hasSize(3);
            Pivot.Left budget = r.left(Pivot.Unfollowed.NODE_BUDGET);
            assertThat(budget.count()).isPositive();
            assertThat(r.stopReasons()).anyMatch(x -> x.startsWith("node budget of 3"));
        }
    }

    @Test
    void whyGivesDistinctPathsNotOnePerLinkBetweenTheSameTwoIndicators() throws Exception {
        World w = world();
        // a second link between actor1 and its IP: a path through it would repeat the resolves-to one
        w.add("dnsf", ACTOR_DOMAINS.get(0), ACTOR_DOMAINS.get(0), Relation.SPF_ALLOWS, ACTOR_IPS.get(0));
        try (CaseStore store = new SqliteCaseRepository(dir).open("distinct")) {
            pivot(w, store, Map.of(), 4);
            List<List<Provenance.Hop>> paths = new Provenance(store).paths(ACTOR_DOMAINS.get(3), 5);
            // actor4 is reached through E1 and through 45.10.0.1: two paths, each through other indicators
            assertThat(paths).hasSize(2);
            assertThat(paths).extracting(pth -> pth.get(0).to()).containsExactlyInAnyOrder(E1, ACTOR_IPS.get(0));
            assertThat(paths).allSatisfy(pth -> assertThat(pth).hasSize(2));
        }
    }
}
