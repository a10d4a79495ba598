package io.infrapivot.source.crtsh;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.thirdparty.CertRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrtShParserTest {
    @Test
    void entriesSplitNamesKeepWildcardsAndMergePrecertificates() throws Exception {
        var certs = CrtShParser.parse(read("crtsh/certs.json"));
        assertThat(certs).hasSize(2);
        CertRecord le = certs.get(0);
        assertThat(le.names()).containsExactly("*.example.com", "example.com");
        assertThat(le.serial()).isEqualTo("04a1b2c3d4e5f60718293a4b5c6d7e8f9a0b");
        assertThat(le.issuerOrg()).isEqualTo("Let's Encrypt");
        assertThat(le.notBefore()).isEqualTo(Instant.parse("2024-01-10T11:00:00Z"));
        assertThat(le.notAfter()).isEqualTo(Instant.parse("2024-04-09T11:00:00Z"));
        assertThat(le.sha256()).isNull();
        assertThat(certs.get(1).names()).containsExactly("shop.example.com", "staging.shop.example.com");
        assertThat(certs.get(1).issuerOrg()).isEqualTo("DigiCert Inc");
    }

    @Test
    void emptyArrayAndErrorPage() throws Exception {
        assertThat(CrtShParser.parse(read("crtsh/empty.json"))).isEmpty();
        assertThatThrownBy(() -> CrtShParser.parse(read("crtsh/busy.html")))
                .hasMessageContaining("HTML page").hasMessageContaining("crt.sh | ERROR!");
        assertThatThrownBy(() -> CrtShParser.parse("[{\"id\":1,\"name_value\":\"a.ex"))
                .hasMessageContaining("truncated");
    }
}
