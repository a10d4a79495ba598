package io.infrapivot.source.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsResolver;
import io.infrapivot.source.dns.NsdServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocklist answers with the real lists' codes, served by NSD under bl.test. */
class DnsblCheckerTest {
    private final DnsblChecker checker = new DnsblChecker(new Asker(new DnsResolver(NsdServer.shared().config())),
            "bl.test");

    private static List<String> meanings(DnsblChecker.Result r) {
        List<String> out = new java.util.ArrayList<>();
        if (r.listing() != null) r.listing().get("meanings").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void readsIpListingsWithTheirMeanings() throws Exception {
        DnsblChecker.Result zen = checker.check(Blocklist.ZEN, "192.0.2.1", true);
        assertThat(meanings(zen)).containsExactlyInAnyOrder(
                "SBL: Spamhaus SBL data (spam source or operation)",
                "XBL: exploited host (CBL data: botnet, proxy, malware)");
        assertThat(zen.listing().get("txt").get(0).asText()).contains("SBL000001");
        assertThat(zen.error()).isNull();
        assertThat(meanings(checker.check(Blocklist.ZEN, "192.0.2.2", true))).hasSize(3)
                .anySatisfy(m -> assertThat(m).startsWith("PBL: ISP-maintained"))
                .anySatisfy(m -> assertThat(m).startsWith("SBL CSS"))
                .anySatisfy(m -> assertThat(m).startsWith("SBL DROP"));
        assertThat(meanings(checker.check(Blocklist.SPAMCOP, "192.0.2.1", true))).containsExactly(
                "SpamCop: reported spam source");
        assertThat(meanings(checker.check(Blocklist.BARRACUDA, "192.0.2.1", true))).hasSize(1);
        assertThat(meanings(checker.check(Blocklist.ZEN, "2001:db8::1", true))).containsExactly(
                "XBL: exploited host (CBL data: botnet, proxy, malware)");
        DnsblChecker.Result clean = checker.check(Blocklist.ZEN, "192.0.2.77", true);
        assertThat(clean.listing()).isNull();
        assertThat(clean.error()).isNull();
    }

    @Test
    void reportsSpamhausErrorCodesAsErrorsNeverListings() throws Exception {
        for (String[] c : new String[][] {{"192.0.2.3", "public or open resolver"}, {"192.0.2.4", "typing error"},
                {"192.0.2.5", "excessive number of queries"}}) {
            DnsblChecker.Result r = checker.check(Blocklist.ZEN, c[0], true);
            assertThat(r.listing()).as(c[0]).isNull();
            assertThat(r.error()).contains(c[1]);
        }
        DnsblChecker.Result quota = checker.check(Blocklist.DBL, "quota.example", false);
        assertThat(quota.listing()).isNull();
        assertThat(quota.error()).contains("127.255.255.255");
    }

    @Test
    void readsDomainListsDblSurblAndUribl() throws Exception {
        assertThat(meanings(checker.check(Blocklist.DBL, "bad.example", false))).containsExactly("DBL: spam domain");
        assertThat(meanings(checker.check(Blocklist.DBL, "phish.example", false)))
                .containsExactly("DBL: phishing domain");
        assertThat(meanings(checker.check(Blocklist.DBL, "c2.example", false)))
                .containsExactly("DBL: botnet C&C domain");
        assertThat(meanings(checker.check(Blocklist.DBL, "hacked.example", false)))
                .containsExactly("DBL: abused legit domain (phishing)");
        assertThat(meanings(checker.check(Blocklist.SURBL, "bad.example", false)))
                .containsExactly("SURBL MW: malware", "SURBL PH: phishing");
        assertThat(meanings(checker.check(Blocklist.SURBL, "hacked.example", false)))
                .containsExactly("SURBL CR: cracked (compromised) site");
        assertThat(meanings(checker.check(Blocklist.URIBL, "bad.example", false)))
                .containsExactly("URIBL black: spam domain");
        assertThat(meanings(checker.check(Blocklist.URIBL, "grey.example", false)))
                .containsExactly("URIBL grey: bulk-mail domain", "URIBL red: newly seen in spam");
        DnsblChecker.Result refused = checker.check(Blocklist.URIBL, "refused.example", false);
        assertThat(refused.listing()).isNull();
        assertThat(refused.error()).contains("query refused");
    }

    @Test
    void buildsQueryNames() {
        DnsblChecker plain = new DnsblChecker(null, null);
        assertThat(plain.queryName(Blocklist.ZEN, "198.51.100.7", true)).isEqualTo("7.100.51.198.zen.spamhaus.org");
        assertThat(plain.queryName(Blocklist.ZEN, "2001:db8::1", true)).isEqualTo(
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org");
        assertThat(plain.queryName(Blocklist.DBL, "evil.example", false)).isEqualTo("evil.example.dbl.spamhaus.org");
    }

    @Test
    void unknownListsReadAny127AnswerAsListedAndOthersAsErrors() {
        Blocklist custom = Blocklist.forZone("dnsbl.example.net", true);
        assertThat(custom.read(List.of("127.0.0.5")).meanings()).containsExactly(
                "listed on dnsbl.example.net (127.0.0.5)");
        assertThat(custom.read(List.of("203.0.113.9")).errors()).singleElement().asString()
                .contains("not a blocklist answer");
        assertThat(Blocklist.forZone("ZEN.spamhaus.org", true)).isSameAs(Blocklist.ZEN);
    }
}
