package io.infrapivot.source.thirdparty;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.certspotter.CertspotterParser;
import io.infrapivot.source.crtsh.CrtShParser;
import io.infrapivot.source.whoxy.WhoxyParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappersTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Facts facts(Instant since) {
        return new Facts("test", IndicatorParser.standard(), NOW, null, since, null);
    }

    static String line(Observation o) {
        return o.subject() + " " + o.relation() + " " + o.object();
    }

    @Test
    void namesFromServicesTakeTheParsersIdentityNotTheServicesType() {
        Facts f = facts(null);
        // services hand out names as "domains" whatever their depth, under known and unknown TLDs alike
        for (String n : List.of("portal.evil.test", "PORTAL.evil.test.", "*.portal.evil.test", "www.example.com",
                "a.b.example.co.uk")) {
            assertThat(f.name(n)).as(n).get().extracting(i -> i.type()).isEqualTo(IndicatorType.HOST);
        }
        for (String n : List.of("evil.test", "example.com", "example.co.uk", "alice.github.io")) {
            assertThat(f.name(n)).as(n).get().extracting(i -> i.type()).isEqualTo(IndicatorType.DOMAIN);
        }
        assertThat(f.name("portal.evil.test").orElseThrow())
                .isEqualTo(IndicatorParser.standard().parse("portal.evil.test").orElseThrow().indicator());
    }

    @Test
    void certspotterCertificatesAreKeyedBySha256() throws Exception {
        Facts f = facts(null);
        Indicator domain = Indicator.of(IndicatorType.DOMAIN, "example.com");
        CertMapper.map(domain, CertspotterParser.parse(read("certspotter/issuances.json")).items(), f);
        String c1 = "cert:b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2d3e4f5a6b1c2";
        String c2 = "cert:c3d4e5f6a7b8c3d4e5f6a7b8c3d4e5f6a7b8c3d4e5f6a7b8c3d4e5f6a7b8c3d4";
        assertThat(f.observations()).extracting(MappersTest::line).containsExactlyInAnyOrder(
                c1 + " cert-name domain:example.com",
                c1 + " cert-issuer org:Let's Encrypt",
                c2 + " cert-name host:api.example.com",
                "domain:example.com subdomain host:api.example.com",
                c2 + " cert-issuer org:Google Trust Services");
        Observation issuer = f.observations().stream()
                .filter(o -> o.relation() == Relation.CERT_ISSUER).findFirst().orElseThrow();
        assertThat(issuer.value().get("issuer").asText()).isEqualTo("C=US, O=Let's Encrypt, CN=R3");
        assertThat(issuer.value().get("not_after").asText()).isEqualTo("2024-04-09T11:00:00Z");
        assertThat(issuer.lastSeen()).isEqualTo(Instant.parse("2024-04-09T11:00:00Z"));
        Observation wildcard = f.observations().stream().filter(o -> o.relation() == Relation.CERT_NAME
                && o.value() != null).findFirst().orElseThrow();
        assertThat(wildcard.value().get("wildcard").asText()).isEqualTo("*.example.com");
    }

    @Test
    void crtShNamesBecomeSubdomainsAndExpiredCanBeLeftOut() throws Exception {
        Indicator domain = Indicator.of(IndicatorType.DOMAIN, "example.com");
        Facts all = facts(null);
        CertMapper.map(domain, CrtShParser.parse(read("crtsh/certs.json")), all);
        // crt.sh gives no fingerprint: the certificates are keyed by issuer and serial
        String le = "cert:serial:4a1b2c3d4e5f60718293a4b5c6d7e8f9a0b;issuer:C=US, O=Let's Encrypt, CN=R3";
        String dc = "cert:serial:c1d2e3f;issuer:C=US, O=DigiCert Inc, CN=DigiCert TLS RSA SHA256 2020 CA1";
        assertThat(all.observations()).extracting(MappersTest::line).containsExactlyInAnyOrder(
                le + " cert-name domain:example.com", le + " cert-issuer org:Let's Encrypt",
                dc + " cert-name host:shop.example.com", dc + " cert-name host:staging.shop.example.com",
                dc + " cert-issuer org:DigiCert Inc",
                "domain:example.com subdomain host:shop.example.com",
                "domain:example.com subdomain host:staging.shop.example.com");
        Facts recent = facts(Instant.parse("2024-01-01T00:00:00Z"));
        CertMapper.map(domain, CrtShParser.parse(read("crtsh/certs.json")), recent);
        // only the Let's Encrypt certificate (valid into 2024) is seen inside the window
        assertThat(recent.observations()).extracting(MappersTest::line).containsExactlyInAnyOrder(
                le + " cert-name domain:example.com", le + " cert-issuer org:Let's Encrypt");
        assertThat(recent.outsideWindow()).isEqualTo(5);
    }

    @Test
    void reverseWhoisGivesRegistrantLinks() throws Exception {
        Indicator email = Indicator.of(IndicatorType.EMAIL, "owner@example.com");
        Facts f = facts(null);
        ReverseWhoisMapper.map(email, WhoxyParser.reverseWhois(read("whoxy/reverse.json")).items(), f);
        assertThat(f.observations()).extracting(MappersTest::line).containsExactly(
                "domain:example.com registrant-email email:owner@example.com",
                "domain:example.net registrant-email email:owner@example.com");
        Observation first = f.observations().get(0);
        assertThat(first.value().get("via").asText()).isEqualTo("reverse-whois");
        assertThat(first.value().get("created").asText()).isEqualTo("2010-03-04T00:00:00Z");
        assertThat(first.lastSeen()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
        assertThat(ReverseWhoisMapper.relationFor(IndicatorType.ORG)).isEqualTo(Relation.REGISTRANT_ORG);
    }
}
