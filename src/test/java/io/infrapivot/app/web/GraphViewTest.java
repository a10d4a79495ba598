package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class GraphViewTest {
    @TempDir
    Path dir;

    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    /** A seed resolving to a shared IP that carries {@code cohosted} other names, and a marked CDN IP. */
    CaseStore sharedHostingCase(int cohosted) {
        CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("g");
        Indicator seed = Indicator.parse("seed-example.com");
        Indicator shared = Indicator.parse("62.210.99.99");
        Indicator cdn = Indicator.parse("104.16.50.50");
        store.addSeeds(List.of(seed));
        List<Observation> obs = new ArrayList<>();
        obs.add(Observation.link(seed, Relation.RESOLVES_TO, shared, "dns", T, null).withSeen(T, T.plusSeconds(86400), null));
        obs.add(Observation.link(seed, Relation.RESOLVES_TO, cdn, "dns", T, null));
        for (int i = 0; i < cohosted; i++) {
            obs.add(Observation.link(shared, Relation.CO_HOSTED, Indicator.fromCanonical(IndicatorType.DOMAIN,
                    "cohosted" + i + ".com"), "hackertarget", T, null));
        }
        store.saveLookup("dns", seed, "", T, T, LookupResult.of(obs, List.of()), Duration.ofDays(1));
        var mark = JsonNodeFactory.instance.objectNode().put("rule", "known-network").put("reason", "Cloudflare")
                .put("expanded", false);
        store.saveLookup("pivot", cdn, "noise", T, T, LookupResult.of(List.of(Observation.attribute(cdn, Relation.NOISE,
                mark, "pivot", T, null)), List.of()), Duration.ZERO);
        return store;
    }

    @Test
    void manyLeavesOfOneHubAreOneGroupSentPageByPage() {
        try (CaseStore store = sharedHostingCase(250)) {
            GraphView view = new GraphView(40, 20_000);
            JsonNode g = view.graph("g", store);
            assertThat(g.path("summary").path("indicators").asInt()).isEqualTo(253);
            assertThat(g.path("summary").path("folded").asInt()).isEqualTo(250);
            assertThat(g.path("nodes").size()).isEqualTo(3);
            assertThat(g.path("groups").size()).isEqualTo(1);
            JsonNode group = g.path("groups").get(0);
            assertThat(group.path("hub").asText()).isEqualTo("ip:62.210.99.99");
            assertThat(group.path("rel").asText()).isEqualTo("co-hosted");
            assertThat(group.path("count").asInt()).isEqualTo(250);

            Set<String> members = new HashSet<>();
            int offset = 0, pages = 0;
            while (offset >= 0) {
                JsonNode page = view.groupPage(store, group.path("id").asText(), offset, 100);
                page.path("nodes").forEach(n -> members.add(n.path("id").asText()));
                assertThat(page.path("edges").size()).isEqualTo(page.path("nodes").size());
                offset = page.path("next").asInt();
                pages++;
            }
            assertThat(pages).isEqualTo(3);
            assertThat(members).hasSize(250).allMatch(id -> id.startsWith("domain:cohosted"));
        }
    }

    @Test
    void fewLeavesAreDrawnAndMarksAndSeedsCarried() {
        try (CaseStore store = sharedHostingCase(10)) {
            JsonNode g = new GraphView(40, 20_000).graph("g", store);
            assertThat(g.path("groups").size()).isZero();
            assertThat(g.path("nodes").size()).isEqualTo(13);
            assertThat(g.path("edges").size()).isEqualTo(12);
            JsonNode cdn = find(g, "ip:104.16.50.50");
            assertThat(cdn.path("marks").get(0).path("rule").asText()).isEqualTo("known-network");
            assertThat(find(g, "domain:seed-example.com").path("seed").asBoolean()).isTrue();
            JsonNode shared = find(g, "ip:62.210.99.99");
            assertThat(shared.path("first").asLong()).isEqualTo(T.toEpochMilli());
        }
    }

    @Test
    void pastTheNodeLimitTheLowestRankedAreLeftOutAndCounted() {
        try (CaseStore store = sharedHostingCase(10)) {
            JsonNode g = new GraphView(40, 5).graph("g", store);
            assertThat(g.path("nodes").size()).isEqualTo(5);
            assertThat(g.path("summary").path("left_out").asInt()).isEqualTo(8);
            assertThat(find(g, "domain:seed-example.com")).isNotNull();
        }
    }

    @Test
    void pastTheNodeLimitAddressesAreAggregatedBySlash24() {
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("nets")) {
            Indicator seed = Indicator.parse("seed-example.com");
            store.addSeeds(List.of(seed));
            List<Observation> obs = new ArrayList<>();
            for (int net = 1; net <= 2; net++) {
                for (int i = 1; i <= 10; i++) {
                    obs.add(Observation.link(seed, Relation.RESOLVES_TO, Indicator.parse("10.0." + net + "." + i), "dns", T,
                            null));
                }
            }
            store.saveLookup("dns", seed, "", T, T, LookupResult.of(obs, List.of()), Duration.ofDays(1));
            GraphView view = new GraphView(40, 5);
            JsonNode g = view.graph("nets", store);
            assertThat(g.path("summary").path("left_out").asInt()).isZero();
            assertThat(g.path("summary").path("folded").asInt()).isEqualTo(20);
            assertThat(g.path("nodes").size()).isEqualTo(1);
            assertThat(g.path("groups").size()).isEqualTo(2);
            JsonNode net = g.path("groups").get(0);
            assertThat(net.path("id").asText()).isEqualTo("net:10.0.1.0/24");
            assertThat(net.path("count").asInt()).isEqualTo(10);
            assertThat(net.path("links").get(0).path("s").asText()).isEqualTo("domain:seed-example.com");
            JsonNode page = view.groupPage(store, "net:10.0.2.0/24", 0, 100);
            assertThat(page.path("nodes").size()).isEqualTo(10);
            assertThat(page.path("edges").size()).isEqualTo(10);
            assertThat(page.path("next").asInt()).isEqualTo(-1);
        }
    }

    @Test
    void theInspectorHasFactsMarksAndTheWhyPath() {
        try (CaseStore store = sharedHostingCase(3)) {
            GraphView view = new GraphView(40, 20_000);
            JsonNode about = view.about(store, Indicator.fromCanonical(IndicatorType.DOMAIN, "cohosted1.com"));
            assertThat(about.path("facts").size()).isEqualTo(1);
            assertThat(about.path("facts").get(0).path("relation").asText()).isEqualTo("co-hosted");
            JsonNode path = about.path("why").get(0);
            assertThat(path.get(0).path("from").asText()).isEqualTo("domain:seed-example.com");
            assertThat(path.get(1).path("to").asText()).isEqualTo("domain:cohosted1.com");
            JsonNode cdn = view.about(store, Indicator.parse("104.16.50.50"));
            assertThat(cdn.path("marks").get(0).path("reason").asText()).isEqualTo("Cloudflare");
            assertThat(cdn.has("href")).isFalse();
        }
    }

    @Test
    void nodesCarryTheirAsnAndRegistrantAggregates() {
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("agg")) {
            Indicator seed = Indicator.parse("seed-example.com");
            store.addSeeds(List.of(seed));
            Indicator as1 = Indicator.parse("AS64500"), as2 = Indicator.parse("AS64501"), as3 = Indicator.parse("AS64502");
            Indicator jane = Indicator.parse("jane@owner.example"), privacy = Indicator.parse("x@privacy.example");
            Indicator org = Indicator.fromCanonical(IndicatorType.ORG, "Owner Ltd");
            List<Observation> obs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                Indicator ip = Indicator.parse("192.0.2." + i);
                obs.add(Observation.link(seed, Relation.RESOLVES_TO, ip, "dns", T, null));
                obs.add(Observation.link(ip, Relation.ANNOUNCED_BY, i <= 3 ? as1 : as2, "cymru", T, null));
            }
            // an address announced by two ASNs is in the lower one only; an ASN with one address is no aggregate
            obs.add(Observation.link(Indicator.parse("192.0.2.1"), Relation.ANNOUNCED_BY, as3, "cymru", T, null));
            for (int i = 1; i <= 5; i++) {
                Indicator d = Indicator.parse("owned" + i + ".com");
                obs.add(Observation.link(seed, Relation.RELATED, d, "dns", T, null));
                // email before org; the privacy address is marked and groups nothing
                if (i <= 3) obs.add(Observation.link(d, Relation.REGISTRANT_EMAIL, jane, "whois", T, null));
                else obs.add(Observation.link(d, Relation.REGISTRANT_EMAIL, privacy, "whois", T, null));
                obs.add(Observation.link(d, Relation.REGISTRANT_ORG, org, "whois", T, null));
            }
            store.saveLookup("dns", seed, "", T, T, LookupResult.of(obs, List.of()), Duration.ofDays(1));
            var mark = JsonNodeFactory.instance.objectNode().put("rule", "privacy").put("reason", "a privacy service");
            store.saveLookup("pivot", privacy, "noise", T, T, LookupResult.of(List.of(Observation.attribute(privacy,
                    Relation.NOISE, mark, "pivot", T, null)), List.of()), Duration.ZERO);

            JsonNode g = new GraphView(40, 20_000).graph("agg", store);
            for (int i = 1; i <= 3; i++) assertThat(find(g, "ip:192.0.2." + i).path("asn").asText()).isEqualTo("asn:AS64500");
            assertThat(find(g, "asn:AS64500").path("asn").asText()).isEqualTo("asn:AS64500");
            assertThat(find(g, "ip:192.0.2.4").has("asn")).isFalse();
            assertThat(find(g, "asn:AS64502").has("asn")).isFalse();
            assertThat(g.path("aggregates").path("asn").size()).isEqualTo(1);
            assertThat(g.path("aggregates").path("asn").get(0).path("count").asInt()).isEqualTo(4);

            for (int i = 1; i <= 3; i++) {
                assertThat(find(g, "domain:owned" + i + ".com").path("registrant").asText()).isEqualTo(jane.key());
            }
            // the privacy address's names fall back to their organisation
            assertThat(find(g, "domain:owned4.com").path("registrant").asText()).isEqualTo(org.key());
            assertThat(find(g, "domain:owned5.com").path("registrant").asText()).isEqualTo(org.key());
            assertThat(find(g, privacy.key()).has("registrant")).isFalse();
            assertThat(find(g, "domain:seed-example.com").has("registrant")).isFalse();
            Set<String> anchors = new HashSet<>();
            g.path("aggregates").path("registrant").forEach(a -> anchors.add(a.path("id").asText()));
            assertThat(anchors).containsExactlyInAnyOrder(jane.key(), org.key());
        }
    }

    /**
     * A generated case over the node limit: {@code n} names of one seed, each resolving to its own address announced by
     * one of three ASNs and registered to one of four addresses.
     */
    CaseStore largeCase(String name, int n) {
        CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open(name);
        Indicator seed = Indicator.parse("seed-example.com");
        store.addSeeds(List.of(seed));
        List<Observation> obs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Indicator d = Indicator.parse("name" + k + ".example"), ip = Indicator.parse("10." + (k % 7) + "." + k + ".1");
            obs.add(Observation.link(seed, Relation.RELATED, d, "dns", T, null));
            obs.add(Observation.link(d, Relation.RESOLVES_TO, ip, "dns", T, null));
            obs.add(Observation.link(ip, Relation.ANNOUNCED_BY, Indicator.parse("AS6450" + (k % 3)), "cymru", T, null));
            obs.add(Observation.link(d, Relation.REGISTRANT_EMAIL, Indicator.parse("owner" + (k % 4) + "@reg.example"),
                    "whois", T, null));
        }
        store.saveLookup("dns", seed, "", T, T, LookupResult.of(obs, List.of()), Duration.ofDays(1));
        return store;
    }

    static JsonNode group(JsonNode g, String id) {
        for (JsonNode n : g.path("groups")) if (n.path("id").asText().equals(id)) return n;
        return null;
    }

    @Test
    void pastTheNodeLimitTheServerAggregatesByAsnPageByPage() {
        try (CaseStore store = largeCase("by-asn", 150)) {
            // 1 seed + 150 names + 150 addresses + 3 ASNs + 4 registrants = 308 indicators, over a limit of 200
            GraphView view = new GraphView(40, 200);
            JsonNode g = view.graph("by-asn", store, "asn");
            JsonNode sum = g.path("summary");
            assertThat(sum.path("indicators").asInt()).isEqualTo(308);
            assertThat(sum.path("over_limit").asBoolean()).isTrue();
            assertThat(sum.path("aggregated_by").asText()).isEqualTo("asn");
            assertThat(sum.path("drawn").asInt()).isEqualTo(158);
            assertThat(sum.path("folded").asInt()).isEqualTo(150);
            assertThat(sum.path("left_out").asInt()).isZero();
            g.path("nodes").forEach(n -> assertThat(n.path("type").asText()).isNotEqualTo("ip"));
            JsonNode as0 = group(g, "by-asn:asn:AS64500");
            assertThat(as0).isNotNull();
            assertThat(as0.path("count").asInt()).isEqualTo(50);
            assertThat(as0.path("hub").asText()).isEqualTo("asn:AS64500");
            assertThat(as0.path("rel").asText()).isEqualTo("announced-by");
            assertThat(as0.path("type").asText()).isEqualTo("ip");
            assertThat(as0.path("anchor_value").asText()).isEqualTo("AS64500");
            // linked to the 50 names that resolve to its addresses, not again to its ASN
            assertThat(as0.path("links").size()).isEqualTo(50);
            as0.path("links").forEach(l -> assertThat(l.path("s").asText()).startsWith("domain:name"));
            int total = 0;
            for (JsonNode x : g.path("groups")) total += x.path("count").asInt();
            assertThat(total).isEqualTo(150);

            JsonNode first = view.groupPage(store, "by-asn:asn:AS64501", 0, 20);
            assertThat(first.path("count").asInt()).isEqualTo(50);
            assertThat(first.path("nodes").size()).isEqualTo(20);
            assertThat(first.path("next").asInt()).isEqualTo(20);
            first.path("nodes").forEach(n -> assertThat(n.path("type").asText()).isEqualTo("ip"));
            Set<String> rels = new HashSet<>();
            first.path("edges").forEach(e -> rels.add(e.path("rel").asText()));
            assertThat(rels).containsExactlyInAnyOrder("announced-by", "resolves-to");
            // a fresh view (a restarted server) makes the same aggregate for the page
            JsonNode last = new GraphView(40, 200).groupPage(store, "by-asn:asn:AS64501", 40, 20);
            assertThat(last.path("nodes").size()).isEqualTo(10);
            assertThat(last.path("next").asInt()).isEqualTo(-1);
            assertThat(view.groupPage(store, "by-nothing:asn:AS64501", 0, 20).path("count").asInt()).isZero();
        }
    }

    @Test
    void pastTheNodeLimitTheServerAggregatesByRegistrantAndOnlyPastIt() {
        try (CaseStore store = largeCase("by-reg", 150)) {
            GraphView view = new GraphView(40, 200);
            JsonNode g = view.graph("by-reg", store, "registrant");
            assertThat(g.path("summary").path("aggregated_by").asText()).isEqualTo("registrant");
            assertThat(g.path("summary").path("folded").asInt()).isEqualTo(150);
            g.path("nodes").forEach(n -> assertThat(n.path("type").asText().equals("domain")
                    ? n.path("seed").asBoolean() : true).isTrue()); // a seed stays drawn
            assertThat(find(g, "domain:seed-example.com")).isNotNull();
            Indicator owner = Indicator.parse("owner2@reg.example");
            JsonNode reg = group(g, "by-registrant:" + owner.key());
            assertThat(reg.path("count").asInt()).isEqualTo(37);
            assertThat(reg.path("rel").asText()).isEqualTo("registrant-email");
            assertThat(reg.path("hub").asText()).isEqualTo(owner.key());
            assertThat(reg.path("type").asText()).isEqualTo("domain");
            JsonNode page = view.groupPage(store, reg.path("id").asText(), 0, 100);
            assertThat(page.path("nodes").size()).isEqualTo(37);
            assertThat(page.path("next").asInt()).isEqualTo(-1);

            // without a grouping asked for, the limit is met as before (addresses by /24 first)
            JsonNode plain = view.graph("by-reg", store);
            assertThat(plain.path("summary").path("aggregated_by").isNull()).isTrue();
            assertThat(plain.path("summary").path("over_limit").asBoolean()).isTrue();
            plain.path("groups").forEach(x -> assertThat(x.path("id").asText()).doesNotStartWith("by-"));
            // under the limit, nothing is aggregated whatever is asked
            JsonNode small = new GraphView(40, 20_000).graph("by-reg", store, "registrant");
            assertThat(small.path("summary").path("over_limit").asBoolean()).isFalse();
            assertThat(small.path("summary").path("aggregated_by").isNull()).isTrue();
            assertThat(small.path("nodes").size()).isEqualTo(308);
            assertThat(small.path("groups").size()).isZero();
        }
    }

    static JsonNode find(JsonNode g, String id) {
        for (JsonNode n : g.path("nodes")) if (n.path("id").asText().equals(id)) return n;
        return null;
    }
}
