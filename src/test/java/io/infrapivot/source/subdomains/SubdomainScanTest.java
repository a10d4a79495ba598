package io.infrapivot.source.subdomains;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsResolver;
import io.infrapivot.source.dns.NsdServer;
import io.infrapivot.source.dns.Pacer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubdomainScanTest {
    private SubdomainScan scan() {
        return new SubdomainScan(new Asker(new DnsResolver(NsdServer.shared().config())), new Pacer(500), 8);
    }

    @Test
    void findsNamesThatExist() throws Exception {
        var r = scan().scan(DnsNames.parse("records.test"), List.of("www", "mail", "nodata", "nothere", "sip",
                "loop1", "_sip._tcp"));
        assertThat(r.findings()).filteredOn(f -> f.relation() == Relation.SUBDOMAIN).extracting(f -> f.object().text())
                .containsExactlyInAnyOrder("www.records.test", "mail.records.test", "nodata.records.test",
                        "sip.records.test", "loop1.records.test", "_sip._tcp.records.test");
        assertThat(r.findings()).filteredOn(f -> f.relation() == Relation.RESOLVES_TO)
                .extracting(f -> f.subject().text() + " " + f.object().text())
                .contains("www.records.test 192.0.2.80", "mail.records.test 192.0.2.25");
        assertThat(r.wildcard().present()).isFalse();
        assertThat(r.asked()).isEqualTo(7);
    }

    @Test
    void ignoresWhatOnlyTheWildcardAnswers() throws Exception {
        var r = scan().scan(DnsNames.parse("wild.test"), List.of("www", "mail", "anything", "ns1"));
        assertThat(r.wildcard().present()).isTrue();
        assertThat(r.findings()).filteredOn(f -> f.relation() == Relation.SUBDOMAIN).extracting(f -> f.object().text())
                .containsExactlyInAnyOrder("www.wild.test", "ns1.wild.test");
        assertThat(r.wildcardHits()).isEqualTo(2);
    }

    @Test
    void shipsAWordListAndReadsOthers() throws Exception {
        List<String> words = SubdomainsSource.defaultWords();
        assertThat(words).hasSizeGreaterThan(500).contains("www", "mail", "vpn", "autodiscover").doesNotHaveDuplicates();
        List<String> custom = SubdomainsSource.read(new ByteArrayInputStream(
                "# comment\nWWW\n\nbad label\n-x\nok_1\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(custom).containsExactly("www", "ok_1");
    }
}
