package io.infrapivot.source.peeringdb;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PeeringDbSourceTest extends ServiceTestBase {
    PeeringDbSourceTest() {
        super(PeeringDbSource::new, IndicatorType.ASN, "AS13335", cut("peeringdb/net.json", 90));
    }

    @Test
    void asnGivesItsOrganisationWithDates() throws Exception {
        enqueue(200, read("peeringdb/net.json"));
        enqueue(200, read("peeringdb/org.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).containsExactly("asn:AS13335 network-owner org:Cloudflare, Inc.");
        var o = r.observations().get(0);
        assertThat(o.value().get("irr_as_set").asText()).isEqualTo("AS13335:AS-CLOUDFLARE");
        assertThat(o.value().get("country").asText()).isEqualTo("US");
        assertThat(o.value().get("type").asText()).isEqualTo("Content");
        assertThat(o.firstSeen()).isEqualTo(Instant.parse("2011-09-06T21:01:40Z"));
        assertThat(o.lastSeen()).isEqualTo(Instant.parse("2026-10-01T12:00:00Z"));
        var net = take();
        assertThat(net.getUrl().encodedPath()).isEqualTo("/api/net");
        assertThat(net.getUrl().queryParameter("asn")).isEqualTo("13335");
        assertThat(net.getHeaders().get("Authorization")).isEqualTo("Api-Key " + KEY);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/api/org/4715");
    }

    @Test
    void unknownAsnIsEmpty() throws Exception {
        enqueue(200, read("peeringdb/empty.json"));
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void aMissingOrganisationLeavesTheNetworkName() throws Exception {
        enqueue(200, read("peeringdb/net.json"));
        enqueue(404, read("peeringdb/notfound.json"));
        var r = lookup(sample());
        assertThat(lines(r)).containsExactly("asn:AS13335 network-owner org:Cloudflare");
        assertThat(r.message()).contains("Entity not found");
    }

    @Test
    void throttledIsRateLimited() throws Exception {
        enqueue(429, read("peeringdb/throttled.json"));
        var r = lookup(sample());
        assertError(r, "throttled");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() throws Exception {
        enqueue(200, read("peeringdb/empty.json"));
        var s = settings();
        s.remove("key");
        lookup(sample(), s, io.infrapivot.source.RunOptions.defaults());
        assertThat(take().getHeaders().get("Authorization")).isNull();
    }
}
