package io.infrapivot.source.hackertarget;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class HackerTargetSourceTest extends ServiceTestBase {
    HackerTargetSourceTest() {
        super(HackerTargetSource::new, IndicatorType.IP, "192.0.2.40", cut("hackertarget/truncated.txt", -1));
    }

    @Test
    void reverseIpWithKeyRedactedInEvidence() throws Exception {
        enqueueText(200, read("hackertarget/reverseip.txt"));
        var r = lookup(sample(), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 2 of 3");
        assertThat(lines(r)).containsExactly("ip:192.0.2.40 co-hosted host:a.example.com",
                "ip:192.0.2.40 co-hosted host:b.example.org");
        var req = take();
        assertThat(req.getUrl().queryParameter("apikey")).isEqualTo(KEY);
        assertThat(r.evidence().get(0).request()).contains("apikey=****").contains("/reverseiplookup/?q=192.0.2.40");
    }

    @Test
    void hostSearch() throws Exception {
        enqueueText(200, read("hackertarget/hostsearch.txt"));
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(lines(r)).contains("host:www.example.com resolves-to ip:192.0.2.40",
                "domain:example.com subdomain host:mail.example.com");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/hostsearch/");
    }

    @Test
    void quotaAndParameterTextsAreErrorsNotEmpty() throws Exception {
        enqueueText(200, read("hackertarget/quota.txt"));
        assertError(lookup(sample()), "quota exceeded", "API count exceeded");
        enqueueText(200, read("hackertarget/badparam.txt"));
        assertError(lookup(sample()), "error check your search parameter");
        enqueueText(200, read("hackertarget/none.txt"));
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void analyticsLookupGivesTheSitesCarryingTheId() throws Exception {
        enqueueText(200, read("hackertarget/analytics.txt"));
        var r = lookup(ind(IndicatorType.ANALYTICS_ID, "UA-12345678-2"));
        assertThat(lines(r)).containsExactly("domain:records.test uses-analytics-id analytics-id:UA-12345678-2",
                "host:shop.records-partner.test uses-analytics-id analytics-id:UA-12345678-2",
                "host:www.example-mirror.test uses-analytics-id analytics-id:UA-12345678-2");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/analyticslookup/");
        assertThat(req.getUrl().queryParameter("q")).isEqualTo("UA-12345678-2");
        enqueueText(200, read("hackertarget/analytics.txt"));
        lookup(ind(IndicatorType.ANALYTICS_ID, "ca-pub-1234567890123456"));
        assertThat(take().getUrl().queryParameter("q")).isEqualTo("pub-1234567890123456");
        enqueueText(200, read("hackertarget/quota.txt"));
        assertError(lookup(ind(IndicatorType.ANALYTICS_ID, "GTM-AB12CD3")), "quota exceeded");
    }

    @Test
    void analyticsIdsOfOtherServicesAreNotAsked() throws Exception {
        var r = lookup(ind(IndicatorType.ANALYTICS_ID, "yandex:87654321"));
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isZero();
    }
}
