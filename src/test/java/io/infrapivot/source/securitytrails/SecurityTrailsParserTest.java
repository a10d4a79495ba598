package io.infrapivot.source.securitytrails;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityTrailsParserTest {
    @Test
    void dnsHistoryValuesAndPages() throws Exception {
        var page = SecurityTrailsParser.dnsHistory("example.com", read("securitytrails/history-a.json"));
        assertThat(page.next()).isEqualTo("2");
        assertThat(page.items()).hasSize(3);
        assertThat(page.items().get(0)).isEqualTo(new PdnsRecord("example.com", "A", "192.0.2.60",
                Instant.parse("2020-01-15T00:00:00Z"), Instant.parse("2024-05-01T00:00:00Z"), null));
        assertThat(page.items().get(2).rdata()).isEqualTo("198.51.100.7");
    }

    @Test
    void subdomainLabelsAreJoined() throws Exception {
        var page = SecurityTrailsParser.subdomains("example.com", read("securitytrails/subdomains.json"));
        assertThat(page.items()).containsExactly("www.example.com", "mail.example.com", "dev.api.example.com");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void domainListWithTotal() throws Exception {
        var page = SecurityTrailsParser.domainList(read("securitytrails/domains-list.json"));
        assertThat(page.total()).isEqualTo(57);
        assertThat(page.next()).isEqualTo("2");
        assertThat(page.items()).containsExactly(
                new DomainHit("example.com", Instant.ofEpochMilli(1262304000000L), null),
                new DomainHit("example.org", null, null));
    }

    @Test
    void messagesAreErrors() {
        assertThatThrownBy(() -> SecurityTrailsParser.subdomains("example.com", read("securitytrails/badkey.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> SecurityTrailsParser.domainList(read("securitytrails/quota.json")))
                .hasMessageContaining("exceeded the usage limits")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }
}
