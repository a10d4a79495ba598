package io.infrapivot.source.cymru;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsResolver;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.NsdServer;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationStatus;
import io.infrapivot.source.registration.RegistrationSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CymruTest {
    private final CymruSource.Zones zones = new CymruSource.Zones("origin.asn.cymru.test", "origin6.asn.cymru.test",
            "asn.cymru.test");

    private Asker asker() {
        return new Asker(new DnsResolver(NsdServer.shared().config()));
    }

    @Test
    void parsesTheDocumentedFormats() {
        var o = CymruParser.origin("23028 | 216.90.108.0/24 | US | arin | 1998-09-25").orElseThrow();
        assertThat(o.asns()).containsExactly(23028L);
        assertThat(o.prefix()).isEqualTo("216.90.108.0/24");
        assertThat(o.registry()).isEqualTo("arin");
        assertThat(CymruParser.origin("701 1239 | 10.0.0.0/8 | | | ").orElseThrow().asns()).containsExactly(701L, 1239L);
        assertThat(CymruParser.origin("garbage")).isEmpty();
        assertThat(CymruParser.origin("12 | not-a-prefix | US")).isEmpty();
        var i = CymruParser.asInfo("23028 | US | arin | 2002-01-04 | TEAMCYMRU - SAUNET, US").orElseThrow();
        assertThat(i.name()).isEqualTo("TEAMCYMRU - SAUNET, US");
        assertThat(CymruParser.asInfo("99999999999 | US")).isEmpty();
    }

    @Test
    void mapsAnIpToItsAsnPrefixAndAsName() throws Exception {
        List<Finding> fs = CymruSource.ip(asker(), zones, "192.0.2.1");
        assertThat(fs).filteredOn(f -> f.relation() == Relation.IN_NETBLOCK).singleElement().satisfies(f -> {
            assertThat(f.object().text()).isEqualTo("192.0.2.0/24");
            assertThat(f.field("country")).isEqualTo("US");
            assertThat(f.field("registry")).isEqualTo("arin");
            assertThat(f.field("allocated")).isEqualTo("2010-01-15");
        });
        assertThat(fs).filteredOn(f -> f.relation() == Relation.ANNOUNCED_BY).singleElement().satisfies(f -> {
            assertThat(f.object().text()).isEqualTo("AS64500");
            assertThat(f.field("as_name")).isEqualTo("EXAMPLE-AS - Example Networks, Inc., US");
        });
    }

    @Test
    void handlesMultiOriginIpv6AndMissingAnswers() throws Exception {
        List<Finding> multi = CymruSource.ip(asker(), zones, "198.51.100.7");
        assertThat(multi).filteredOn(f -> f.relation() == Relation.ANNOUNCED_BY).extracting(f -> f.object().text())
                .containsExactly("AS64501", "AS64502");
        List<Finding> v6 = CymruSource.ip(asker(), zones, "2001:db8::1");
        assertThat(v6).filteredOn(f -> f.relation() == Relation.IN_NETBLOCK).extracting(f -> f.object().text())
                .containsExactly("2001:db8::/32");
        assertThat(v6).filteredOn(f -> f.relation() == Relation.REGISTRATION).singleElement()
                .satisfies(f -> assertThat(f.value().has("created")).isFalse());
        assertThat(CymruSource.ip(asker(), zones, "203.0.113.1")).singleElement()
                .satisfies(f -> assertThat(f.field("outcome")).isEqualTo("nxdomain"));
    }

    @Test
    void readsAnswersShapedLikeTeamCymrusPublishedOnes() throws Exception {
        List<Finding> fs = CymruSource.ip(asker(), zones, "89.248.165.66");
        assertThat(fs).filteredOn(f -> f.relation() == Relation.IN_NETBLOCK).singleElement()
                .satisfies(f -> assertThat(f.object().text()).isEqualTo("89.248.165.0/24"));
        assertThat(fs).filteredOn(f -> f.relation() == Relation.ANNOUNCED_BY).singleElement().satisfies(f -> {
            assertThat(f.object().text()).isEqualTo("AS202425");
            assertThat(f.field("as_name")).isEqualTo("INT-NETWORK, SC");
        });
        Finding reg = fs.stream().filter(f -> f.relation() == Relation.REGISTRATION).findFirst().orElseThrow();
        var record = RegistrationJson.fromTree(reg.value());
        assertThat(record.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(record.kind()).isEqualTo("asn");
        assertThat(record.autnum().number()).isEqualTo(202425L);
        assertThat(record.autnum().name()).isEqualTo("INT-NETWORK, SC");
        assertThat(record.autnum().country()).isEqualTo("NL");
        assertThat(record.autnum().rir()).isEqualTo("ripencc");
        assertThat(record.created()).isEqualTo(Instant.parse("2011-03-22T00:00:00Z"));
        assertThat(RegistrationSummary.lines(reg.value(), Instant.parse("2026-01-01T00:00:00Z")))
                .contains("asn: AS202425 INT-NETWORK, SC", "holder: not given, NL (ripencc)", "created: 2011-03-22");
        List<Finding> v6 = CymruSource.ip(asker(), zones, "2a00:b01::1");
        assertThat(v6).filteredOn(f -> f.relation() == Relation.IN_NETBLOCK).extracting(f -> f.object().text())
                .containsExactly("2a00:b01::/32");
        List<Finding> asn = CymruSource.asn(asker(), zones, 202425);
        assertThat(asn).singleElement().satisfies(f -> assertThat(f.relation()).isEqualTo(Relation.REGISTRATION));
    }

    @Test
    void severalPrefixesOfOneAsnAskTheAsnOnceAndRecordItOnce() throws Exception {
        List<Finding> fs = CymruSource.ip(asker(), zones, "10.0.0.9");
        assertThat(fs).filteredOn(f -> f.relation() == Relation.IN_NETBLOCK).extracting(f -> f.object().text())
                .containsExactlyInAnyOrder("10.0.0.0/16", "10.0.0.0/24");
        assertThat(fs).filteredOn(f -> f.relation() == Relation.ANNOUNCED_BY).hasSize(2)
                .allSatisfy(f -> assertThat(f.field("as_name")).isEqualTo("EXAMPLE-AS - Example Networks, Inc., US"));
        assertThat(fs).filteredOn(f -> f.relation() == Relation.REGISTRATION).hasSize(1);
    }

    @Test
    void everyRelationOfEveryAnswerShapeIsDeclared() throws Exception {
        var declared = new CymruSource().info().produces();
        CymruSource.Zones unserved = new CymruSource.Zones("origin.asn.unserved.test", "origin6.asn.unserved.test",
                "asn.unserved.test");
        List<List<Finding>> shapes = List.of(CymruSource.ip(asker(), zones, "89.248.165.66"),
                CymruSource.ip(asker(), zones, "203.0.113.1"), // nxdomain: not announced
                CymruSource.ip(asker(), unserved, "89.248.165.66"), // the zone does not answer (refused)
                CymruSource.asn(asker(), unserved, 202425), CymruSource.asn(asker(), zones, 4294967295L));
        for (List<Finding> fs : shapes) {
            assertThat(fs).isNotEmpty().allSatisfy(f -> assertThat(declared).contains(f.relation()));
        }
        assertThat(shapes.get(2)).singleElement().satisfies(f -> assertThat(f.field("outcome")).isEqualTo("refused"));
    }
}
