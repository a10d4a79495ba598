package io.infrapivot.source.passivetotal;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PassiveTotalParserTest {
    @Test
    void passiveDnsResults() throws Exception {
        var page = PassiveTotalParser.passiveDns(read("passivetotal/passive.json"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items().get(0)).isEqualTo(new PdnsRecord("example.com", "A", "192.0.2.70",
                Instant.parse("2016-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"), null));
        assertThat(page.items()).extracting(PdnsRecord::rrtype).containsExactly("A", "NS", "SOA");
    }

    @Test
    void whoisSearchDomains() throws Exception {
        var page = PassiveTotalParser.whoisSearch(read("passivetotal/whois-search.json"));
        assertThat(page.items()).extracting(DomainHit::domain).containsExactly("example.com", "example.net");
        assertThat(page.items().get(0).firstSeen()).isEqualTo(Instant.parse("2010-01-01T08:00:00Z"));
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> PassiveTotalParser.passiveDns(read("passivetotal/badkey.json")))
                .hasMessageContaining("Invalid credentials")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> PassiveTotalParser.whoisSearch(read("passivetotal/quota.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }
}
