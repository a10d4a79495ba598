package io.infrapivot.source.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistrationRecordTest {
    private static RegistrationRecord sample() {
        RecordBuilder b = RegistrationRecord.builder("domain", "example.com")
                .domain("EXAMPLE.COM.").registrarName("Example Registrar").ianaId("9999")
                .abuseEmail("abuse@registrar.example").created(Instant.parse("2020-01-01T00:00:00Z"))
                .expires(Instant.parse("2030-01-01T00:00:00Z")).nameServer("NS1.Example.NET. 192.0.2.1")
                .nameServer("ns1.example.net").addStatus("clientTransferProhibited").dnssec(false)
                .fetched(Instant.parse("2020-01-11T12:00:00Z")).source("whois").format("icann");
        b.registrant().name("Jane Roe").email("jane@example.com").country("US");
        b.tech().organization("Domains By Proxy, LLC").email("example.com@domainsbyproxy.com");
        return b.build();
    }

    @Test
    void jsonUsesTheDocumentedNames() {
        JsonNode j = RegistrationJson.toTree(sample());
        assertThat(j.get("domain").asText()).isEqualTo("example.com");
        assertThat(j.get("status").asText()).isEqualTo("registered");
        assertThat(j.get("statuses").get(0).asText()).isEqualTo("clientTransferProhibited");
        assertThat(j.get("registrar").get("name").asText()).isEqualTo("Example Registrar");
        assertThat(j.get("registrar").get("iana_id").asText()).isEqualTo("9999");
        assertThat(j.get("registrar").get("abuse_email").asText()).isEqualTo("abuse@registrar.example");
        assertThat(j.get("created").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(j.get("expires").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(j.get("age_days").asLong()).isEqualTo(10);
        assertThat(j.get("name_servers")).hasSize(1);
        assertThat(j.get("name_servers").get(0).asText()).isEqualTo("ns1.example.net");
        assertThat(j.get("dnssec").asBoolean()).isFalse();
        assertThat(j.get("contacts").get("registrant").get("email").asText()).isEqualTo("jane@example.com");
        assertThat(j.get("contacts").get("registrant").get("privacy").asBoolean()).isFalse();
        assertThat(j.get("contacts").get("tech").get("privacy").asBoolean()).isTrue();
        assertThat(j.get("privacy").asBoolean()).isFalse();
        assertThat(j.get("parse_status").asText()).isEqualTo("full");
        assertThat(j.has("network")).isFalse();
        assertThat(j.has("raw")).isFalse();
    }

    @Test
    void jsonRoundTrips() {
        RegistrationRecord r = sample();
        assertThat(RegistrationJson.fromTree(RegistrationJson.toTree(r))).isEqualTo(r);
    }

    @Test
    void privacyListMatchesEmailDomainsOrgsAndRedactionTexts() {
        PrivacyServices p = PrivacyServices.standard();
        assertThat(p.rules()).hasSizeGreaterThan(30);
        assertThat(p.isPrivacyText("abc@sub.withheldforprivacy.com")).isTrue();
        assertThat(p.isPrivacyText("Domains By Proxy, LLC")).isTrue();
        assertThat(p.isPrivacyText("REDACTED FOR PRIVACY")).isTrue();
        assertThat(p.isPrivacyText("jane@notwithheldforprivacy.com")).isFalse();
        assertThat(p.isPrivacyText("Roe Widgets Ltd")).isFalse();
        assertThat(p.isPrivacyText(null)).isFalse();
    }

    @Test
    void registrationIsPrivateWhenTheRegistrantIsAProxy() {
        RecordBuilder b = RegistrationRecord.builder("domain", "x.com");
        b.registrant().name("REDACTED FOR PRIVACY");
        b.tech().name("Real Tech Person");
        RegistrationRecord r = b.build();
        assertThat(r.privacy()).isTrue();
        assertThat(r.contacts().tech().privacy()).isFalse();
    }

    @Test
    void readsAListInTheDocumentedFormat() throws Exception {
        String list = "# comment\nemail-domain\tproxy.test\tsome proxy\ntext\tHIDDEN\n";
        PrivacyServices p = PrivacyServices.read(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)));
        assertThat(p.rules()).hasSize(2);
        assertThat(p.isPrivacyText("me@proxy.test")).isTrue();
        assertThat(p.isPrivacyText("hidden")).isTrue();
        assertThat(p.isPrivacyText("Domains By Proxy")).isFalse();
    }

    @Test
    void mergeFillsGapsFromTheOther() {
        Contacts a = new Contacts(new Contact(null, "Jane", null, null, null, null, null, null, false), null, null,
                null, null);
        Contacts b = new Contacts(new Contact("H1", "Other", "Org", "j@x.test", null, "US", null, null, false),
                null, new Contact(null, "T", null, null, null, null, null, null, false), null, null);
        Contacts m = a.orElse(b);
        assertThat(m.registrant().name()).isEqualTo("Jane");
        assertThat(m.registrant().organization()).isEqualTo("Org");
        assertThat(m.registrant().handle()).isEqualTo("H1");
        assertThat(m.tech().name()).isEqualTo("T");
    }
}
