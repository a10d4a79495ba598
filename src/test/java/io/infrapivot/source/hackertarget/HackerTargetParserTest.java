package io.infrapivot.source.hackertarget;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import org.junit.jupiter.api.Test;

class HackerTargetParserTest {
    @Test
    void hostSearchLines() throws Exception {
        assertThat(HackerTargetParser.hostSearch(read("hackertarget/hostsearch.txt"))).containsExactly(
                PdnsRecord.address("www.example.com", "192.0.2.40", null, null, null),
                PdnsRecord.address("mail.example.com", "192.0.2.41", null, null, null));
    }

    @Test
    void reverseIpLines() throws Exception {
        assertThat(HackerTargetParser.reverseIp(read("hackertarget/reverseip.txt")))
                .containsExactly("a.example.com", "b.example.org", "c.example.net");
    }

    @Test
    void noRecordsTextIsEmpty() throws Exception {
        assertThat(HackerTargetParser.reverseIp(read("hackertarget/none.txt"))).isEmpty();
    }

    @Test
    void quotaAndParameterErrorsAreErrors() {
        assertThatThrownBy(() -> HackerTargetParser.hostSearch(read("hackertarget/quota.txt")))
                .hasMessageContaining("API count exceeded")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
        assertThatThrownBy(() -> HackerTargetParser.reverseIp(read("hackertarget/badparam.txt")))
                .hasMessageContaining("error check your search parameter")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        assertThatThrownBy(() -> HackerTargetParser.hostSearch("<html><title>Blocked</title></html>"))
                .hasMessageContaining("HTML");
    }
}
