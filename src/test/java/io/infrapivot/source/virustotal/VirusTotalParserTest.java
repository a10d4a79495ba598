package io.infrapivot.source.virustotal;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VirusTotalParserTest {
    @Test
    void resolutionsWithCursorAndCount() throws Exception {
        var page = VirusTotalParser.resolutions(read("virustotal/resolutions-page1.json"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.next()).isEqualTo("STEwCi4uLg==");
        Instant d = Instant.ofEpochSecond(1690000000);
        assertThat(page.items()).containsExactly(
                new PdnsRecord("example.com", "A", "192.0.2.50", d, d, null),
                new PdnsRecord("example.com", "AAAA", "2001:db8::50", Instant.ofEpochSecond(1600000000),
                        Instant.ofEpochSecond(1600000000), null));
        assertThat(VirusTotalParser.resolutions(read("virustotal/resolutions-page2.json")).next()).isNull();
    }

    @Test
    void subdomainIds() throws Exception {
        assertThat(VirusTotalParser.names(read("virustotal/subdomains.json")).items())
                .containsExactly("www.example.com", "mail.example.com");
    }

    @Test
    void errorsByCode() {
        assertThatThrownBy(() -> VirusTotalParser.resolutions(read("virustotal/wrongkey.json")))
                .hasMessageContaining("WrongCredentialsError")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
        assertThatThrownBy(() -> VirusTotalParser.names(read("virustotal/quota.json")))
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.QUOTA);
    }

    @Test
    void notFoundIsEmpty() throws Exception {
        assertThat(VirusTotalParser.resolutions(read("virustotal/notfound.json")).items()).isEmpty();
    }
}
