package io.infrapivot.source.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {
    @Test
    void formsServicesUse() {
        Instant t = Instant.parse("2024-01-10T11:00:00Z");
        assertThat(Times.parse("2024-01-10T11:00:00")).isEqualTo(t);
        assertThat(Times.parse("2024-01-10T11:00:00Z")).isEqualTo(t);
        assertThat(Times.parse("2024-01-10T12:00:00+01:00")).isEqualTo(t);
        assertThat(Times.parse("2024-01-10 11:00:00")).isEqualTo(t);
        assertThat(Times.parse("2024-01-10 11:00:00 UTC")).isEqualTo(t);
        assertThat(Times.parse("1704884400")).isEqualTo(t);
        assertThat(Times.parse("1704884400000")).isEqualTo(t);
        assertThat(Times.parse("2024-01-10")).isEqualTo(Instant.parse("2024-01-10T00:00:00Z"));
        assertThat(Times.parse("yesterday")).isNull();
        assertThat(Times.epoch(0)).isNull();
    }

    @Test
    void organisationOfDn() {
        assertThat(CertRecord.organisationOf("C=US, O=Let's Encrypt, CN=R3")).isEqualTo("Let's Encrypt");
        assertThat(CertRecord.organisationOf("C=US, O=\"Example, Inc.\", CN=X")).isEqualTo("Example, Inc.");
        assertThat(CertRecord.organisationOf("CN=Only")).isNull();
    }
}
