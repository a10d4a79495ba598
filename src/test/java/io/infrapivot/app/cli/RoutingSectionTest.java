package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.thirdparty.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The report's routing part: origin, holder and prefix per source side by side, and the dated history. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoutingSectionTest {
    static final Indicator IP = Indicator.of(IndicatorType.IP, "192.0.2.10");
    static final Indicator PREFIX = Indicator.of(IndicatorType.CIDR, "192.0.2.0/24");
    static final Instant LEARNED = Instant.parse("2026-12-01T10:00:00Z");

    static Fact fact(Indicator subject, Relation rel, Indicator object, ObjectNode v, String source, String first,
                     String last) {
        return new Fact(null, subject, rel, object, v, List.of(source), first == null ? null : Instant.parse(first),
                last == null ? null : Instant.parse(last), LEARNED, null, List.of());
    }

    static Indicator asn(String a) {
        return Indicator.of(IndicatorType.ASN, a);
    }

    static Fact origin(String as, String name, String source) {
        ObjectNode v = Json.object().put("prefix", PREFIX.value());
        if (name != null) v.put("as_name", name);
        return fact(IP, Relation.ANNOUNCED_BY, asn(as), v, source, null, null);
    }

    static Fact history(String as, String name, String first, String last) {
        ObjectNode v = Json.object().put("prefix", PREFIX.value()).put("history", "routing-history");
        if (name != null) v.put("as_name", name);
        return fact(PREFIX, Relation.ANNOUNCED_BY, asn(as), v, "ripestat", first, last);
    }

    static List<Fact> sample() {
        return new ArrayList<>(List.of(
                origin("AS64501", "Example Carrier", "ripestat"),
                fact(IP, Relation.IN_NETBLOCK, PREFIX, Json.object().put("routed", true), "ripestat", null, null),
                history("AS64501", "Example Carrier", "2024-11-03T00:00:00Z", "2026-12-01T08:00:00Z"),
                history("AS64500", "Example Hosting", "2023-04-10T00:00:00Z", "2024-11-02T00:00:00Z"),
                origin("AS64501", "EXAMPLE-CARRIER", "cymru"),
                fact(IP, Relation.IN_NETBLOCK, PREFIX, Json.object().put("allocated", "2010-07-14")
                        .put("registry", "arin"), "cymru", null, null),
                origin("AS13335", "Cloudflare, Inc.", "bgptools"),
                fact(IP, Relation.IN_NETBLOCK, Indicator.of(IndicatorType.CIDR, "192.0.0.0/16"), null, "rdap", null,
                        null),
                fact(Indicator.of(IndicatorType.CIDR, "192.0.0.0/16"), Relation.NETWORK_OWNER,
                        Indicator.of(IndicatorType.ORG, "Example Registry Org"), null, "rdap", null, null)));
    }

    @Test
    void eachSourceSideBySideWithTheDatedHistory() {
        List<String> lines = RoutingSection.lines(IP, sample());
        assertThat(lines.get(0)).startsWith("ripestat").contains("origin AS64501 Example Carrier")
                .contains("prefix 192.0.2.0/24");
        assertThat(lines.get(1)).startsWith("cymru").contains("origin AS64501 EXAMPLE-CARRIER")
                .contains("prefix 192.0.2.0/24, allocated 2010-07-14 ARIN");
        // the hosting list marks a big provider's origin even where the source did not
        assertThat(lines.get(2)).startsWith("bgptools").contains("origin AS13335 Cloudflare, Inc. [cloudflare cdn]");
        assertThat(lines.get(3)).startsWith("rdap").contains("netblock 192.0.0.0/16 held by Example Registry Org");
        assertThat(lines).anyMatch(l -> l.startsWith("! the sources disagree on the origin")
                && l.contains("AS64501 (ripestat)") && l.contains("AS13335 (bgptools)"));
        int h = lines.indexOf("history (ripestat)");
        assertThat(h).isPositive();
        // oldest first; an entry seen up to the lookup is still announced
        assertThat(lines.get(h + 1)).contains("2023-04 → 2024-11").contains("AS64500 Example Hosting")
                .contains("192.0.2.0/24");
        assertThat(lines.get(h + 2)).contains("2024-11 → now").contains("AS64501 Example Carrier");
    }

    @Test
    void agreeingSourcesRaiseNoWarningAndLongHistoriesAreCut() {
        List<Fact> facts = new ArrayList<>(List.of(origin("AS64501", "EXAMPLE-AS", "ripestat"),
                origin("AS64501", null, "cymru"), fact(asn("AS64501"), Relation.NETWORK_OWNER,
                        Indicator.of(IndicatorType.ORG, "Example Carrier Ltd"), null, "peeringdb", null, null)));
        for (int i = 0; i < RoutingSection.MAX_HISTORY + 3; i++) {
            facts.add(history("AS" + (64500 + i), null, (2000 + i) + "-01-01T00:00:00Z", (2000 + i) + "-06-01T00:00:00Z"));
        }
        List<String> lines = RoutingSection.lines(IP, facts);
        assertThat(lines).noneMatch(l -> l.startsWith("!"));
        // the holder organisation joins the AS name, or stands for it where the source gave none
        assertThat(lines.get(0)).contains("origin AS64501 EXAMPLE-AS (held by Example Carrier Ltd)");
        assertThat(lines.get(1)).startsWith("cymru").contains("origin AS64501 Example Carrier Ltd");
        assertThat(lines).contains("  … 3 earlier");
        assertThat(lines.stream().filter(l -> l.contains(" → "))).hasSize(RoutingSection.MAX_HISTORY);
        assertThat(lines.get(lines.size() - 1)).contains("2014-01 → 2014-06");
    }

    @Test
    void takesOnlyThisAddressesRoutingFactsAndEscapes() {
        List<Fact> routing = sample();
        Fact other = fact(Indicator.of(IndicatorType.IP, "198.51.100.1"), Relation.ANNOUNCED_BY, asn("AS64999"),
                null, "ripestat", null, null);
        Fact geo = fact(IP, Relation.GEOLOCATION, null, Json.object().put("country", "NL"), "geoip", null, null);
        routing.add(other);
        routing.add(geo);
        int all = routing.size();
        List<Fact> taken = RoutingSection.take(IP, routing);
        assertThat(taken).hasSize(all - 2);
        assertThat(routing).containsExactly(other, geo);
        // an AS number's report keeps its announced prefixes in the generic list
        List<Fact> asnFacts = new ArrayList<>(List.of(history("AS64500", null, null, null)));
        assertThat(RoutingSection.take(asn("AS64500"), asnFacts)).isEmpty();

        Fact evil = origin("AS64502", "Evil\u001b[2J\u0007Net", "ripestat");
        assertThat(String.join("\n", RoutingSection.lines(IP, List.of(evil)))).doesNotContain("\u001b")
                .doesNotContain("\u0007");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        List<Fact> back = new ArrayList<>();
        RoutingSection.print(t, IP, taken, back);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("routing: origin and history").contains("2023-04 → 2024-11");
        assertThat(back).hasSameSizeAs(taken);
    }

    @Test
    void theReportPrintsTheRoutingPartAndTheLocationStillSeesTheHostingOrigin() {
        List<Fact> facts = sample();
        facts.add(fact(IP, Relation.GEOLOCATION, null, Json.object().put("database", "GeoLite2-City")
                .put("country", "US").put("city", "San Francisco"), "geoip", null, null));
        List<io.infrapivot.engine.SourceOutcome> outcomes = new ArrayList<>();
        for (Fact f : facts) {
            outcomes.add(new io.infrapivot.engine.SourceOutcome(IP, f.sources().get(0),
                    io.infrapivot.source.Access.PASSIVE, io.infrapivot.source.Outcome.OK, null, false,
                    java.time.Duration.ZERO, null, List.of(f), null, null));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        new Report(t, false).print(IP, null, outcomes);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("routing: origin and history").contains("history (ripestat)")
                .contains("2023-04 → 2024-11");
        // the routing facts are shown once, in the routing part, not again in the generic list
        assertThat(text.lines().filter(l -> l.contains("AS64500"))).hasSize(1);
        assertThat(text).contains("location").contains("cloudflare cdn network").contains("datacentre");
    }
}
