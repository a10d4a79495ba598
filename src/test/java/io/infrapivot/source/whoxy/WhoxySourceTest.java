package io.infrapivot.source.whoxy;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class WhoxySourceTest extends ServiceTestBase {
    WhoxySourceTest() {
        super(WhoxySource::new, IndicatorType.EMAIL, "owner@example.com", cut("whoxy/reverse.json", 120));
    }

    @Test
    void pagesThroughResultsWithKeyRedacted() throws Exception {
        enqueue(200, read("whoxy/reverse.json"));
        enqueue(200, "{\"status\": 1, \"status_reason\": \"Successful\", \"total_results\": 3, \"total_pages\": 2,"
                + " \"current_page\": 2, \"search_result\": [{\"domain_name\": \"example.org\"}]}");
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(3);
        assertThat(lines(r)).containsExactly("domain:example.com registrant-email email:owner@example.com",
                "domain:example.net registrant-email email:owner@example.com",
                "domain:example.org registrant-email email:owner@example.com");
        var first = take();
        assertThat(first.getUrl().queryParameter("key")).isEqualTo(KEY);
        assertThat(first.getUrl().queryParameter("reverse")).isEqualTo("whois");
        assertThat(first.getUrl().queryParameter("email")).isEqualTo("owner@example.com");
        assertThat(take().getUrl().queryParameter("page")).isEqualTo("2");
        assertThat(r.evidence()).allSatisfy(a -> assertThat(a.request()).contains("key=****"));
    }

    @Test
    void theServicesQuotaHeadersAreShownWithTheResult() throws Exception {
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("X-RateLimit-Limit", "1000").addHeader("X-RateLimit-Remaining", "997")
                .addHeader("X-Unrelated", "nothing to see").body(read("whoxy/reverse.json").replace("\"total_pages\": 2",
                        "\"total_pages\": 1")).build());
        var r = lookup(sample());
        assertThat(r.message()).contains("quota: x-ratelimit-limit=1000, x-ratelimit-remaining=997")
                .doesNotContain("x-unrelated").doesNotContain(KEY);
    }

    @Test
    void companyQueryAndStatusZero() throws Exception {
        enqueue(200, read("whoxy/badkey.json"));
        assertError(lookup(ind(IndicatorType.ORG, "Example Corp")), "Invalid API Key");
        assertThat(take().getUrl().queryParameter("company")).isEqualTo("Example Corp");
        enqueue(200, read("whoxy/balance.json"));
        assertError(lookup(sample()), "quota exceeded", "Insufficient balance");
    }

    @Test
    void domainGivesWhoisHistory() throws Exception {
        enqueue(200, read("whoxy/history.json"));
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("domain:example.com registrant-email email:jo@example.org",
                "domain:example.com name-server host:ns1.oldhost.test");
        var req = take();
        assertThat(req.getUrl().queryParameter("history")).isEqualTo("example.com");
        assertThat(r.evidence().get(0).request()).contains("key=****");
    }
}
