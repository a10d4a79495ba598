package io.infrapivot.source.whoisxml;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class WhoisXmlSourceTest extends ServiceTestBase {
    WhoisXmlSourceTest() {
        super(WhoisXmlSource::new, IndicatorType.DOMAIN, "example.com", cut("whoisxml/history.json", 300));
    }

    @Test
    void historyVersionsWithKeyRedacted() throws Exception {
        enqueue(200, read("whoisxml/history.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.observations()).filteredOn(o -> o.relation() == Relation.REGISTRATION).hasSize(2);
        assertThat(lines(r)).contains("domain:example.com registrant-email email:jo@example.org",
                "domain:example.com name-server host:ns1.oldhost.test");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1");
        assertThat(req.getUrl().queryParameter("apiKey")).isEqualTo(KEY);
        assertThat(req.getUrl().queryParameter("domainName")).isEqualTo("example.com");
        assertThat(r.evidence().get(0).request()).contains("apiKey=****");
    }

    @Test
    void inBodyRefusals() throws Exception {
        enqueue(200, read("whoisxml/restricted.json"));
        assertError(lookup(sample()), "quota exceeded", "Check credits balance");
        enqueue(200, read("whoisxml/badkey.json"));
        assertError(lookup(sample()), "invalid or unauthorised key");
    }

    @Test
    void reverseWhoisPostsAdvancedSearchAndPagesWithSearchAfter() throws Exception {
        enqueue(200, read("whoisxml/reverse.json"));
        enqueue(200, read("whoisxml/reverse-audit.json"));
        var s = settings();
        s.put("reverse_url", s.get("url"));
        var r = lookup(ind(IndicatorType.EMAIL, "owner@example.com"), s, cap(10));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(3);
        assertThat(lines(r)).containsExactly("domain:example.com registrant-email email:owner@example.com",
                "domain:example.net registrant-email email:owner@example.com",
                "domain:example.org registrant-email email:owner@example.com");
        var first = take();
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v2");
        assertThat(first.getHeaders().get("X-Authentication-Token")).isEqualTo(KEY);
        var body = new ObjectMapper().readTree(first.getBody().utf8());
        assertThat(body.at("/advancedSearchTerms/0/field").asText()).isEqualTo("Email");
        assertThat(body.at("/advancedSearchTerms/0/term").asText()).isEqualTo("owner@example.com");
        assertThat(first.getBody().utf8()).doesNotContain(KEY);
        assertThat(new ObjectMapper().readTree(take().getBody().utf8()).get("searchAfter").asText())
                .isEqualTo("example.org");
        assertThat(r.evidence().get(0).request()).startsWith("POST ").contains("advancedSearchTerms");
    }

    @Test
    void reverseWhoisErrorsAndCap() throws Exception {
        var s = settings();
        s.put("reverse_url", s.get("url"));
        enqueue(403, read("whoisxml/restricted.json"));
        assertError(lookup(ind(IndicatorType.ORG, "Example Holdings"), s, cap(10)), "Check credits balance");
        enqueue(200, read("whoisxml/reverse.json"));
        var r = lookup(ind(IndicatorType.EMAIL, "owner@example.com"), s, cap(1));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 1 of 3");
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html><title>Gateway</title></html>").build());
        assertError(lookup(ind(IndicatorType.EMAIL, "owner@example.com"), s, cap(1)), "HTML");
    }

    @Test
    void reverseWhoisPostIsCutAtTheCapAndTimesOut() throws Exception {
        var s = settings();
        s.put("reverse_url", s.get("url"));
        okio.Buffer big = new okio.Buffer();
        byte[] chunk = "x".repeat(1 << 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        while (big.size() < 50L << 20) big.write(chunk);
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body(big).build());
        var r = lookup(ind(IndicatorType.EMAIL, "owner@example.com"), s, cap(10));
        assertError(r, "cut at the cap");
        assertThat(r.evidence().get(0).response().length).isLessThanOrEqualTo(8 << 20);
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body("{" + " ".repeat(64) + "}")
                .throttleBody(1, 5, java.util.concurrent.TimeUnit.SECONDS).build());
        assertError(lookup(ind(IndicatorType.EMAIL, "owner@example.com"), s, cap(10)), "timed out");
    }
}
