package io.infrapivot.source.otx;

import io.infrapivot.source.ErrorClass;
import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtxParserTest {
    @Test
    void passiveDnsArrayIsRead() throws Exception {
        var page = OtxParser.parse(read("otx/domain.json"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).hasSize(3);
        assertThat(page.items().get(0)).isEqualTo(new PdnsRecord("api.example.com", "A", "192.0.2.30",
                Instant.parse("2021-03-04T05:06:07Z"), Instant.parse("2023-02-16T22:44:30Z"), null));
        assertThat(page.items().get(2).rrtype()).isEqualTo("CNAME");
    }

    @Test
    void missingCredentialsIsAnAuthError() {
        assertThatThrownBy(() -> OtxParser.parse(read("otx/noauth.json")))
                .hasMessageContaining("Authentication credentials were not provided")
                .extracting(e -> ((ServiceException) e).errorClass()).isEqualTo(ErrorClass.AUTH);
    }

    @Test
    void otherObjectIsMalformed() {
        assertThatThrownBy(() -> OtxParser.parse("{\"foo\": 1}")).hasMessageContaining("no passive_dns");
    }
}
