package io.infrapivot.source.circl;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CirclParserTest {
    @Test
    void cofLinesBecomeRecordsWithSeenAndCount() throws Exception {
        List<PdnsRecord> r = CirclParser.parse(read("circl/forward.cof"));
        assertThat(r).hasSize(6);
        assertThat(r.get(0)).isEqualTo(new PdnsRecord("www.example.org", "A", "192.0.2.10",
                Instant.ofEpochSecond(1354530320), Instant.ofEpochSecond(1700000000), 1234L));
        assertThat(r).filteredOn(p -> p.rrtype().equals("NS")).extracting(PdnsRecord::rdata)
                .containsExactly("ns1.example.net", "ns2.example.net");
        assertThat(r).filteredOn(p -> p.rrtype().equals("MX")).extracting(PdnsRecord::rdata)
                .containsExactly("10 mail.example.org.");
    }

    @Test
    void emptyBodyIsNoRecords() throws Exception {
        assertThat(CirclParser.parse("")).isEmpty();
        assertThat(CirclParser.parse("\n")).isEmpty();
    }

    @Test
    void truncatedLineIsAnErrorNotFewerRecords() {
        assertThatThrownBy(() -> CirclParser.parse(read("circl/truncated.cof")))
                .isInstanceOf(ServiceException.class).hasMessageContaining("truncated or invalid JSON on line 1")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.GARBAGE);
    }

    @Test
    void htmlPageIsRecognised() {
        assertThatThrownBy(() -> CirclParser.parse(read("circl/unauthorized.html")))
                .hasMessageContaining("HTML page").hasMessageContaining("401 Unauthorized");
    }

    @Test
    void objectWithoutRrnameIsAnError() {
        assertThatThrownBy(() -> CirclParser.parse("{\"error\": \"rate limit\"}"))
                .hasMessageContaining("without rrname").hasMessageContaining("rate limit");
    }
}
