package io.infrapivot.source.crtsh;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class CrtShSourceTest extends ServiceTestBase {
    CrtShSourceTest() {
        super(CrtShSource::new, IndicatorType.DOMAIN, "example.com", cut("crtsh/certs.json", 250));
    }

    @Override
    protected String keySetting() {
        return null;
    }

    @Test
    void domainSearchGivesSubdomains() throws Exception {
        enqueue(200, read("crtsh/certs.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).containsExactly("domain:example.com subdomain host:shop.example.com",
                "domain:example.com subdomain host:staging.shop.example.com");
        var req = take();
        assertThat(req.getUrl().queryParameter("q")).isEqualTo("%.example.com");
        assertThat(req.getUrl().queryParameter("output")).isEqualTo("json");
        assertThat(req.getUrl().queryParameter("exclude")).isNull();
    }

    @Test
    void busyAnswersAreRetriedThenAnErrorNeverEmpty() throws Exception {
        enqueue(502, "");
        enqueue(503, read("crtsh/busy.html"));
        var s = settings();
        s.put("retries", "1");
        var r = lookup(sample(), s, cap(10));
        assertError(r, "HTTP 503");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void excludeExpiredSetting() throws Exception {
        enqueue(200, read("crtsh/empty.json"));
        var s = settings();
        s.put("exclude_expired", "true");
        assertThat(lookup(sample(), s, cap(10)).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(take().getUrl().queryParameter("exclude")).isEqualTo("expired");
    }
}
