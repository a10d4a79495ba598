package io.infrapivot.source.dnsdb;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsdbSourceTest extends ServiceTestBase {
    DnsdbSourceTest() {
        super(DnsdbSource::new, IndicatorType.IP, "192.0.2.80", cut("dnsdb/cut.jsonl", -1));
    }

    @Test
    void rrsetLookup() throws Exception {
        enqueue(200, read("dnsdb/rrset.jsonl"));
        var opts = new RunOptions(List.of(), false, Instant.ofEpochSecond(1300000000), null, 50);
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"), settings(), opts);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).containsExactly("domain:example.com name-server host:a.iana-servers.net",
                "domain:example.com name-server host:b.iana-servers.net", "domain:example.com resolves-to ip:192.0.2.80");
        assertThat(r.observations().get(2).count()).isEqualTo(5000);
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/lookup/rrset/name/example.com/ANY");
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(req.getUrl().queryParameter("time_last_after")).isEqualTo("1300000000");
        assertThat(req.getHeaders().get("X-API-Key")).isEqualTo(KEY);
        assertThat(req.getHeaders().get("Accept")).isEqualTo("application/x-ndjson");
    }

    @Test
    void limitedIsTruncated() throws Exception {
        enqueue(200, read("dnsdb/rdata-limited.jsonl"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).startsWith("truncated at 2");
        assertThat(lines(r)).containsExactly("ip:192.0.2.80 co-hosted host:a.example.com",
                "ip:192.0.2.80 co-hosted host:b.example.org");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/lookup/rdata/ip/192.0.2.80");
    }

    @Test
    void failedAndCutStreamsAreErrors() throws Exception {
        enqueue(200, read("dnsdb/failed.jsonl"));
        assertError(lookup(sample()), "Query timed out");
        enqueue(200, read("dnsdb/cut.jsonl"));
        assertError(lookup(sample()), "cut off");
    }
}
