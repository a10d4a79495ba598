package io.infrapivot.source.mnemonic;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MnemonicParserTest {
    @Test
    void envelopeGivesRecordsTotalAndNextOffset() throws Exception {
        var page = MnemonicParser.parse(read("mnemonic/page1.json"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.next()).isEqualTo("2");
        assertThat(page.items()).containsExactly(
                new PdnsRecord("www.example.com", "A", "192.0.2.20", Instant.ofEpochMilli(1500000000000L),
                        Instant.ofEpochMilli(1700000000000L), 42L),
                new PdnsRecord("www.example.com", "CNAME", "edge.example.net", Instant.ofEpochMilli(1500000000000L),
                        Instant.ofEpochMilli(1600000000000L), 3L));
        var last = MnemonicParser.parse(read("mnemonic/page2.json"));
        assertThat(last.next()).isNull();
        assertThat(last.items()).extracting(PdnsRecord::rrtype).containsExactly("AAAA");
    }

    @Test
    void refusalsCarryTheirMessage() {
        assertThatThrownBy(() -> MnemonicParser.parse(read("mnemonic/forbidden.json")))
                .hasMessageContaining("responseCode 403").hasMessageContaining("Access denied")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> MnemonicParser.parse(read("mnemonic/quota.json")))
                .hasMessageContaining("Resource limit exceeded")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }
}
