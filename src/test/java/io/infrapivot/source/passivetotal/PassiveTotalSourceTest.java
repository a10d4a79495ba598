package io.infrapivot.source.passivetotal;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PassiveTotalSourceTest extends ServiceTestBase {
    PassiveTotalSourceTest() {
        super(PassiveTotalSource::new, IndicatorType.DOMAIN, "example.com", cut("passivetotal/passive.json", 200));
    }

    @Override
    protected String keySetting() {
        return "analyst@example.org:" + KEY;
    }

    @Test
    void passiveDnsWithBasicAuth() throws Exception {
        enqueue(200, read("passivetotal/passive.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("domain:example.com resolves-to ip:192.0.2.70",
                "domain:example.com name-server host:ns1.example.net");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v2/dns/passive");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("analyst@example.org:" + KEY).getBytes()));
    }

    @Test
    void whoisSearchByEmail() throws Exception {
        enqueue(200, read("passivetotal/whois-search.json"));
        var r = lookup(ind(IndicatorType.EMAIL, "owner@example.com"));
        assertThat(lines(r)).containsExactly("domain:example.com registrant-email email:owner@example.com",
                "domain:example.net registrant-email email:owner@example.com");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v2/whois/search");
        assertThat(req.getUrl().queryParameter("field")).isEqualTo("email");
    }

    @Test
    void errors() throws Exception {
        enqueue(401, read("passivetotal/badkey.json"));
        assertError(lookup(sample()), "Invalid credentials");
        enqueue(402, read("passivetotal/quota.json"));
        assertError(lookup(sample()), "quota exceeded", "Quota has been exceeded");
    }
}
