package io.infrapivot.source.ripestat;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RipeStatSourceTest extends ServiceTestBase {
    RipeStatSourceTest() {
        super(RipeStatSource::new, IndicatorType.IP, "193.0.6.139", cut("ripestat/network-info.json", 120));
    }

    @Override
    protected String keySetting() {
        return null;
    }

    @Test
    void ipGivesPrefixOriginHolderAndHistory() throws Exception {
        enqueue(200, read("ripestat/network-info.json"));
        enqueue(200, read("ripestat/prefix-overview.json"));
        enqueue(200, read("ripestat/routing-history.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("ip:193.0.6.139 in-netblock cidr:193.0.0.0/21");
        Observation by = r.observations().stream().filter(o -> o.relation() == Relation.ANNOUNCED_BY
                && o.subject().value().equals("193.0.6.139")).findFirst().orElseThrow();
        assertThat(by.object().value()).isEqualToIgnoringCase("AS3333");
        assertThat(by.value().get("as_name").asText()).startsWith("RIPE-NCC-AS");
        // the routing history: AS64500 until mid-2009, then AS3333 — the move, dated
        Observation old = history(r, "64500");
        assertThat(old.firstSeen()).isEqualTo(Instant.parse("2004-03-01T00:00:00Z"));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2009-06-30T16:00:00Z"));
        Observation now = history(r, "3333");
        assertThat(now.firstSeen()).isEqualTo(Instant.parse("2009-07-01T00:00:00Z"));
        assertThat(now.lastSeen()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        // an AS set origin is not one origin: left out
        assertThat(lines(r)).noneMatch(l -> l.contains("193.0.0.0/22"));
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/data/network-info/data.json");
        assertThat(first.getUrl().queryParameter("resource")).isEqualTo("193.0.6.139");
        assertThat(first.getUrl().queryParameter("sourceapp")).isEqualTo("infrapivot");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/data/prefix-overview/data.json");
        var third = take();
        assertThat(third.getUrl().encodedPath()).isEqualTo("/data/routing-history/data.json");
        assertThat(third.getUrl().queryParameter("resource")).isEqualTo("193.0.0.0/21");
    }

    private static Observation history(io.infrapivot.source.LookupResult r, String asn) {
        return r.observations().stream().filter(o -> o.relation() == Relation.ANNOUNCED_BY
                && o.subject().type() == IndicatorType.CIDR && o.object().value().equalsIgnoreCase("AS" + asn))
                .findFirst().orElseThrow();
    }

    @Test
    void unroutedAddressIsEmpty() throws Exception {
        enqueue(200, read("ripestat/network-info-unrouted.json"));
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aFailingSideCallIsNotedAndTheRestKept() throws Exception {
        enqueue(200, read("ripestat/network-info.json"));
        enqueue(500, "{}");
        enqueue(200, read("ripestat/routing-history.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).contains("prefix-overview").contains("500");
        assertThat(lines(r)).contains("ip:193.0.6.139 in-netblock cidr:193.0.0.0/21");
    }

    @Test
    void asnGivesHolderAndMarkedPrefixesOfABigCloud() throws Exception {
        enqueue(200, read("ripestat/as-overview.json"));
        enqueue(200, read("ripestat/announced-prefixes.json"));
        var r = lookup(ind(IndicatorType.ASN, "AS16509"), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).contains("truncated at 2 of 3").contains("amazon");
        assertThat(lines(r)).anyMatch(l -> l.equals("asn:AS16509 network-owner org:Amazon.com, Inc."));
        var prefixes = r.observations().stream().filter(o -> o.relation() == Relation.ANNOUNCED_BY).toList();
        assertThat(prefixes).hasSize(2).allSatisfy(o -> {
            assertThat(o.subject().type()).isEqualTo(IndicatorType.CIDR);
            assertThat(o.value().get("hosting").asText()).isEqualTo("amazon cloud");
        });
        Observation v6 = prefixes.stream().filter(o -> o.subject().value().startsWith("2600")).findFirst().orElseThrow();
        assertThat(v6.firstSeen()).isEqualTo(Instant.parse("2026-11-17T08:00:00Z"));
        assertThat(v6.lastSeen()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(take().getUrl().queryParameter("resource")).isEqualTo("AS16509");
    }

    @Test
    void prefixLookupUsesOverviewAndHistory() throws Exception {
        enqueue(200, read("ripestat/prefix-overview.json"));
        enqueue(200, read("ripestat/routing-history.json"));
        var r = lookup(ind(IndicatorType.CIDR, "193.0.0.0/21"));
        assertThat(lines(r)).anyMatch(l -> l.startsWith("cidr:193.0.0.0/21 announced-by asn:")
                && l.toLowerCase().contains("as3333"));
        assertThat(r.observations()).allSatisfy(o -> assertThat(o.value().has("hosting")).isFalse());
    }

    @Test
    void inBodyErrorsAreTyped() throws Exception {
        enqueue(200, read("ripestat/error-ratelimit.json"));
        var r = lookup(sample());
        assertError(r, "429", "Too many concurrent requests");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        enqueue(400, read("ripestat/error-resource.json"));
        enqueue(200, read("ripestat/error-resource.json"));
        var bad = lookup(ind(IndicatorType.ASN, "AS64496"));
        assertThat(bad.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(bad.errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(bad.message()).contains("not a valid AS number").contains("400");
    }

    @Test
    void malformedJsonAndMissingDataAreGarbage() throws Exception {
        enqueue(200, "{\"status\":\"ok\",\"status_code\":200}");
        var r = lookup(sample());
        assertThat(r.errorClass()).isEqualTo(ErrorClass.GARBAGE);
        assertThat(r.message()).contains("without data");
    }
}
