package io.infrapivot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.axfr.AxfrSource;
import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.DnsSource;
import io.infrapivot.source.subdomains.SubdomainsSource;
import io.infrapivot.source.whois.WhoisSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DNS and WHOIS sources declare their settings typed, with the names and defaults of docs/dns.md and docs/registration.md. */
class DeclaredSettingsTest {

    private static void declares(Source source, String name, String type, String defaultText) {
        SourceInfo.Setting<?> s = source.info().setting(name);
        assertThat(s).as(source.info().id() + " declares " + name).isNotNull();
        assertThat(s.type()).as(name).isEqualTo(type);
        assertThat(s.defaultText()).as(name).isEqualTo(defaultText);
        assertThat(s.description()).isNotBlank();
    }

    @Test
    void dnsSourcesDeclareTheDocumentedSettings() {
        for (Source s : new Source[] {new DnsSource(), new AxfrSource(), new SubdomainsSource()}) {
            declares(s, "timeout", "duration", "3s");
            declares(s, "retries", "integer", "2");
            declares(s, "tcp", "boolean", "false");
            declares(s, "doh", "text", null);
            declares(s, "edns-payload", "integer", "1232");
        }
        declares(new DnsSource(), "ptr-max-addresses", "integer", "256");
        declares(new DnsSource(), "concurrency", "integer", "32");
        declares(new DnsSource(), "srv-services", "list", null);
        declares(new AxfrSource(), "port", "integer", "53");
        declares(new AxfrSource(), "transfer-timeout", "duration", "20s");
        declares(new AxfrSource(), "max-records", "integer", "100000");
        declares(new SubdomainsSource(), "wordlist", "text", null);
        declares(new SubdomainsSource(), "rate", "number", "200");
        declares(new SubdomainsSource(), "concurrency", "integer", "32");
        assertThat(new AxfrSource().info().access()).isEqualTo(Access.ACTIVE);
        assertThat(new DnsSource().info().defaultTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(new DnsSource().info().concurrency()).isEqualTo(16);
    }

    @Test
    void whoisDeclaresTheDocumentedSettings() {
        WhoisSource w = new WhoisSource();
        declares(w, "iana", "text", "whois.iana.org");
        declares(w, "servers", "list", null);
        declares(w, "connect_timeout", "duration", "10s");
        declares(w, "read_timeout", "duration", "15s");
        declares(w, "timeout", "duration", "30s");
        declares(w, "max_bytes", "integer", "1048576");
        assertThat(w.info().rateLimit()).isEqualTo(new SourceInfo.RateLimit(30, Duration.ofMinutes(1)));
        assertThat(w.info().defaultTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void resolverSettingsAreReadAsTheirTypeAndBadValuesNamed() {
        DnsConfig c = DnsConfig.from(new SourceSettings("dns", Map.of("tcp", "yes", "edns-payload", "0",
                "doh", "https://dns.example/dns-query")), RunOptions.defaults());
        assertThat(c.tcp()).isTrue();
        assertThat(c.ednsPayload()).isZero();
        assertThat(c.doh()).hasToString("https://dns.example/dns-query");
        assertThatThrownBy(() -> DnsConfig.from(new SourceSettings("dns", Map.of("retries", "many")),
                RunOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[sources.dns]").hasMessageContaining("retries").hasMessageContaining("integer");
        assertThatThrownBy(() -> DnsConfig.from(new SourceSettings("dns", Map.of("timeout", "soon")),
                RunOptions.defaults())).hasMessageContaining("timeout").hasMessageContaining("duration");
    }
}
