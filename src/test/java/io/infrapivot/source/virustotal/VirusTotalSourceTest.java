package io.infrapivot.source.virustotal;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class VirusTotalSourceTest extends ServiceTestBase {
    VirusTotalSourceTest() {
        super(VirusTotalSource::new, IndicatorType.IP, "192.0.2.50", cut("virustotal/resolutions-page1.json", 300));
    }

    /** These tests are about the name relationships; the reports and file relationships have VirusTotalReportsTest. */
    @Override
    protected java.util.Map<String, String> settings() {
        var m = super.settings();
        m.put("relationships", "resolutions,subdomains,siblings,historical_whois");
        return m;
    }

    @Test
    void domainResolutionsFollowTheCursorOnTheConfiguredHostThenSubdomains() throws Exception {
        enqueue(200, read("virustotal/resolutions-page1.json"));
        enqueue(200, read("virustotal/resolutions-page2.json"));
        enqueue(200, read("virustotal/subdomains.json"));
        var s = settings();
        s.put("relationships", "resolutions,subdomains");
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"), s, cap(100));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).containsExactly("domain:example.com resolves-to ip:192.0.2.50",
                "domain:example.com resolves-to ip:2001:db8::50", "domain:example.com resolves-to ip:192.0.2.51",
                "domain:example.com subdomain host:www.example.com", "domain:example.com subdomain host:mail.example.com");
        assertThat(r.total()).isEqualTo(5);
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/domains/example.com/resolutions");
        assertThat(first.getHeaders().get("x-apikey")).isEqualTo(KEY);
        var second = take();
        assertThat(second.getUrl().host()).isEqualTo(server.getHostName());
        assertThat(second.getUrl().queryParameter("cursor")).isEqualTo("STEwCi4uLg==");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/domains/example.com/subdomains");
    }

    @Test
    void capTruncatesWithTheServiceCount() throws Exception {
        enqueue(200, read("virustotal/resolutions-page1.json"));
        var r = lookup(sample(), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 2 of 3");
        assertThat(lines(r)).containsExactly("ip:192.0.2.50 co-hosted domain:example.com",
                "ip:2001:db8::50 co-hosted domain:example.com");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/ip_addresses/192.0.2.50/resolutions");
    }

    @Test
    void siblingsOfAHostAreSubdomainsOfItsParent() throws Exception {
        enqueue(200, "{\"data\": [], \"meta\": {\"count\": 0}, \"links\": {}}");
        enqueue(200, read("virustotal/subdomains.json"));
        var r = lookup(ind(IndicatorType.HOST, "api.example.com"));
        assertThat(lines(r)).containsExactly("domain:example.com subdomain host:www.example.com",
                "domain:example.com subdomain host:mail.example.com");
    }

    @Test
    void jsonErrorsExplainStatuses() throws Exception {
        enqueue(401, read("virustotal/wrongkey.json"));
        assertError(lookup(sample()), "WrongCredentialsError", "HTTP 401");
        enqueue(429, read("virustotal/quota.json"));
        assertError(lookup(sample()), "quota exceeded");
        enqueue(404, read("virustotal/notfound.json"));
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void aSpentKeyHandsTheLookupToTheNextKey() throws Exception {
        enqueue(429, read("virustotal/quota.json"));
        enqueue(200, read("virustotal/resolutions-page2.json"));
        var s = settings();
        s.put("key", KEY + ", " + KEY + "-two");
        var r = lookup(sample(), s, cap(10));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED); // page 2 of the fixture: 1 of 3
        assertThat(lines(r)).containsExactly("ip:192.0.2.51 co-hosted domain:example.com");
        assertThat(take().getHeaders().get("x-apikey")).isEqualTo(KEY);
        assertThat(take().getHeaders().get("x-apikey")).isEqualTo(KEY + "-two");
        assertThat(r.evidence()).hasSize(2);
        enqueue(429, read("virustotal/quota.json"));
        enqueue(429, read("virustotal/quota.json"));
        assertError(lookup(sample(), s, cap(10)), "quota exceeded", "all 2 keys tried");
    }
}
