package io.infrapivot.source.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.whois.WhoisParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationSummaryTest {
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private static RegistrationRecord whois(String file, String server) {
        return WhoisParser.parse(TestFixtures.text("whois/" + file), server, null, NOW);
    }

    @Test
    void domainSummary() {
        List<String> lines = RegistrationSummary.lines(whois("registrar-thick.txt", null), NOW);
        assertThat(lines).containsExactly(
                "registrar: Example Registrar, LLC (IANA 9999)",
                "created: 2015-08-13 (4124 days ago)",
                "expires: 2025-08-13 (expired 471 days ago)",
                "registrant: jane@roewidgets.example",
                "name servers: ns1.example-dns.net, ns2.example-dns.net");
    }

    @Test
    void privacyServiceIsSaidNotShownAsTheRegistrant() {
        List<String> lines = RegistrationSummary.lines(whois("registrar-privacy.txt", null), NOW);
        assertThat(lines).contains("registrant: redacted/privacy service");
        assertThat(String.join("\n", lines)).doesNotContain("withheldforprivacy");
    }

    @Test
    void networkAndAsnSummaries() {
        assertThat(RegistrationSummary.lines(whois("arin-ip.txt", "whois.arin.net"), NOW)).containsExactly(
                "network: 8.8.8.0/24 GOGL", "holder: Google LLC, US (arin)", "type: Direct Allocation",
                "abuse: network-abuse@google.com");
        assertThat(RegistrationSummary.lines(whois("ripe-autnum.txt", "whois.ripe.net"), NOW)).containsExactly(
                "asn: AS3333 RIPE-NCC-AS",
                "holder: Reseaux IP Europeens Network Coordination Centre (RIPE NCC), NL (ripe)",
                "abuse: abuse@ripe.net");
    }

    @Test
    void availableAndEscaping() {
        assertThat(RegistrationSummary.lines(whois("verisign-notfound.txt", null), NOW))
                .containsExactly("status: available (the registry has no such object)");
        RecordBuilder b = RegistrationRecord.builder("domain", "x.com").registrarName("Evil\u001b[31mRegistrar\nX");
        String line = RegistrationSummary.lines(b.build(), NOW).get(0);
        assertThat(line).doesNotContain("\u001b").doesNotContain("\n").contains("\\u001b");
    }

    @Test
    void diffFieldByField() {
        RegistrationRecord before = whois("registrar-thick.txt", null);
        RecordBuilder b = before.toBuilder();
        RegistrationRecord after = b.build();
        assertThat(RegistrationDiff.diff(before, after)).isEmpty();
        RegistrationRecord privacy = whois("registrar-privacy.txt", null);
        List<RegistrationDiff.Change> changes = RegistrationDiff.diff(before, privacy);
        assertThat(changes).extracting(RegistrationDiff.Change::field).contains("contacts.registrant.email",
                "registrar.name", "name_servers", "created", "privacy", "domain");
        RegistrationDiff.Change email = changes.stream().filter(c -> c.field().equals("contacts.registrant.email"))
                .findFirst().orElseThrow();
        assertThat(email.before()).isEqualTo("jane@roewidgets.example");
        assertThat(email.after()).isEqualTo("0a1b2c3d4e5f@withheldforprivacy.com");
        assertThat(email.line()).isEqualTo(
                "contacts.registrant.email: jane@roewidgets.example → 0a1b2c3d4e5f@withheldforprivacy.com");
        assertThat(changes).extracting(RegistrationDiff.Change::field).doesNotContain("fetched", "server", "raw");
        RegistrationDiff.Change billing = RegistrationDiff.diff(before, before.toBuilder().build()).stream()
                .findFirst().orElse(null);
        assertThat(billing).isNull();
    }

    @Test
    void fullViewListsEveryField() {
        List<String> full = RegistrationSummary.full(whois("arin-ip.txt", "whois.arin.net"));
        assertThat(full).contains("network.handle: NET-8-8-8-0-2", "contacts.tech.email: arin-contact@google.com",
                "network.cidrs: 8.8.8.0/24");
    }
}
