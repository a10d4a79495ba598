package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.axfr.AxfrSource;
import io.infrapivot.source.cymru.CymruSource;
import io.infrapivot.source.dnsbl.DnsblSource;
import io.infrapivot.source.subdomains.SubdomainsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five DNS sources through the Source SPI, with the real indicator parser, against NSD. */
class DnsSourcesTest {
    private final NsdServer nsd = NsdServer.shared();
    private final IndicatorParser parser = IndicatorParser.standard();

    private LookupContext context(String id, Map<String, String> settings) {
        return new LookupContext(new SourceSettings(id, settings), Duration.ofSeconds(30), Clock.systemUTC(), parser,
                CaseView.EMPTY, new RunOptions(List.of(nsd.resolverOption()), true, null, null, 1000));
    }

    private static List<String> links(LookupResult r, Relation rel) {
        return r.observations().stream().filter(o -> o.relation() == rel)
                .map(o -> o.subject().key() + " -> " + o.object().key()).sorted().toList();
    }

    @Test
    void dnsSourceBuildsObservationsThroughTheParser() throws Exception {
        Indicator domain = parser.parseAs(IndicatorType.DOMAIN, "records.test").orElseThrow().indicator();
        LookupResult r = new DnsSource().lookup(domain, context("dns", Map.of("srv-services", "_sip._tcp")));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(links(r, Relation.RESOLVES_TO)).contains("domain:records.test -> ip:192.0.2.1",
                "domain:records.test -> ip:2001:db8::1");
        assertThat(links(r, Relation.SOA_EMAIL)).containsExactly("domain:records.test -> email:hostmaster@records.test");
        assertThat(links(r, Relation.MAIL_SERVER)).contains("domain:records.test -> host:mail.records.test");
        assertThat(links(r, Relation.SPF_ALLOWS)).contains("domain:records.test -> cidr:192.0.2.0/24");
        assertThat(r.observations()).filteredOn(o -> o.relation() == Relation.VERIFICATION_TOKEN).hasSize(5);
        assertThat(r.observations()).allSatisfy(o -> {
            assertThat(o.source()).isEqualTo("dns");
            assertThat(o.evidence()).isNotNull();
        });
        assertThat(r.evidence()).isNotEmpty().allSatisfy(e -> assertThat(e.contentType()).isEqualTo("dns-wire"));
    }

    @Test
    void dnsSourceReadsPtrOfAnIpAndANetworkAndRefusesLargeOnes() throws Exception {
        LookupResult ip = new DnsSource().lookup(parser.parseAs(IndicatorType.IP, "192.0.2.10").orElseThrow()
                .indicator(), context("dns", Map.of()));
        assertThat(links(ip, Relation.PTR)).containsExactly("ip:192.0.2.10 -> host:host10.records.test");
        Indicator big = parser.parseAs(IndicatorType.CIDR, "192.0.2.0/23").orElseThrow().indicator();
        LookupResult refused = new DnsSource().lookup(big, context("dns", Map.of()));
        assertThat(refused.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(refused.message()).contains("512 addresses");
        LookupResult allowed = new DnsSource().lookup(big, context("dns", Map.of("ptr-max-addresses", "512")));
        assertThat(links(allowed, Relation.PTR)).hasSize(5);
    }

    @Test
    void aSilentResolverIsAnErrorOutcome() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            LookupContext c = new LookupContext(new SourceSettings("dns", Map.of("timeout", "200ms", "retries", "0")),
                    Duration.ofSeconds(30), Clock.systemUTC(), parser, CaseView.EMPTY, new RunOptions(
                    List.of("127.0.0.1:" + silent.address().getPort()), false, null, null, 1000));
            LookupResult r = new DnsSource().lookup(parser.parseAs(IndicatorType.IP, "192.0.2.10").orElseThrow()
                    .indicator(), c);
            assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(r.message()).contains("timeout");
        }
    }

    @Test
    void dnsblSourceReportsListingsAndErrorsApart() throws Exception {
        Source s = new DnsblSource();
        LookupResult listed = s.lookup(parser.parseAs(IndicatorType.IP, "192.0.2.1").orElseThrow().indicator(),
                context("dnsbl", Map.of("zone-suffix", "bl.test")));
        assertThat(listed.observations()).filteredOn(o -> o.relation() == Relation.LISTED_ON)
                .extracting(o -> o.value().get("list").asText())
                .containsExactlyInAnyOrder("zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org");
        LookupResult error = s.lookup(parser.parseAs(IndicatorType.IP, "192.0.2.3").orElseThrow().indicator(),
                context("dnsbl", Map.of("zone-suffix", "bl.test")));
        assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(error.observations()).isEmpty();
        assertThat(error.message()).contains("zen.spamhaus.org", "public or open resolver");
        LookupResult domain = s.lookup(parser.parseAs(IndicatorType.DOMAIN, "bad.example").orElseThrow().indicator(),
                context("dnsbl", Map.of("zone-suffix", "bl.test")));
        assertThat(domain.observations()).hasSize(3);
    }

    @Test
    void cymruSourceLinksTheIpToItsAsnAndPrefix() throws Exception {
        LookupResult r = new CymruSource().lookup(parser.parseAs(IndicatorType.IP, "192.0.2.1").orElseThrow()
                .indicator(), context("cymru", Map.of("origin-zone", "origin.asn.cymru.test", "asn-zone",
                "asn.cymru.test")));
        assertThat(links(r, Relation.ANNOUNCED_BY)).containsExactly("ip:192.0.2.1 -> asn:AS64500");
        assertThat(links(r, Relation.IN_NETBLOCK)).containsExactly("ip:192.0.2.1 -> cidr:192.0.2.0/24");
    }

    @Test
    void activeSourcesTransferZonesAndBruteForceNames(@TempDir Path dir) throws Exception {
        Indicator open = parser.parseAs(IndicatorType.DOMAIN, "axfr-open.test").orElseThrow().indicator();
        LookupResult axfr = new AxfrSource().lookup(open, context("axfr", Map.of("port",
                String.valueOf(nsd.port()))));
        assertThat(links(axfr, Relation.SUBDOMAIN)).contains("domain:axfr-open.test -> host:secret-admin.axfr-open.test");
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "www\nmail\nnothing-here\n");
        LookupResult sub = new SubdomainsSource().lookup(parser.parseAs(IndicatorType.DOMAIN, "records.test")
                .orElseThrow().indicator(), context("subdomains", Map.of("wordlist", words.toString())));
        assertThat(links(sub, Relation.SUBDOMAIN)).containsExactly("domain:records.test -> host:mail.records.test",
                "domain:records.test -> host:www.records.test");
        assertThat(sub.message()).contains("3 words asked");
    }

    @Test
    void declareTheirAccessTypesAndRelations() {
        assertThat(new AxfrSource().info().access()).isEqualTo(io.infrapivot.source.Access.ACTIVE);
        assertThat(new SubdomainsSource().info().access()).isEqualTo(io.infrapivot.source.Access.ACTIVE);
        for (Source s : List.<Source>of(new DnsSource(), new DnsblSource(), new CymruSource())) {
            assertThat(s.info().access()).isEqualTo(io.infrapivot.source.Access.PASSIVE);
            assertThat(s.info().settings()).extracting(x -> x.name()).contains("timeout", "retries", "tcp", "doh");
        }
        assertThat(new DnsSource().info().produces()).contains(Relation.SPF_INCLUDE, Relation.SOA_EMAIL,
                Relation.VERIFICATION_TOKEN);
        assertThat(new DnsSource().info().accepts()).contains(IndicatorType.CIDR, IndicatorType.HOST);
    }

    @Test
    void everyPassiveDnsSourceDeclaresEveryRelationOfEveryAnswerShape() throws Exception {
        Map<String, String> cymruHere = Map.of("origin-zone", "origin.asn.cymru.test", "origin6-zone",
                "origin6.asn.cymru.test", "asn-zone", "asn.cymru.test");
        Map<String, String> cymruUnserved = Map.of("origin-zone", "origin.asn.unserved.test", "origin6-zone",
                "origin6.asn.unserved.test", "asn-zone", "asn.unserved.test");
        record Case(Source source, Map<String, String> settings, IndicatorType type, String value) {}
        List<Case> cases = List.of(
                new Case(new CymruSource(), cymruHere, IndicatorType.IP, "89.248.165.66"),
                new Case(new CymruSource(), cymruHere, IndicatorType.IP, "203.0.113.1"),
                new Case(new CymruSource(), cymruHere, IndicatorType.IP, "2a00:b01::1"),
                new Case(new CymruSource(), cymruUnserved, IndicatorType.IP, "89.248.165.66"),
                new Case(new CymruSource(), cymruHere, IndicatorType.ASN, "AS202425"),
                new Case(new CymruSource(), cymruUnserved, IndicatorType.ASN, "AS202425"),
                new Case(new DnsSource(), Map.of("srv-services", "none"), IndicatorType.HOST, "www.records.test"),
                new Case(new DnsSource(), Map.of("srv-services", "none"), IndicatorType.HOST, "nothing.records.test"),
                new Case(new DnsSource(), Map.of("srv-services", "none"), IndicatorType.HOST, "dangling.records.test"));
        for (Case c : cases) {
            Indicator ind = parser.parseAs(c.type(), c.value()).orElseThrow().indicator();
            LookupResult r = c.source().lookup(ind, context(c.source().info().id(), c.settings()));
            assertThat(r.observations()).as(c.source().info().id() + " " + c.value()).isNotEmpty()
                    .allSatisfy(o -> assertThat(c.source().info().produces()).contains(o.relation()));
        }
    }
}
