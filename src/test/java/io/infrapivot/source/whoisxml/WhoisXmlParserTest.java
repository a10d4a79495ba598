package io.infrapivot.source.whoisxml;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WhoisXmlParserTest {
    @Test
    void namesAndAuditForms() throws Exception {
        var page = WhoisXmlParser.reverseWhois(read("whoisxml/reverse.json"));
        assertThat(page.items()).extracting(DomainHit::domain).containsExactly("example.com", "example.net");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.next()).isEqualTo("example.org");
        var audit = WhoisXmlParser.reverseWhois(read("whoisxml/reverse-audit.json"));
        assertThat(audit.next()).isNull();
        assertThat(audit.items()).containsExactly(new DomainHit("example.org",
                Instant.parse("2021-01-10T18:52:41Z"), Instant.parse("2023-01-10T18:52:41Z")));
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> WhoisXmlParser.reverseWhois(read("whoisxml/restricted.json")))
                .hasMessageContaining("Check credits balance")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
        assertThatThrownBy(() -> WhoisXmlParser.reverseWhois(read("whoisxml/badkey.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
    }
}
