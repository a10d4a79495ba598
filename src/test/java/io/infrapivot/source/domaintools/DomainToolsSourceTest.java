package io.infrapivot.source.domaintools;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
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
        assertError(lookup(sample()), "quota exceeded");
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
}
