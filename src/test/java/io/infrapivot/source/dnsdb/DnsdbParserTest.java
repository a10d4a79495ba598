package io.infrapivot.source.dnsdb;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DnsdbParserTest {
    @Test
    void rrsetStreamSucceeded() throws Exception {
        var r = DnsdbParser.parse(read("dnsdb/rrset.jsonl"));
        assertThat(r.limited()).isFalse();
        assertThat(r.records()).hasSize(3);
        assertThat(r.records().get(0)).isEqualTo(new PdnsRecord("example.com.", "NS", "a.iana-servers.net.",
                Instant.ofEpochSecond(1374250920), Instant.ofEpochSecond(1589472138), 1820L));
        assertThat(r.records().get(2).rdata()).isEqualTo("192.0.2.80");
    }

    @Test
    void limitedStreamIsMarked() throws Exception {
        var r = DnsdbParser.parse(read("dnsdb/rdata-limited.jsonl"));
        assertThat(r.limited()).isTrue();
        assertThat(r.message()).isEqualTo("Result limit reached");
        assertThat(r.records()).extracting(PdnsRecord::rrname).containsExactly("a.example.com.", "b.example.org.");
    }

    @Test
    void cutStreamAndFailedAreErrors() {
        assertThatThrownBy(() -> DnsdbParser.parse(read("dnsdb/cut.jsonl"))).hasMessageContaining("cut off")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.GARBAGE);
        assertThatThrownBy(() -> DnsdbParser.parse(read("dnsdb/failed.jsonl"))).hasMessageContaining("Query timed out")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.SERVER);
        assertThatThrownBy(() -> DnsdbParser.parse("")).hasMessageContaining("no begin");
    }
}
