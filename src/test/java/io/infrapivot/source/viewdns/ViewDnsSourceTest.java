package io.infrapivot.source.viewdns;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class ViewDnsSourceTest extends ServiceTestBase {
    ViewDnsSourceTest() {
        super(ViewDnsSource::new, IndicatorType.EMAIL, "owner@example.com", cut("viewdns/reverse.json", 120));
    }

    @Test
    void capReportsTotal() throws Exception {
        enqueue(200, read("viewdns/reverse.json"));
        var r = lookup(sample(), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 2 of 3");
        assertThat(lines(r)).containsExactly("domain:example.com registrant-email email:owner@example.com",
                "domain:example.net registrant-email email:owner@example.com");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/reversewhois/");
        assertThat(req.getUrl().queryParameter("apikey")).isEqualTo(KEY);
        assertThat(req.getUrl().queryParameter("output")).isEqualTo("json");
        assertThat(r.evidence().get(0).request()).contains("apikey=****");
    }

    @Test
    void inBodyErrors() throws Exception {
        enqueue(200, read("viewdns/badkey.json"));
        assertError(lookup(sample()), "invalid or unauthorised key");
        enqueue(200, read("viewdns/quota.json"));
        assertError(lookup(ind(IndicatorType.PERSON, "Jo Example")), "quota exceeded");
        assertThat(take().getUrl().queryParameter("q")).isEqualTo("owner@example.com");
    }
}
