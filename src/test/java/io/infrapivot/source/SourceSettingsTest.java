package io.infrapivot.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {
    @Test
    void namesAreCaseInsensitiveAndDashIsUnderscore() {
        SourceSettings s = new SourceSettings("cymru", Map.of("origin_zone", "origin.test", "ASN-ZONE", "asn.test"));
        assertThat(s.get("origin-zone")).contains("origin.test");
        assertThat(s.get("asn_zone")).contains("asn.test");
        assertThat(s.envName("origin-zone")).isEqualTo("INFRAPIVOT_CYMRU_ORIGIN_ZONE");
    }

    @Test
    void secretsAreSplitAndNeverPrinted() {
        SourceSettings s = new SourceSettings("vt", Map.of("key", " k1 , k2 ,"));
        assertThat(s.secrets("key")).extracting(SourceSettings.Secret::reveal).containsExactly("k1", "k2");
        assertThat(s.secret("key").orElseThrow()).hasToString("****");
        assertThat(s.toString()).doesNotContain("k1");
        assertThat(s.get("missing")).isEmpty();
        assertThat(new SourceSettings("x", Map.of("t", "  ")).get("t")).isEmpty();
    }
}
