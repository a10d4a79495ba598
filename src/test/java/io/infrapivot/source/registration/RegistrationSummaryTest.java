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
                "created: 2002-09-17", "abuse: abuse@ripe.net");
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
    }

    @Test
    void timelineOfStoredFetches() {
        var t1 = Instant.parse("2026-01-01T00:00:00Z");
        var t2 = Instant.parse("2026-02-01T00:00:00Z");
        var t3 = Instant.parse("2026-03-01T00:00:00Z");
        var t4 = Instant.parse("2026-04-01T00:00:00Z");
        var thick = RegistrationJson.toTree(whois("registrar-thick.txt", null));
        var same = RegistrationJson.toTree(whois("registrar-thick.txt", null).toBuilder()
                .fetched(t2).build());
        var throttled = RegistrationJson.toTree(whois("throttled-pir.txt", null));
        var hidden = RegistrationJson.toTree(whois("registrar-privacy.txt", null));
        List<RegistrationDiff.Step> steps = RegistrationDiff.timeline(List.of(java.util.Map.entry(t4, hidden),
                java.util.Map.entry(t1, thick), java.util.Map.entry(t2, same), java.util.Map.entry(t3, throttled),
                java.util.Map.entry(t3, com.fasterxml.jackson.databind.node.TextNode.valueOf("junk"))));
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).at()).isEqualTo(t4);
        assertThat(steps.get(0).changes()).extracting(RegistrationDiff.Change::field)
                .contains("contacts.registrant.email", "privacy");
        assertThat(RegistrationSummary.lines(thick, NOW)).contains("registrant: jane@roewidgets.example");
        assertThat(RegistrationSummary.lines(com.fasterxml.jackson.databind.node.TextNode.valueOf("x"), NOW))
                .containsExactly("(not a registration record)");
    }

    @Test
    void fullViewListsEveryField() {
        List<String> full = RegistrationSummary.full(whois("arin-ip.txt", "whois.arin.net"));
        assertThat(full).contains("network.handle: NET-8-8-8-0-2", "contacts.tech.email: arin-contact@google.com",
                "network.cidrs: 8.8.8.0/24");
    }
}
