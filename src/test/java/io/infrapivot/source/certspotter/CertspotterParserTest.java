package io.infrapivot.source.certspotter;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertspotterParserTest {
    @Test
    void issuancesWithFingerprintsAndCursor() throws Exception {
        var page = CertspotterParser.parse(read("certspotter/issuances.json"));
        assertThat(page.next()).isEqualTo("1000002");
        var first = page.items().get(0);
        assertThat(first.sha256()).isEqualTo("b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2");
        assertThat(first.names()).containsExactly("example.com", "*.example.com");
        assertThat(first.issuerOrg()).isEqualTo("Let's Encrypt");
        assertThat(first.notAfter()).isEqualTo(Instant.parse("2024-04-09T11:00:00Z"));
        assertThat(page.items().get(1).issuerOrg()).isEqualTo("Google Trust Services");
        assertThat(CertspotterParser.parse("[]").next()).isNull();
    }

    @Test
    void errorObjects() {
        assertThatThrownBy(() -> CertspotterParser.parse(read("certspotter/ratelimited.json")))
                .hasMessageContaining("rate_limited")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThatThrownBy(() -> CertspotterParser.parse(read("certspotter/unauthorized.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
    }
}
