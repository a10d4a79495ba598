package io.infrapivot.source.domaintools;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.ServiceException;
import org.junit.jupiter.api.Test;

class DomainToolsParserTest {
    @Test
    void reverseWhoisDomainsAndCounts() throws Exception {
        var current = DomainToolsParser.reverseWhois(read("domaintools/reverse-whois.json"), false);
        assertThat(current.items()).extracting(DomainHit::domain).containsExactly("example.com", "example.net");
        assertThat(current.total()).isEqualTo(2);
        assertThat(DomainToolsParser.reverseWhois(read("domaintools/reverse-whois.json"), true).total()).isEqualTo(7);
    }

    @Test
    void errorEnvelope() {
        assertThatThrownBy(() -> DomainToolsParser.reverseWhois(read("domaintools/forbidden.json"), false))
                .hasMessageContaining("Not authorized")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> DomainToolsParser.reverseWhois(read("domaintools/quota.json"), false))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
    }
}
