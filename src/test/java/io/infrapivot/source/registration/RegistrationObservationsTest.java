package io.infrapivot.source.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.whois.WhoisParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationObservationsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");

    private static List<Observation> observe(Indicator subject, String file, String server) {
        RegistrationRecord r = WhoisParser.parse(TestFixtures.text("whois/" + file), server, subject.value(), NOW);
        return RegistrationObservations.of(subject, r, "whois", NOW, null, IndicatorParser.standard());
    }

    private static List<String> links(List<Observation> obs, Relation rel) {
        return obs.stream().filter(o -> o.relation() == rel).map(o -> o.object().key()).toList();
    }

    @Test
    void thickDomainRecordGivesItsPivots() {
        Indicator d = Indicator.of(IndicatorType.DOMAIN, "example-shop.com");
        List<Observation> obs = observe(d, "registrar-thick.txt", "whois.registrar.example");
        Observation reg = obs.get(0);
        assertThat(reg.relation()).isEqualTo(Relation.REGISTRATION);
        assertThat(reg.value().get("registrar").get("iana_id").asText()).isEqualTo("9999");
        assertThat(links(obs, Relation.REGISTRAR)).containsExactly("org:Example Registrar, LLC");
        assertThat(links(obs, Relation.REGISTRANT_EMAIL))
                .containsExactly("email:jane@roewidgets.example", "email:support@hosting.example");
        assertThat(links(obs, Relation.REGISTRANT_ORG)).containsExactly("org:Roe Widgets Ltd", "org:Example Hosting");
        assertThat(links(obs, Relation.REGISTRANT_NAME)).contains("person:Jane Roe");
        assertThat(links(obs, Relation.REGISTRANT_PHONE)).isNotEmpty();
        assertThat(links(obs, Relation.NAME_SERVER))
                .containsExactly("host:ns1.example-dns.net", "host:ns2.example-dns.net");
        assertThat(links(obs, Relation.ABUSE_EMAIL)).containsExactly("email:abuse@registrar.example");
        Observation email = obs.stream().filter(o -> o.relation() == Relation.REGISTRANT_EMAIL).findFirst().get();
        assertThat(email.value().get("role").asText()).isEqualTo("registrant");
        assertThat(obs).allMatch(o -> o.source().equals("whois") && o.learnedAt().equals(NOW));
    }

    @Test
    void privacyContactsAreNotEmittedAsPivots() {
        Indicator d = Indicator.of(IndicatorType.DOMAIN, "hidden-owner.com");
        List<Observation> obs = observe(d, "registrar-privacy.txt", null);
        assertThat(links(obs, Relation.REGISTRANT_EMAIL)).isEmpty();
        assertThat(links(obs, Relation.REGISTRANT_ORG)).isEmpty();
        assertThat(links(obs, Relation.REGISTRANT_NAME)).isEmpty();
        assertThat(links(obs, Relation.REGISTRANT_PHONE)).isEmpty();
        assertThat(links(obs, Relation.REGISTRAR)).containsExactly("org:NAMECHEAP INC");
        assertThat(obs.get(0).value().get("privacy").asBoolean()).isTrue();
    }

    @Test
    void aRedactedRegistrantStillGivesTheOrganisationItShows() {
        Indicator d = Indicator.of(IndicatorType.DOMAIN, "roe-holdings.example");
        List<Observation> obs = observe(d, "registrar-gdpr-org.txt", "whois.registrar.example");
        // the placeholders are no pivots; the organisation the registrar still publishes is
        assertThat(links(obs, Relation.REGISTRANT_ORG)).containsExactly("org:Roe Holdings Ltd");
        assertThat(links(obs, Relation.REGISTRANT_NAME)).isEmpty();
        assertThat(links(obs, Relation.REGISTRANT_EMAIL)).isEmpty();
        assertThat(links(obs, Relation.REGISTRANT_PHONE)).isEmpty();
        assertThat(obs.get(0).value().get("privacy").asBoolean()).as("the holder is known by its organisation").isFalse();
        // a contact that is all placeholders is hidden as a whole
        assertThat(obs.get(0).value().get("contacts").get("admin").get("privacy").asBoolean()).isTrue();
    }

    @Test
    void networkRecordGivesNetblockOwnerAndAbuse() {
        Indicator ip = Indicator.of(IndicatorType.IP, "8.8.8.8");
        List<Observation> obs = observe(ip, "arin-ip.txt", "whois.arin.net");
        assertThat(links(obs, Relation.IN_NETBLOCK)).containsExactly("cidr:8.8.8.0/24");
        Observation owner = obs.stream().filter(o -> o.relation() == Relation.NETWORK_OWNER).findFirst().get();
        assertThat(owner.subject().key()).isEqualTo("cidr:8.8.8.0/24");
        assertThat(owner.object().key()).isEqualTo("org:Google LLC");
        assertThat(links(obs, Relation.ABUSE_EMAIL)).containsExactly("email:network-abuse@google.com");
        assertThat(links(obs, Relation.REGISTRANT_ORG)).doesNotContain("org:Google LLC");
    }

    @Test
    void asnRecordGivesOwner() {
        Indicator asn = Indicator.of(IndicatorType.ASN, "AS3333");
        List<Observation> obs = observe(asn, "ripe-autnum.txt", "whois.ripe.net");
        assertThat(links(obs, Relation.NETWORK_OWNER))
                .containsExactly("org:Reseaux IP Europeens Network Coordination Centre (RIPE NCC)");
        assertThat(links(obs, Relation.ABUSE_EMAIL)).containsExactly("email:abuse@ripe.net");
    }

    @Test
    void availableDomainGivesOnlyTheRecord() {
        Indicator d = Indicator.of(IndicatorType.DOMAIN, "surely-not-registered-12345.com");
        List<Observation> obs = observe(d, "verisign-notfound.txt", "whois.verisign-grs.com");
        assertThat(obs).hasSize(1);
        assertThat(obs.get(0).value().get("status").asText()).isEqualTo("available");
    }
}
