package io.infrapivot.source.circl;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CirclSourceTest extends ServiceTestBase {
    CirclSourceTest() {
        super(CirclSource::new, IndicatorType.IP, "192.0.2.10", cut("circl/truncated.cof", -1));
    }

    @Override
    protected String keySetting() {
        return "analyst:" + KEY;
    }

    @Test
    void forwardLookupSendsBasicAuthAndMapsRecords() throws Exception {
        enqueue(200, read("circl/forward.cof"));
        var r = lookup(ind(IndicatorType.DOMAIN, "example.org"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("host:www.example.org resolves-to ip:192.0.2.10",
                "domain:example.org mail-server host:mail.example.org");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/example.org");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("analyst:" + KEY).getBytes()));
        assertThat(r.evidence()).hasSize(1);
        assertThat(r.evidence().get(0).request()).startsWith("GET http://").endsWith("/example.org");
    }

    @Test
    void reverseLookupCappedReportsTotal() throws Exception {
        enqueue(200, read("circl/reverse.cof"));
        var r = lookup(sample(), settings(), cap(1));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.message()).isEqualTo("truncated at 1 of 2");
        assertThat(lines(r)).containsExactly("ip:192.0.2.10 co-hosted host:shop.example.com");
    }

    @Test
    void sinceFiltersByLastSeen() throws Exception {
        enqueue(200, read("circl/reverse.cof"));
        var opts = new RunOptions(List.of(), false, Instant.ofEpochSecond(1500000000), null, 100);
        var r = lookup(sample(), settings(), opts);
        assertThat(lines(r)).containsExactly("ip:192.0.2.10 co-hosted host:shop.example.com");
        assertThat(r.message()).contains("1 facts outside");
    }

    @Test
    void notFoundAndEmptyAreEmpty() throws Exception {
        enqueue(404, "");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        enqueue(200, "");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void missingKeyIsNotReady() {
        var r = source().readiness(new SourceSettings("circl", Map.of()));
        assertThat(r.isReady()).isFalse();
        assertThat(r.reason()).contains("needs key").contains("INFRAPIVOT_CIRCL_KEY");
    }
}
