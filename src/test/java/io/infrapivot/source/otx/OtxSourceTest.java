package io.infrapivot.source.otx;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class OtxSourceTest extends ServiceTestBase {
    OtxSourceTest() {
        super(OtxSource::new, IndicatorType.DOMAIN, "example.com", cut("otx/domain.json", 150));
    }

    /** These tests are about passive DNS; the pulses have OtxPulsesTest. */
    @Override
    protected java.util.Map<String, String> settings() {
        var m = super.settings();
        m.put("sections", "passive_dns");
        return m;
    }

    @Test
    void domainPassiveDns() throws Exception {
        enqueue(200, read("otx/domain.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("host:api.example.com resolves-to ip:192.0.2.30",
                "domain:example.com subdomain host:api.example.com", "host:www.example.com alias-of host:alias.example.net");
        assertThat(lines(r)).noneMatch(l -> l.contains("NXDOMAIN") || l.contains("gone.example.com resolves-to"));
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/indicators/domain/example.com/passive_dns");
        assertThat(req.getHeaders().get("X-OTX-API-KEY")).isEqualTo(KEY);
    }

    @Test
    void ipv6AndHostSections() throws Exception {
        enqueue(200, "{\"passive_dns\": [], \"count\": 0}");
        assertThat(lookup(ind(IndicatorType.IP, "2001:db8::1")).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(take().getUrl().encodedPath()).startsWith("/api/v1/indicators/IPv6/");
        enqueue(200, "{\"passive_dns\": [], \"count\": 0}");
        lookup(ind(IndicatorType.HOST, "www.example.com"));
        assertThat(take().getUrl().encodedPath()).startsWith("/api/v1/indicators/hostname/www.example.com");
    }

    @Test
    void authDetailIsAnError() throws Exception {
        enqueue(403, read("otx/noauth.json"));
        assertError(lookup(sample()), "invalid or unauthorised key", "Authentication credentials");
    }
}
