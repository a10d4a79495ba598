package io.infrapivot.source.spyonweb;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SpyOnWebSourceTest extends ServiceTestBase {
    SpyOnWebSourceTest() {
        super(SpyOnWebSource::new, IndicatorType.ANALYTICS_ID, "UA-34505845-1", cut("spyonweb/truncated.json", -1));
    }

    @Test
    void analyticsPropertyGivesItsDomains() throws Exception {
        enqueue(200, read("spyonweb/analytics.json"));
        var r = lookup(sample());
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/analytics/UA-34505845");
        assertThat(req.getUrl().queryParameter("access_token")).isEqualTo(KEY);
        assertThat(r.evidence().get(0).request()).contains("access_token=****");
        assertThat(lines(r)).containsExactly(
                "domain:short-haircuts.org uses-analytics-id analytics-id:UA-34505845-1",
                "domain:long-haircuts.com uses-analytics-id analytics-id:UA-34505845-1",
                "domain:bronchitis-symptoms.biz uses-analytics-id analytics-id:UA-34505845-1");
        assertThat(r.observations().get(0).lastSeen().toString()).startsWith("2016-04-27");
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).startsWith("truncated at 3 of 5");
    }

    @Test
    void adsense() throws Exception {
        enqueue(200, read("spyonweb/adsense.json"));
        var r = lookup(ind(IndicatorType.ANALYTICS_ID, "ca-pub-5953444431482912"));
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/adsense/pub-5953444431482912");
        assertThat(lines(r)).hasSize(2).allMatch(l -> l.endsWith("analytics-id:ca-pub-5953444431482912"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void notFoundIsEmptyAndErrorsAreTyped() throws Exception {
        enqueue(200, read("spyonweb/notfound.json"));
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        enqueue(401, read("spyonweb/badtoken.json"));
        var r = lookup(sample());
        assertError(r, "Invalid access token");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.AUTH);
        enqueue(200, read("spyonweb/limit.json"));
        r = lookup(sample());
        assertError(r, "Limit exceeded");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.QUOTA);
    }

    @Test
    void otherIdKindsAreNotAsked() throws Exception {
        assertThat(lookup(ind(IndicatorType.ANALYTICS_ID, "GTM-AB12CD3")).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isZero();
    }
}
