package io.infrapivot.source.robtex;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class RobtexSourceTest extends ServiceTestBase {
    RobtexSourceTest() {
        super(RobtexSource::new, IndicatorType.IP, "192.0.2.1", cut("robtex/reverse.jsonl", 60));
    }

    @Override
    protected String keySetting() {
        return null;
    }

    @Test
    void forwardAndReverse() throws Exception {
        enqueue(200, read("robtex/reverse.jsonl"));
        var r = lookup(sample());
        assertThat(lines(r)).containsExactly("ip:192.0.2.1 co-hosted host:a.example.com",
                "ip:192.0.2.1 co-hosted host:b.example.org");
        assertThat(r.total()).isEqualTo(2);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/pdns/reverse/192.0.2.1");
        enqueue(200, read("robtex/forward.jsonl"));
        var f = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(lines(f)).containsExactly("domain:example.com resolves-to ip:192.0.2.1",
                "domain:example.com name-server host:ns1.example.net");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/pdns/forward/example.com");
    }

    @Test
    void rateLimitedBodyIsAnError() throws Exception {
        enqueue(200, read("robtex/ratelimited.json"));
        var r = lookup(sample());
        assertError(r, "rate limited", "ratelimited");
        assertThat(r.errorClass()).isEqualTo(io.infrapivot.source.ErrorClass.RATE_LIMITED);
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    }
}
