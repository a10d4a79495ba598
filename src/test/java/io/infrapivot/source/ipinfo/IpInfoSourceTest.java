package io.infrapivot.source.ipinfo;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IpInfoSourceTest extends ServiceTestBase {
    IpInfoSourceTest() {
        super(IpInfoSource::new, IndicatorType.IP, "8.8.8.8", cut("ipinfo/ip.json", 80));
    }

    @Test
    void standardAnswerGivesLocationAndAsn() throws Exception {
        enqueue(200, read("ipinfo/ip.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var geo = r.observations().stream().filter(o -> o.relation() == Relation.GEOLOCATION).findFirst().orElseThrow();
        assertThat(geo.value().get("database").asText()).isEqualTo("ipinfo.io");
        assertThat(geo.value().get("city").asText()).isEqualTo("Mountain View");
        assertThat(geo.value().get("region").asText()).isEqualTo("California");
        assertThat(geo.value().get("country").asText()).isEqualTo("US");
        assertThat(geo.value().get("latitude").asDouble()).isEqualTo(37.4056);
        assertThat(geo.value().get("longitude").asDouble()).isEqualTo(-122.0775);
        assertThat(geo.value().has("fetched")).isTrue();
        assertThat(lines(r)).contains("ip:8.8.8.8 announced-by asn:AS15169");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/8.8.8.8");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.evidence().get(0).request()).doesNotContain(KEY);
    }

    @Test
    void liteShapeIsReadToo() throws Exception {
        enqueue(200, read("ipinfo/lite.json"));
        var r = lookup(ind(IndicatorType.IP, "1.1.1.1"));
        var geo = r.observations().stream().filter(o -> o.relation() == Relation.GEOLOCATION).findFirst().orElseThrow();
        assertThat(geo.value().get("country").asText()).isEqualTo("AU");
        assertThat(geo.value().get("country_name").asText()).isEqualTo("Australia");
        var by = r.observations().stream().filter(o -> o.relation() == Relation.ANNOUNCED_BY).findFirst().orElseThrow();
        assertThat(by.value().get("hosting").asText()).isEqualTo("cloudflare cdn");
    }

    @Test
    void bogonIsEmptyWithANote() throws Exception {
        enqueue(200, read("ipinfo/bogon.json"));
        var r = lookup(ind(IndicatorType.IP, "10.1.2.3"));
        assertThat(r.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(r.message()).contains("bogon");
    }

    @Test
    void documentedErrorsAreTyped() throws Exception {
        enqueue(429, read("ipinfo/ratelimit.json"));
        var r = lookup(sample());
        assertError(r, "Rate limit exceeded");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        enqueue(403, read("ipinfo/badtoken.json"));
        var t = lookup(sample());
        assertError(t, "Unknown token");
        assertThat(t.errorClass()).isEqualTo(ErrorClass.AUTH);
    }

    @Test
    void withoutATokenItIsSkipped() throws Exception {
        var s = settings();
        s.remove("key");
        var r = lookup(sample(), s, io.infrapivot.source.RunOptions.defaults());
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isZero();
    }
}
