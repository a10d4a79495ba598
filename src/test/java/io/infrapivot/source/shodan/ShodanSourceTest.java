package io.infrapivot.source.shodan;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShodanSourceTest extends ServiceTestBase {
    ShodanSourceTest() {
        super(ShodanSource::new, IndicatorType.IP, "192.0.2.1", cut("shodan/truncated.json", -1));
    }

    @Test
    void hostLookup() throws Exception {
        enqueue(200, read("shodan/host.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/shodan/host/192.0.2.1");
        assertThat(req.getUrl().queryParameter("key")).isEqualTo(KEY);
        assertThat(r.evidence().get(0).request()).contains("key=****");
        assertThat(lines(r)).contains("ip:192.0.2.1 co-hosted host:mail.records.test",
                "ip:192.0.2.1 co-hosted domain:records.test", "ip:192.0.2.1 announced-by asn:AS64500");
        var scan = r.observations().stream().filter(o -> o.relation() == Relation.SCAN).findFirst().orElseThrow();
        assertThat(scan.value().get("ports").toString()).isEqualTo("[443,80,22]");
        assertThat(scan.value().get("vulns").toString()).contains("CVE-2023-44487");
        assertThat(scan.value().get("org").asText()).isEqualTo("Example Hosting");
        assertThat(scan.lastSeen()).isNotNull();
        assertThat(scan.lastSeen().toString()).startsWith("2026-05-20T08:11:42");
    }

    @Test
    void unknownHostIsEmpty() throws Exception {
        enqueue(404, read("shodan/noinfo.json"));
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void invalidKeyAndCreditsAreTyped() throws Exception {
        enqueue(401, read("shodan/invalid-key.json"));
        var r = lookup(sample());
        assertError(r, "Invalid API key");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.AUTH);
        enqueue(402, read("shodan/credits.json"));
        r = lookup(ind(IndicatorType.HASH, "mmh3:-247388890"));
        assertError(r, "Insufficient query credits");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.QUOTA);
        enqueue(403, read("shodan/denied.json"));
        assertThat(lookup(sample()).errorClass()).isEqualTo(ErrorClass.AUTH);
    }

    @Test
    void errorInA200BodyIsAnError() throws Exception {
        enqueue(200, read("shodan/credits.json"));
        assertThat(lookup(ind(IndicatorType.HASH, "mmh3:-247388890")).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }

    @Test
    void faviconSearchPagesUpToTheTotal() throws Exception {
        enqueue(200, read("shodan/search-page1.json"));
        enqueue(200, read("shodan/search-page2.json"));
        var r = lookup(ind(IndicatorType.HASH, "mmh3:-247388890"));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/shodan/host/search");
        assertThat(first.getUrl().queryParameter("query")).isEqualTo("http.favicon.hash:-247388890");
        assertThat(first.getUrl().queryParameter("page")).isEqualTo("1");
        assertThat(take().getUrl().queryParameter("page")).isEqualTo("2");
        assertThat(r.observations().stream().filter(o -> o.relation() == Relation.FAVICON_HASH)).hasSize(130);
        assertThat(lines(r)).contains("ip:198.51.100.130 favicon-hash hash:mmh3:-247388890",
                "ip:198.51.100.2 co-hosted host:h2.fav-sites.test");
    }

    @Test
    void resultCapStopsPagingAndSaysTruncated() throws Exception {
        enqueue(200, read("shodan/search-page1.json"));
        var r = lookup(ind(IndicatorType.HASH, "mmh3:-247388890"), settings(), cap(40));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).startsWith("truncated at 40 of 130");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void fileHashesAreNotSearched() throws Exception {
        var r = lookup(ind(IndicatorType.HASH, "d41d8cd98f00b204e9800998ecf8427e"));
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isZero();
    }
}
