package io.infrapivot.source.securitytrails;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityTrailsSourceTest extends ServiceTestBase {
    SecurityTrailsSourceTest() {
        super(SecurityTrailsSource::new, IndicatorType.HOST, "www.example.com", cut("securitytrails/history-a.json", 100));
    }

    @Test
    void historyPagesThenSubdomains() throws Exception {
        enqueue(200, read("securitytrails/history-a.json"));
        enqueue(200, read("securitytrails/history-a.json").replace("\"page\": 1", "\"page\": 2"));
        enqueue(200, read("securitytrails/subdomains.json"));
        enqueue(200, read("securitytrails/whois-history.json"));
        enqueue(200, "{\"record_count\": 2, \"meta\": {\"page\": 1, \"total_pages\": 1, \"max_page\": 100},"
                + " \"records\": [{\"hostname\": \"example-sister.net\", \"whois\": {\"createdDate\": 1262304000000}},"
                + " {\"hostname\": \"example.com\"}]}");
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("domain:example.com registrant-email email:jo@example.org",
                "domain:example.com registrar org:Old Registrar LLC");
        assertThat(r.observations()).filteredOn(o -> o.relation() == Relation.REGISTRATION).singleElement()
                .satisfies(o -> assertThat(o.firstSeen()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z")));
        assertThat(lines(r)).contains("domain:example.com resolves-to ip:192.0.2.60",
                "domain:example.com resolves-to ip:198.51.100.7", "domain:example.com subdomain host:dev.api.example.com",
                "domain:example.com related domain:example-sister.net");
        assertThat(lines(r)).as("the domain itself is no associate").doesNotContain("domain:example.com related domain:example.com");
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/history/example.com/dns/a");
        assertThat(first.getHeaders().get("APIKEY")).isEqualTo(KEY);
        assertThat(take().getUrl().queryParameter("page")).isEqualTo("2");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/domain/example.com/subdomains");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/history/example.com/whois");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/domain/example.com/associated");
    }

    @Test
    void associatedDomainsAreRelatedAndTheirFailureCostsOnlyThemselves() throws Exception {
        enqueue(200, "{\"records\": [], \"meta\": {\"page\": 1, \"total_pages\": 1}}");
        enqueue(200, read("securitytrails/subdomains.json"));
        enqueue(200, read("securitytrails/whois-history.json"));
        enqueue(403, "{\"message\": \"You've exceeded the usage limits for your account.\"}");
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(r.outcome()).isNotEqualTo(io.infrapivot.source.Outcome.ERROR);
        assertThat(r.message()).contains("associated domains not fetched");
        for (int i = 0; i < 3; i++) take();
        assertThat(take().getUrl().encodedPath()).isEqualTo("/domain/example.com/associated");
    }

    @Test
    void capStopsHistoryPaging() throws Exception {
        enqueue(200, read("securitytrails/history-a.json"));
        var r = lookup(sample(), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void messagesAreErrors() throws Exception {
        enqueue(403, read("securitytrails/badkey.json"));
        assertError(lookup(sample()), "Invalid authentication credentials");
        enqueue(429, read("securitytrails/quota.json"));
        assertError(lookup(sample()), "quota exceeded");
    }

    @Test
    void registrantEmailSearchIsAPostWithTheTotal() throws Exception {
        enqueue(200, read("securitytrails/domains-list.json"));
        var r = lookup(ind(IndicatorType.EMAIL, "owner@example.com"), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 2 of 57");
        assertThat(lines(r)).containsExactly("domain:example.com registrant-email email:owner@example.com",
                "domain:example.org registrant-email email:owner@example.com");
        var req = take();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/domains/list");
        assertThat(req.getBody().utf8()).isEqualTo("{\"filter\":{\"whois_email\":\"owner@example.com\"}}");
        assertThat(req.getHeaders().get("APIKEY")).isEqualTo(KEY);
    }

    @Test
    void namesOnAnIpAreCoHosted() throws Exception {
        enqueue(200, read("securitytrails/domains-list.json").replace("\"page\": 1", "\"page\": 29"));
        var r = lookup(ind(IndicatorType.IP, "192.0.2.60"));
        assertThat(lines(r)).containsExactly("ip:192.0.2.60 co-hosted domain:example.com",
                "ip:192.0.2.60 co-hosted domain:example.org");
        assertThat(r.total()).isEqualTo(57);
        assertThat(take().getBody().utf8()).contains("\"ipv4\":\"192.0.2.60\"");
        enqueue(429, read("securitytrails/quota.json"));
        assertError(lookup(ind(IndicatorType.IP, "192.0.2.60")), "quota exceeded");
    }
}
