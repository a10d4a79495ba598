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
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ASN becomes a pivot to its announced prefixes, and a big hosting network does not explode it: its ASN is
 * marked and not expanded when reached, and the prefixes a routing source says it announces are marked leaves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsnPivotTest {
    @TempDir
    Path dir;

    static final Indicator CLOUD = Indicator.of(IndicatorType.ASN, "AS16509");
    static final Indicator SMALL = Indicator.of(IndicatorType.ASN, "AS64500");
    static final Indicator IP = Indicator.of(IndicatorType.IP, "91.207.101.7");

    /** Plays a routing source: an ASN's prefixes (marked when the ASN is a big cloud's), an IP's origin. */
    static final class Routes implements Source {
        final Map<Indicator, Integer> calls = new ConcurrentHashMap<>();

        @Override
        public SourceInfo info() {
            return SourceInfo.builder("routes").description("test routes")
                    .accepts(IndicatorType.ASN, IndicatorType.IP, IndicatorType.CIDR)
                    .produces(Relation.ANNOUNCED_BY).concurrency(4).ttl(Duration.ofDays(1)).build();
        }

        @Override
        public LookupResult lookup(Indicator ind, LookupContext ctx) {
            calls.merge(ind, 1, Integer::sum);
            List<Observation> out = new ArrayList<>();
            if (ind.equals(CLOUD)) {
                for (int i = 0; i < 3; i++) out.add(prefix("3.5." + i + ".0/24", CLOUD, "amazon cloud", ctx));
            } else if (ind.equals(SMALL)) {
                for (int i = 0; i < 2; i++) out.add(prefix("91.207." + (101 + i) + ".0/24", SMALL, null, ctx));
            } else if (ind.equals(IP)) {
                out.add(new Observation(IP, Relation.ANNOUNCED_BY, CLOUD, Json.object().put("hosting", "amazon cloud"),
                        "routes", null, null, ctx.now(), null, null));
                out.add(new Observation(IP, Relation.ANNOUNCED_BY, SMALL, Json.object(), "routes", null, null,
                        ctx.now(), null, null));
            }
            return LookupResult.of(out, List.of());
        }

        static Observation prefix(String cidr, Indicator asn, String hosting, LookupContext ctx) {
            var v = Json.object().put("prefix", cidr);
            if (hosting != null) v.put("hosting", hosting);
            return new Observation(Indicator.of(IndicatorType.CIDR, cidr), Relation.ANNOUNCED_BY, asn, v, "routes",
                    null, null, ctx.now(), null, null);
        }
    }

    static final String RECIPE = """
            name = "routing"
            description = "test"
            depth = 3
            [[steps]]
            types = ["ip", "asn", "cidr"]
            hops = "0-"
            sources = ["routes"]
            follow = ["announced-by"]
            """;

    private Pivot.Result run(Routes routes, List<Indicator> seeds) throws Exception {
        IndicatorParser parser = IndicatorParser.standard();
        try (CaseStore store = new SqliteCaseRepository(dir).open("asn" + seeds.size());
             Engine engine = new Engine(new SourceRegistry(List.of(routes)), Config.load(Map.of(), dir.toString()),
                     store, parser, Clock.systemUTC())) {
            Pivot p = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
            return p.run(seeds, Recipe.parse(new TomlMapper().readTree(RECIPE), "t"), new Pivot.Options(3, 10_000,
                    null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD, Selection.all(), RunOptions.defaults(),
                    Duration.ofSeconds(10), false), null);
        }
    }

    @Test
    void aSeedAsnPivotsToItsPrefixesAndABigCloudsAreMarkedLeaves() throws Exception {
        Routes routes = new Routes();
        var nodes = run(routes, List.of(CLOUD, SMALL)).nodes();
        Indicator cloudPrefix = Indicator.of(IndicatorType.CIDR, "3.5.0.0/24");
        Indicator smallPrefix = Indicator.of(IndicatorType.CIDR, "91.207.101.0/24");
        assertThat(nodes).containsKeys(cloudPrefix, smallPrefix);
        assertThat(nodes.get(cloudPrefix).mark().rule()).isEqualTo(NoiseRules.KNOWN_NETWORK);
        assertThat(nodes.get(cloudPrefix).mark().reason()).contains("amazon cloud");
        assertThat(routes.calls).doesNotContainKey(cloudPrefix);
        assertThat(nodes.get(smallPrefix).mark()).isNull();
        assertThat(routes.calls).containsKey(smallPrefix);
    }

    @Test
    void aBigCloudsAsnReachedFromAnAddressIsNotExpanded() throws Exception {
        Routes routes = new Routes();
        var nodes = run(routes, List.of(IP)).nodes();
        assertThat(nodes.get(CLOUD).mark().rule()).isEqualTo(NoiseRules.KNOWN_NETWORK);
        assertThat(routes.calls).doesNotContainKey(CLOUD).containsKey(SMALL);
        assertThat(nodes).containsKey(Indicator.of(IndicatorType.CIDR, "91.207.101.0/24"));
        assertThat(nodes.keySet()).noneMatch(i -> i.value().startsWith("3.5."));
    }
}
