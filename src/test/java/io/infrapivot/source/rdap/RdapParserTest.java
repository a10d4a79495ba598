package io.infrapivot.source.rdap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.registration.RegistrationMerge;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import io.infrapivot.source.registration.TestFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RdapParserTest {
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    static String fixture(String name) {
        return TestFixtures.text("rdap/" + name).replace("{{base}}", "https://rdap.test");
    }

    private static RegistrationRecord parse(String name, String server, String query) {
        return RdapParser.parse(fixture(name), 200, server, query, NOW);
    }

    @Test
    void registryDomain() {
        RegistrationRecord r = parse("registry-domain.json", "https://rdap.verisign.com/com/v1/", "example-shop.com");
        assertThat(r.kind()).isEqualTo("domain");
        assertThat(r.format()).isEqualTo("rdap");
        assertThat(r.domain()).isEqualTo("example-shop.com");
        assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(r.statuses()).containsExactly("client delete prohibited", "client transfer prohibited");
        assertThat(r.registrar().name()).isEqualTo("Example Registrar, LLC");
        assertThat(r.registrar().ianaId()).isEqualTo("9999");
        assertThat(r.registrar().abuseEmail()).isEqualTo("abuse@registrar.example");
        assertThat(r.registrar().abusePhone()).isEqualTo("+1.4805058800");
        assertThat(r.created()).isEqualTo(Instant.parse("2015-08-13T04:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-08-13T04:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-08-14T07:01:38Z"));
        assertThat(r.nameServers()).containsExactly("ns1.example-dns.net", "ns2.example-dns.net");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.contacts().isEmpty()).isTrue();
        assertThat(r.remarks()).contains("Terms of Use: Service subject to Terms of Use.");
        assertThat(RdapParser.relatedLink(fixture("registry-domain.json")))
                .isEqualTo("https://rdap.test/registrar/domain/EXAMPLE-SHOP.COM");
    }

    @Test
    void registrarDomainWithJcardAndRedaction() {
        RegistrationRecord r = parse("registrar-domain.json", "https://rdap.test/registrar/", "example-shop.com");
        var reg = r.contacts().registrant();
        assertThat(reg.name()).isNull();
        assertThat(reg.organization()).isEqualTo("Roe Widgets Ltd");
        assertThat(reg.country()).isEqualTo("US");
        var tech = r.contacts().tech();
        assertThat(tech.name()).isEqualTo("Hosting Support");
        assertThat(tech.organization()).isEqualTo("Example Hosting");
        assertThat(tech.street()).isEqualTo("1 Server Road, Suite 5");
        assertThat(tech.city()).isEqualTo("Springfield");
        assertThat(tech.country()).isEqualTo("United States");
        assertThat(tech.phone()).isEqualTo("+1.2175550199");
        assertThat(tech.email()).isEqualTo("support@hosting.example");
        assertThat(r.redacted()).containsExactly("Registrant Name", "Registrant Email");
        assertThat(r.privacy()).isTrue();
        assertThat(r.registrar().url()).isEqualTo("https://www.registrar.example");
        assertThat(r.remarks()).contains("transfer 2019-02-01T10:00:00Z");
    }

    @Test
    void mergeKeepsRegistryDatesAndTakesRegistrarContacts() {
        RegistrationRecord registry = parse("registry-domain.json", "https://rdap.test/com/", "example-shop.com");
        RegistrationRecord registrar = parse("registrar-domain.json", "https://rdap.test/registrar/",
                "example-shop.com");
        RegistrationRecord m = RegistrationMerge.merge(registry, registrar);
        assertThat(m.updated()).isEqualTo(Instant.parse("2026-08-14T07:01:38Z"));
        assertThat(m.statuses()).containsExactly("client delete prohibited", "client transfer prohibited");
        assertThat(m.contacts().tech().email()).isEqualTo("support@hosting.example");
        assertThat(m.registrar().abuseEmail()).isEqualTo("abuse@registrar.example");
        assertThat(m.registrar().url()).isEqualTo("https://www.registrar.example");
        assertThat(m.server()).isEqualTo("https://rdap.test/registrar/");
        assertThat(m.format()).isEqualTo("rdap+rdap");
        assertThat(m.privacy()).isTrue();
    }

    @Test
    void notFoundErrorObjectIsAvailable() {
        RegistrationRecord r = RdapParser.parse(fixture("not-found.json"), 404, null, "nope.com", NOW);
        assertThat(r.status()).isEqualTo(RegistrationStatus.AVAILABLE);
        assertThat(r.remarks()).contains("Not Found: The requested object was not found.");
    }

    @Test
    void arinNetworkWithNestedContacts() {
        RegistrationRecord r = parse("arin-ip.json", "https://rdap.arin.net/registry/", "8.8.8.8");
        var n = r.network();
        assertThat(r.kind()).isEqualTo("ip");
        assertThat(n.start()).isEqualTo("8.8.8.0");
        assertThat(n.end()).isEqualTo("8.8.8.255");
        assertThat(n.cidrs()).containsExactly("8.8.8.0/24");
        assertThat(n.name()).isEqualTo("GOGL");
        assertThat(n.handle()).isEqualTo("NET-8-8-8-0-2");
        assertThat(n.parent()).isEqualTo("NET-8-0-0-0-1");
        assertThat(n.type()).isEqualTo("DIRECT ALLOCATION");
        assertThat(n.organization()).isEqualTo("Google LLC");
        assertThat(n.rir()).isEqualTo("arin");
        assertThat(r.contacts().abuse().email()).isEqualTo("network-abuse@google.com");
        assertThat(r.contacts().abuse().phone()).isEqualTo("+1-650-253-0000");
        assertThat(r.contacts().tech().email()).isEqualTo("arin-contact@google.com");
        assertThat(r.contacts().admin().email()).isEqualTo("arin-contact@google.com");
        assertThat(r.contacts().registrant().street()).startsWith("1600 Amphitheatre Parkway, Mountain View");
        assertThat(r.created()).isEqualTo(Instant.parse("2023-12-28T22:24:33Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2023-12-28T22:24:56Z"));
    }

    @Test
    void ripeNetwork() {
        RegistrationRecord r = parse("ripe-ip.json", "https://rdap.db.ripe.net/", "193.0.0.1");
        var n = r.network();
        assertThat(n.cidrs()).containsExactly("193.0.0.0/21");
        assertThat(n.country()).isEqualTo("NL");
        assertThat(n.rir()).isEqualTo("ripe");
        assertThat(n.parent()).isEqualTo("193.0.0.0 - 193.0.23.255");
        assertThat(n.organization()).isEqualTo("Reseaux IP Europeens Network Coordination Centre (RIPE NCC)");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@ripe.net");
        assertThat(r.contacts().admin().handle()).isEqualTo("BRD-RIPE");
        assertThat(r.remarks()).contains("Used for RIPE NCC infrastructure.");
    }

    @Test
    void apnicNetwork() {
        RegistrationRecord r = parse("apnic-ip.json", "https://rdap.apnic.net/", "1.1.1.1");
        assertThat(r.network().name()).isEqualTo("APNIC-LABS");
        assertThat(r.network().rir()).isEqualTo("apnic");
        assertThat(r.network().organization()).isEqualTo("APNIC Research and Development");
        assertThat(r.contacts().abuse().email()).isEqualTo("helpdesk@apnic.net");
        assertThat(r.contacts().tech().email()).isEqualTo("research@apnic.net");
    }

    @Test
    void lacnicNetworkWithAdrArray() {
        RegistrationRecord r = parse("lacnic-ip.json", "https://rdap.lacnic.net/rdap/", "200.7.84.1");
        assertThat(r.network().cidrs()).containsExactly("200.7.84.0/23");
        assertThat(r.network().rir()).isEqualTo("lacnic");
        assertThat(r.network().parent()).isEqualTo("200.0.0.0/8");
        assertThat(r.contacts().registrant().city()).isEqualTo("Montevideo");
        assertThat(r.contacts().registrant().country()).isEqualTo("UY");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@lacnic.net");
        assertThat(r.contacts().tech().name()).isEqualTo("Operaciones LACNIC");
    }

    @Test
    void afrinicNetworkWithoutCidr0ComputesBlocks() {
        RegistrationRecord r = parse("afrinic-ip.json", "https://rdap.afrinic.net/rdap/", "196.216.2.1");
        assertThat(r.network().cidrs()).containsExactly("196.216.2.0/23");
        assertThat(r.network().rir()).isEqualTo("afrinic");
        assertThat(r.contacts().tech().email()).isEqualTo("ops@afrinic.net");
    }

    @Test
    void autnums() {
        RegistrationRecord a = parse("arin-autnum.json", "https://rdap.arin.net/registry/", "AS15169");
        assertThat(a.kind()).isEqualTo("asn");
        assertThat(a.autnum().number()).isEqualTo(15169L);
        assertThat(a.autnum().end()).isNull();
        assertThat(a.autnum().name()).isEqualTo("GOOGLE");
        assertThat(a.autnum().organization()).isEqualTo("Google LLC");
        assertThat(a.autnum().rir()).isEqualTo("arin");
        assertThat(a.contacts().abuse().email()).isEqualTo("network-abuse@google.com");
        assertThat(a.created()).isEqualTo(Instant.parse("2000-03-30T05:00:00Z"));
        RegistrationRecord r = parse("ripe-autnum.json", "https://rdap.db.ripe.net/", "AS3333");
        assertThat(r.autnum().number()).isEqualTo(3333L);
        assertThat(r.autnum().rir()).isEqualTo("ripe");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@ripe.net");
    }

    @Test
    void deeplyNestedEntitiesAreBounded() {
        String entity = "{\"roles\":[\"technical\"],\"vcardArray\":[\"vcard\",[[\"fn\",{},\"text\",\"deep\"]]]}";
        for (int i = 0; i < 200; i++) entity = "{\"roles\":[\"noc\"],\"entities\":[" + entity + "]}";
        String json = "{\"objectClassName\":\"domain\",\"ldhName\":\"x.com\",\"entities\":[" + entity + "]}";
        RegistrationRecord r = RdapParser.parse(json, 200, null, "x.com", NOW);
        assertThat(r.domain()).isEqualTo("x.com");
        assertThat(r.contacts().tech()).isNull();
    }

    @Test
    void invalidJsonIsRejectedClearly() {
        assertThatThrownBy(() -> RdapParser.parse("{\"objectClassName\": ", 200, null, "x.com", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> RdapParser.parse("[1,2]", 200, null, "x.com", NOW))
                .hasMessageContaining("not an RDAP object");
    }
}
