package io.infrapivot.source.domaintools;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DomainToolsSourceTest extends ServiceTestBase {
    DomainToolsSourceTest() {
        super(DomainToolsSource::new, IndicatorType.EMAIL, "owner@example.com", cut("domaintools/reverse-whois.json", 80));
    }

    @Override
    protected String keySetting() {
        return "analyst:" + KEY;
    }

    @Test
    void signatureIsHmacSha256OfUserTimestampAndPath() {
        assertThat(DomainToolsSigner.params("analyst", "secret-key", "/v1/reverse-whois/",
                Instant.parse("2026-01-01T00:00:00.123Z")))
                .isEqualTo("api_username=analyst&timestamp=2026-01-01T00%3A00%3A00Z"
                        + "&signature=bfecf6a9ac126d6a0b6c64df20ccdbb26ecacc1f8bd150b8f40c74d46f1233f9");
    }

    @Test
    void reverseWhoisIsSignedAndNeverSendsTheKey() throws Exception {
        enqueue(200, read("domaintools/reverse-whois.json"));
        var r = lookup(sample(), settings(), cap(1));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 1 of 2");
        assertThat(lines(r)).containsExactly("domain:example.com registrant-email email:owner@example.com");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/reverse-whois/");
        assertThat(req.getUrl().queryParameter("terms")).isEqualTo("owner@example.com");
        assertThat(req.getUrl().queryParameter("api_username")).isEqualTo("analyst");
        assertThat(req.getUrl().queryParameter("signature")).hasSize(64);
        assertThat(req.getUrl().toString()).doesNotContain(KEY);
        assertThat(req.getHeaders().toString()).doesNotContain(KEY);
        assertThat(r.evidence().get(0).request()).contains("signature=****");
    }

    @Test
    void errorEnvelopes() throws Exception {
        enqueue(403, read("domaintools/forbidden.json"));
        assertError(lookup(sample()), "Not authorized for product");
        enqueue(200, read("domaintools/quota.json"));
        assertError(lookup(sample()), "rate limited", "exceeded your query limit");
    }

    @Test
    void domainGivesSignedWhoisHistory() throws Exception {
        enqueue(200, read("domaintools/whois-history.json"));
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(2);
        assertThat(lines(r)).contains("domain:example.com registrar org:OLD REGISTRAR LLC",
                "domain:example.com registrant-name person:Example Holdings");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/example.com/whois/history");
        assertThat(req.getUrl().queryParameter("signature")).hasSize(64);
    }

    @Test
    void irisInvestigateAnnotatesPivotCounts() throws Exception {
        enqueue(200, read("domaintools/whois-history.json"));
        enqueue(200, read("domaintools/iris.json"));
        var s = settings();
        s.put("iris", "true");
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"), s, cap(10));
        assertThat(lines(r)).contains("domain:example.com resolves-to ip:192.0.2.90",
                "domain:example.com mail-server host:mx1.example.net",
                "domain:example.com uses-analytics-id analytics-id:UA-1234567-1",
                "cert:0123456789abcdef0123456789abcdef01234567 cert-name domain:example.com",
                "domain:example.com registrant-email email:jo@example.org",
                "domain:example.com registrar org:Example Registrar, Inc.");
        var ip = r.observations().stream().filter(o -> o.relation() == Relation.RESOLVES_TO).findFirst().orElseThrow();
        assertThat(ip.value().get("pivot_count").asLong()).isEqualTo(120);
        take();
        var iris = take();
        assertThat(iris.getUrl().encodedPath()).isEqualTo("/v1/iris-investigate/");
        assertThat(iris.getUrl().queryParameter("domain")).isEqualTo("example.com");
        assertThat(iris.getUrl().queryParameter("signature")).hasSize(64);
    }

    /** An Iris Investigate answer: one profile per domain, {@code extra} JSON fields added to each. */
    static String irisPage(boolean more, String position, long total, String... domainsAndExtras) {
        StringBuilder b = new StringBuilder("{\"response\": {\"limit_exceeded\": false, \"has_more_results\": ")
                .append(more).append(", \"position\": ").append(position == null ? "null" : "\"" + position + "\"")
                .append(", \"results_count\": ").append(domainsAndExtras.length / 2).append(", \"total_count\": ")
                .append(total).append(", \"results\": [");
        for (int i = 0; i < domainsAndExtras.length; i += 2) {
            if (i > 0) b.append(',');
            b.append("{\"domain\": \"").append(domainsAndExtras[i]).append("\", \"active\": true")
                    .append(domainsAndExtras[i + 1].isEmpty() ? "" : ", " + domainsAndExtras[i + 1]).append('}');
        }
        return b.append("]}}").toString();
    }

    java.util.Map<String, String> iris() {
        var s = settings();
        s.put("iris", "true");
        return s;
    }

    @Test
    void irisSearchesFromAnIpPageByPositionAndLinksEveryDomain() throws Exception {
        String ip = "\"ip\": [{\"address\": {\"value\": \"192.0.2.90\", \"count\": 3}}]";
        enqueue(200, irisPage(true, "U2FsdGVk-page2", 3, "actor-one.com", ip, "actor-two.com", ip));
        enqueue(200, irisPage(false, null, 3, "actor-three.com", ip));
        var r = lookup(ind(IndicatorType.IP, "192.0.2.90"), iris(), cap(100));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(3);
        assertThat(lines(r)).contains("domain:actor-one.com resolves-to ip:192.0.2.90",
                "domain:actor-two.com resolves-to ip:192.0.2.90", "domain:actor-three.com resolves-to ip:192.0.2.90");
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/iris-investigate/");
        assertThat(first.getUrl().queryParameter("ip")).isEqualTo("192.0.2.90");
        assertThat(first.getUrl().queryParameter("position")).isNull();
        assertThat(first.getUrl().queryParameter("signature")).hasSize(64);
        assertThat(take().getUrl().queryParameter("position")).isEqualTo("U2FsdGVk-page2");
    }

    @Test
    void irisSearchStopsAtTheCapAndSaysTruncated() throws Exception {
        enqueue(200, irisPage(true, "next", 5000, "a1.com", "", "a2.com", "", "a3.com", ""));
        var r = lookup(ind(IndicatorType.ANALYTICS_ID, "G-ABC123XYZ"), iris(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).startsWith("truncated at 2 of 5000");
        assertThat(lines(r)).filteredOn(l -> l.contains(" uses-analytics-id ")).containsExactlyInAnyOrder(
                "domain:a1.com uses-analytics-id analytics-id:G-ABC123XYZ",
                "domain:a2.com uses-analytics-id analytics-id:G-ABC123XYZ");
        assertThat(take().getUrl().queryParameter("google_analytics_4")).isEqualTo("G-ABC123XYZ");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void irisEmailSearchSaysWhichContactNamedIt() throws Exception {
        enqueue(200, irisPage(false, null, 2,
                "reg.com", "\"registrant_contact\": {\"email\": [{\"value\": \"ops@actor.example\", \"count\": 2}]}",
                "soa-only.com", ""));
        var r = lookup(ind(IndicatorType.EMAIL, "ops@actor.example"), iris(), cap(100));
        assertThat(lines(r)).contains("domain:reg.com registrant-email email:ops@actor.example",
                "domain:soa-only.com related email:ops@actor.example")
                .doesNotContain("domain:reg.com related email:ops@actor.example");
        var req = take();
        assertThat(req.getUrl().queryParameter("email")).isEqualTo("ops@actor.example");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/iris-investigate/");
    }

    @Test
    void certificatesAreSearchedBySha1AndOtherTypesNeedIris() throws Exception {
        enqueue(200, irisPage(false, null, 1, "on-cert.com", ""));
        String sha1 = "0123456789abcdef0123456789abcdef01234567";
        var r = lookup(ind(IndicatorType.CERT, sha1), iris(), cap(100));
        assertThat(lines(r)).contains("cert:" + sha1 + " cert-name domain:on-cert.com");
        assertThat(take().getUrl().queryParameter("ssl_hash")).isEqualTo(sha1);
        // without iris = true an IP is not something DomainTools is asked about
        var skipped = lookup(ind(IndicatorType.IP, "192.0.2.90"), settings(), cap(100));
        assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(skipped.message()).contains("only with iris = true");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
