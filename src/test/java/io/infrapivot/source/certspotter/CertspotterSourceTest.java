package io.infrapivot.source.certspotter;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class CertspotterSourceTest extends ServiceTestBase {
    CertspotterSourceTest() {
        super(CertspotterSource::new, IndicatorType.DOMAIN, "example.com", cut("certspotter/issuances.json", 220));
    }

    @Test
    void pagesWithAfterUntilEmpty() throws Exception {
        enqueue(200, read("certspotter/issuances.json"));
        enqueue(200, "[]");
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains(
                "cert:b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2 cert-name domain:example.com",
                "domain:example.com subdomain host:api.example.com");
        var first = take();
        assertThat(first.getUrl().queryParameter("include_subdomains")).isEqualTo("true");
        assertThat(first.getUrl().queryParameterValues("expand")).containsExactly("dns_names", "issuer");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(take().getUrl().queryParameter("after")).isEqualTo("1000002");
    }

    @Test
    void capStopsPaging() throws Exception {
        enqueue(200, read("certspotter/issuances.json"));
        var r = lookup(sample(), settings(), cap(1));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(lines(r)).noneMatch(l -> l.contains("api.example.com"));
    }

    @Test
    void errorCodes() throws Exception {
        enqueue(429, read("certspotter/ratelimited.json"));
        assertError(lookup(sample()), "rate limited", "rate_limited");
        enqueue(401, read("certspotter/unauthorized.json"));
        assertError(lookup(sample()), "unauthorized", "HTTP 401");
    }
}
