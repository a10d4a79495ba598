package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.model.Relation;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The {@code dns} source's questions and findings, against the test zones served by a real NSD. */
class DnsLookupTest {
    private final NsdServer nsd = NsdServer.shared();

    private DnsLookup lookup(List<String> srv) {
        return new DnsLookup(new Asker(new DnsResolver(nsd.config())), srv, 256, 16);
    }

    private static List<String> objects(List<Finding> fs, Relation r) {
        return fs.stream().filter(f -> f.relation() == r).map(f -> f.object().text()).sorted().toList();
    }

    private static List<Finding> of(List<Finding> fs, Relation r) {
        return fs.stream().filter(f -> f.relation() == r).toList();
    }

    @Test
    void readsEveryRecordTypeOfADomain() throws Exception {
        List<Finding> fs = lookup(SrvServices.DEFAULT).name(DnsNames.parse("records.test"));
        assertThat(objects(fs, Relation.RESOLVES_TO)).containsExactly("192.0.2.1", "192.0.2.2", "2001:db8::1");
        assertThat(objects(fs, Relation.MAIL_SERVER)).containsExactly("mail.records.test", "mx.mail-provider.test");
        assertThat(of(fs, Relation.MAIL_SERVER)).anySatisfy(f -> assertThat(f.field("preference")).isEqualTo("20"));
        assertThat(objects(fs, Relation.NAME_SERVER)).containsExactly("ns1.records.test", "ns2.dns-host.test");
        assertThat(objects(fs, Relation.SOA_PRIMARY)).containsExactly("ns1.records.test");
        assertThat(objects(fs, Relation.SOA_EMAIL)).containsExactly("hostmaster@records.test");
        assertThat(objects(fs, Relation.SERVICE_HOST)).containsExactly("sip.records.test", "svc.records.test",
                "xmpp.records.test");
        assertThat(of(fs, Relation.SERVICE_HOST)).anySatisfy(f -> {
            assertThat(f.field("service")).isEqualTo("_sip._tcp.records.test");
            assertThat(f.field("port")).isEqualTo("5060");
        });
        List<Finding> records = of(fs, Relation.DNS_RECORD);
        assertThat(records).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("CAA");
            assertThat(f.field("tag")).isEqualTo("issue");
            assertThat(f.field("value")).isEqualTo("letsencrypt.org");
        });
        assertThat(records).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("TXT");
            assertThat(f.field("text")).startsWith("just some text with \"quotes\"").contains("\u001b");
        });
        assertThat(records).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("DNSSEC");
            assertThat(f.field("signed")).isEqualTo("true");
            assertThat(f.field("dnskey")).isEqualTo("1");
        });
        assertThat(records).anySatisfy(f -> assertThat(f.field("type")).isEqualTo("MTA-STS"));
        assertThat(records).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("BIMI");
            assertThat(f.field("l")).isEqualTo("https://records.test/logo.svg");
        });
        assertThat(records).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("TLS-RPT");
            assertThat(f.value().get("report_emails").get(0).asText()).isEqualTo("tlsrpt@records.test");
        });
        // no wildcard in records.test
        assertThat(records).noneSatisfy(f -> assertThat(f.field("type")).isEqualTo("WILDCARD"));
    }

    @Test
    void readsSvcbTargetsAndDsPresence() throws Exception {
        List<Finding> svcb = lookup(List.of()).name(DnsNames.parse("svcb-host.records.test"));
        assertThat(of(svcb, Relation.SERVICE_HOST)).singleElement().satisfies(f -> {
            assertThat(f.object().text()).isEqualTo("svc.records.test");
            assertThat(f.field("type")).isEqualTo("SVCB");
            assertThat(f.field("params")).contains("port=8443");
        });
        List<Finding> signed = lookup(List.of()).name(DnsNames.parse("signed.records.test"));
        assertThat(of(signed, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("DNSSEC");
            assertThat(f.field("ds")).isEqualTo("1");
            assertThat(f.field("signed")).isEqualTo("true");
        });
        List<Finding> unsigned = lookup(List.of()).name(DnsNames.parse("wild.test"));
        assertThat(of(unsigned, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("DNSSEC");
            assertThat(f.field("signed")).isEqualTo("false");
        });
    }

    @Test
    void storesVerificationTokensAsValues() throws Exception {
        List<Finding> fs = lookup(List.of()).name(DnsNames.parse("records.test"));
        assertThat(of(fs, Relation.VERIFICATION_TOKEN)).extracting(f -> f.field("provider") + " " + f.field("token"))
                .containsExactlyInAnyOrder("google google-site-verification=AbCdEf0123456789_token-google",
                        "microsoft MS=ms12345678", "facebook facebook-domain-verification=fbtoken0123456789abcdef",
                        "atlassian atlassian-domain-verification=AtlassianToken+/==",
                        "apple apple-domain-verification=AppleToken42");
    }

    @Test
    void followsSpfIncludesAndRedirectsWithinTheLookupLimit() throws Exception {
        List<Finding> fs = lookup(List.of()).name(DnsNames.parse("records.test"));
        assertThat(of(fs, Relation.SPF_INCLUDE)).extracting(f -> f.subject().text() + " -> " + f.object().text())
                .containsExactlyInAnyOrder("records.test -> _spf.records.test",
                        "records.test -> mail.records.test", "_spf.records.test -> _spf2.records.test",
                        "_spf2.records.test -> _spf3.records.test");
        assertThat(of(fs, Relation.SPF_ALLOWS)).extracting(f -> f.object().kind() + " " + f.object().text())
                .containsExactlyInAnyOrder("CIDR 192.0.2.0/24", "CIDR 2001:db8::/32", "IP 198.51.100.7",
                        "CIDR 203.0.113.0/25", "CIDR 2001:db8:5::/48");
        // exists:%{i}... names no fixed host: kept as a record, not a pivot
        assertThat(of(fs, Relation.DNS_RECORD)).anySatisfy(f -> assertThat(f.field("macro"))
                .isEqualTo("%{i}._spf.records.test"));
    }

    @Test
    void detectsSpfLoopsAndTheTenLookupLimit() throws Exception {
        List<Finding> loop = lookup(List.of()).name(DnsNames.parse("loop-a.records.test"));
        assertThat(of(loop, Relation.DNS_RECORD)).anySatisfy(f -> assertThat(f.field("error")).isEqualTo("loop"));
        List<Finding> deep = lookup(List.of()).name(DnsNames.parse("deep.records.test"));
        assertThat(of(deep, Relation.SPF_ALLOWS)).hasSize(8);
        assertThat(of(deep, Relation.DNS_RECORD)).noneSatisfy(f -> assertThat(f.field("error")).isNotNull());
        List<Finding> tooDeep = lookup(List.of()).name(DnsNames.parse("toodeep.records.test"));
        assertThat(of(tooDeep, Relation.DNS_RECORD)).anySatisfy(f -> assertThat(f.field("error"))
                .isEqualTo("lookup-limit"));
        assertThat(objects(tooDeep, Relation.SPF_INCLUDE)).doesNotContain("d7.records.test");
    }

    @Test
    void readsDmarcReportAddressesAndChecksExternalDestinations() throws Exception {
        List<Finding> fs = lookup(List.of()).name(DnsNames.parse("records.test"));
        assertThat(of(fs, Relation.DMARC_REPORT)).extracting(f -> f.object().text() + " " + f.field("tag") + " "
                + f.field("external") + " " + f.field("authorized")).containsExactlyInAnyOrder(
                "dmarc@records.test rua false null", "reports@dmarc-vendor.test rua true true",
                "forensic@records.test ruf false null", "agg@unauthorized.dmarc-vendor.test ruf true false");
        assertThat(of(fs, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("DMARC");
            assertThat(f.field("p")).isEqualTo("reject");
        });
    }

    @Test
    void followsCnameChainsAndDetectsLoops() throws Exception {
        List<Finding> www = lookup(List.of()).name(DnsNames.parse("www.records.test"));
        assertThat(of(www, Relation.ALIAS_OF)).extracting(f -> f.subject().text() + " -> " + f.object().text())
                .contains("www.records.test -> chain1.records.test", "chain1.records.test -> chain2.records.test");
        assertThat(of(www, Relation.RESOLVES_TO)).singleElement().satisfies(f -> {
            assertThat(f.subject().text()).isEqualTo("www.records.test");
            assertThat(f.object().text()).isEqualTo("192.0.2.80");
            assertThat(f.field("owner")).isEqualTo("chain2.records.test");
        });
        List<Finding> loop = lookup(List.of()).name(DnsNames.parse("loop1.records.test"));
        assertThat(of(loop, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("loop")).isEqualTo("true");
            assertThat(f.value().get("chain").toString()).contains("loop1.records.test", "loop2.records.test");
        });
        assertThat(of(loop, Relation.RESOLVES_TO)).isEmpty();
        // a chain leaving the server's zones ends in its outcome (REFUSED here), named
        List<Finding> out = lookup(List.of()).name(DnsNames.parse("outside.records.test"));
        assertThat(objects(out, Relation.ALIAS_OF)).contains("www.elsewhere.test");
        assertThat(of(out, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("outcome")).isEqualTo("refused");
            assertThat(f.field("name")).isEqualTo("www.elsewhere.test");
        });
    }

    @Test
    void keepsADanglingChainAndMarksItsEndAsNonExistent() throws Exception {
        // NXDOMAIN with the chain in the answer (RFC 6604): the rcode is about gone.records.test
        List<Finding> fs = lookup(List.of()).name(DnsNames.parse("dangling.records.test"));
        assertThat(of(fs, Relation.ALIAS_OF)).extracting(f -> f.subject().text() + " -> " + f.object().text())
                .containsExactly("dangling.records.test -> dangling-mid.records.test",
                        "dangling-mid.records.test -> gone.records.test");
        assertThat(of(fs, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.subject().text()).isEqualTo("dangling.records.test");
            assertThat(f.field("outcome")).isEqualTo("nxdomain");
            assertThat(f.field("dangling")).isEqualTo("true");
            assertThat(f.field("name")).isEqualTo("gone.records.test");
            assertThat(f.value().get("chain").toString()).contains("dangling-mid.records.test");
        });
        assertThat(of(fs, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.subject().text()).isEqualTo("gone.records.test");
            assertThat(f.field("outcome")).isEqualTo("nxdomain");
        });
        assertThat(of(fs, Relation.RESOLVES_TO)).isEmpty();
        // the missing end in another zone the server serves
        List<Finding> out = lookup(List.of()).name(DnsNames.parse("dangling-out.records.test"));
        assertThat(of(out, Relation.ALIAS_OF)).extracting(f -> f.object().text()).containsExactly("gone.bl.test");
        assertThat(of(out, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("dangling")).isEqualTo("true");
            assertThat(f.field("name")).isEqualTo("gone.bl.test");
        });
        // a plain missing name is not a chain
        List<Finding> none = lookup(List.of()).name(DnsNames.parse("nothing-here.records.test"));
        assertThat(none).singleElement().satisfies(f -> {
            assertThat(f.field("outcome")).isEqualTo("nxdomain");
            assertThat(f.field("dangling")).isNull();
        });
    }

    @Test
    void keepsAChainEndingWithoutAddressesAsNodata() throws Exception {
        List<Finding> fs = lookup(List.of()).name(DnsNames.parse("nodata-alias.records.test"));
        assertThat(of(fs, Relation.ALIAS_OF)).extracting(f -> f.object().text()).contains("txtonly.records.test");
        assertThat(of(fs, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.subject().text()).isEqualTo("nodata-alias.records.test");
            assertThat(f.field("type")).isEqualTo("A");
            assertThat(f.field("outcome")).isEqualTo("nodata");
            assertThat(f.field("name")).isEqualTo("txtonly.records.test");
            assertThat(f.field("dangling")).isNull();
        });
        assertThat(of(fs, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.subject().text()).isEqualTo("txtonly.records.test");
            assertThat(f.field("outcome")).isEqualTo("nodata");
        });
    }

    @Test
    void marksWildcardAnswersInsteadOfPivoting() throws Exception {
        List<Finding> any = lookup(List.of()).name(DnsNames.parse("random-thing.wild.test"));
        assertThat(of(any, Relation.RESOLVES_TO)).isEmpty();
        assertThat(of(any, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("wildcard")).isEqualTo("true");
            assertThat(f.field("data")).isEqualTo("192.0.2.99");
        });
        // a real record that differs from the wildcard is a pivot
        assertThat(objects(lookup(List.of()).name(DnsNames.parse("www.wild.test")), Relation.RESOLVES_TO))
                .containsExactly("192.0.2.10");
        // the zone itself reports its wildcard; its SOA RNAME keeps the escaped dot
        List<Finding> zone = lookup(List.of()).name(DnsNames.parse("wild.test"));
        assertThat(of(zone, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("WILDCARD");
            assertThat(f.value().get("answers").toString()).contains("A 192.0.2.99");
        });
        assertThat(objects(zone, Relation.SOA_EMAIL)).containsExactly("first.last@wild.test");
    }

    @Test
    void keepsNegativeOutcomesDistinct() throws Exception {
        List<Finding> nx = lookup(List.of()).name(DnsNames.parse("missing.records.test"));
        assertThat(nx).singleElement().satisfies(f -> assertThat(f.field("outcome")).isEqualTo("nxdomain"));
        List<Finding> nodata = lookup(List.of()).name(DnsNames.parse("nodata.records.test"));
        assertThat(of(nodata, Relation.DNS_RECORD)).anySatisfy(f -> {
            assertThat(f.field("type")).isEqualTo("A");
            assertThat(f.field("outcome")).isEqualTo("nodata");
        });
        List<Finding> servfail = lookup(List.of()).name(DnsNames.parse("www.broken.test"));
        assertThat(servfail).isNotEmpty().allSatisfy(f -> assertThat(f.field("outcome")).isEqualTo("servfail"));
    }

    @Test
    void timesOutAsItsOwnOutcome() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            DnsConfig cfg = DnsConfig.of(List.of(silent.address())).withTimeout(java.time.Duration.ofMillis(200), 0);
            List<Finding> fs = new DnsLookup(new Asker(new DnsResolver(cfg)), List.of(), 256, 16)
                    .ip("192.0.2.10");
            assertThat(fs).singleElement().satisfies(f -> assertThat(f.field("outcome")).isEqualTo("timeout"));
        }
    }

    @Test
    void readsPtrRecordsOfAnIpAndOfANetwork() throws Exception {
        assertThat(objects(lookup(List.of()).ip("192.0.2.10"), Relation.PTR)).containsExactly("host10.records.test");
        assertThat(objects(lookup(List.of()).ip("2001:db8::1"), Relation.PTR)).containsExactly("v6host.records.test");
        assertThat(lookup(List.of()).ip("192.0.2.11")).singleElement()
                .satisfies(f -> assertThat(f.field("outcome")).isEqualTo("nxdomain"));
        List<Finding> net = lookup(List.of()).cidr("192.0.2.0/24");
        assertThat(net.stream().filter(f -> f.relation() == Relation.PTR)
                .map(f -> f.subject().text() + " " + f.object().text()).sorted().collect(Collectors.toList()))
                .containsExactly("192.0.2.1 records.test", "192.0.2.10 host10.records.test",
                        "192.0.2.200 a.multi.test", "192.0.2.200 b.multi.test", "192.0.2.25 mail.records.test");
        assertThatThrownBy(() -> lookup(List.of()).cidr("192.0.0.0/16")).hasMessageContaining("65536")
                .hasMessageContaining("ptr-max-addresses");
    }

    @Test
    void answersAgreeWithDig() throws Exception {
        DnsResolver r = new DnsResolver(nsd.config());
        for (String[] q : new String[][] {{"records.test", "MX"}, {"records.test", "NS"}, {"records.test", "A"},
                {"records.test", "CAA"}, {"_sip._tcp.records.test", "SRV"}, {"svcb-host.records.test", "SVCB"},
                {"10.2.0.192.in-addr.arpa", "PTR"}, {"www.wild.test", "A"}, {"records.test", "AAAA"}}) {
            int type = org.xbill.DNS.Type.value(q[1]);
            List<String> ours = r.query(q[0], type).records().stream()
                    .map(x -> x instanceof org.xbill.DNS.AAAARecord v6 ? RecordInterpreter.ipText(v6.getAddress())
                            : x.rdataToString()).sorted().toList();
            assertThat(ours).as(q[0] + " " + q[1]).isEqualTo(nsd.dig(q[0], q[1])).isNotEmpty();
        }
    }
}
