package io.infrapivot.engine.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.routing.HostingAsns;
import io.infrapivot.source.thirdparty.Json;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Big hosting networks keep an ASN pivot from exploding: the ASN and its announced prefixes are marked. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoutingNoiseTest {
    private final NoiseRules rules = NoiseRules.load(IndicatorParser.standard(), null, Set.of());

    @Test
    void aBigCloudAsnIsMarkedAndNotExpanded() {
        var m = rules.judge(Indicator.of(IndicatorType.ASN, "AS16509")).orElseThrow();
        assertThat(m.rule()).isEqualTo(NoiseRules.KNOWN_NETWORK);
        assertThat(m.expand()).isFalse();
        assertThat(m.reason()).contains("amazon cloud");
        assertThat(rules.judge(Indicator.of(IndicatorType.ASN, "AS64500"))).isEmpty();
    }

    @Test
    void aPrefixAnnouncedByAHostingNetworkIsMarked() {
        Indicator prefix = Indicator.of(IndicatorType.CIDR, "198.51.100.0/24");
        var v = Json.object().put("prefix", "198.51.100.0/24").put("hosting", "hetzner hosting");
        var m = rules.judgeAnnounced(Relation.ANNOUNCED_BY, prefix, v).orElseThrow();
        assertThat(m.expand()).isFalse();
        assertThat(m.reason()).contains("hetzner hosting");
        assertThat(rules.judgeAnnounced(Relation.ANNOUNCED_BY, prefix, Json.object().put("prefix", "x"))).isEmpty();
        assertThat(rules.judgeAnnounced(Relation.IN_NETBLOCK, prefix, v)).isEmpty();
    }

    @Test
    void liftingTheRuleLiftsTheMarks() {
        NoiseRules lifted = NoiseRules.load(IndicatorParser.standard(), null, Set.of(NoiseRules.KNOWN_NETWORK));
        assertThat(lifted.judge(Indicator.of(IndicatorType.ASN, "AS13335"))).isEmpty();
        assertThat(lifted.judgeAnnounced(Relation.ANNOUNCED_BY, Indicator.of(IndicatorType.CIDR, "104.16.0.0/13"),
                Json.object().put("hosting", "cloudflare cdn"))).isEmpty();
    }

    @Test
    void theShippedListReadsAndKnowsTheBigOnes() {
        HostingAsns list = HostingAsns.shipped();
        assertThat(list.size()).isGreaterThan(30);
        assertThat(list.of("as13335")).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo("cdn"));
        assertThat(list.of(15169L)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("google"));
        assertThat(HostingAsns.number("AS4294967296")).isNull();
        assertThat(HostingAsns.number("ASx")).isNull();
    }
}
