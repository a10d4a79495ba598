package io.infrapivot.source.viewdns;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.ServiceException;
import org.junit.jupiter.api.Test;

class ViewDnsParserTest {
    @Test
    void matchesWithCountAndPages() throws Exception {
        var page = ViewDnsParser.reverseWhois(read("viewdns/reverse.json"));
        assertThat(page.items()).extracting(DomainHit::domain).containsExactly("example.com", "example.net");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.next()).isEqualTo("2");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> ViewDnsParser.reverseWhois(read("viewdns/badkey.json")))
                .hasMessageContaining("Invalid API key provided")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> ViewDnsParser.reverseWhois(read("viewdns/quota.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }
}
