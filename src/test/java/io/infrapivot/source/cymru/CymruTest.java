package io.infrapivot.source.cymru;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsResolver;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.NsdServer;
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
                .satisfies(f -> assertThat(f.field("allocated")).isEmpty());
        assertThat(CymruSource.ip(asker(), zones, "203.0.113.1")).singleElement()
                .satisfies(f -> assertThat(f.field("outcome")).isEqualTo("nxdomain"));
    }
}
