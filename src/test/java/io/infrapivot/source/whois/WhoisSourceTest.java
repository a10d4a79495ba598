package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.TestFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whois source against local WHOIS servers on 127.0.0.1 that answer like the real chain. */
class WhoisSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private final List<LocalWhoisServer> servers = new ArrayList<>();
    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, String> extraSettings = new HashMap<>();

    @AfterEach
    void stop() throws IOException {
        for (LocalWhoisServer s : servers) s.close();
    }

    private LocalWhoisServer serve(String host, String fixture) throws IOException {
        return serveText(host, TestFixtures.text("whois/" + fixture));
    }

    private LocalWhoisServer serveText(String host, String text) throws IOException {
        LocalWhoisServer s = LocalWhoisServer.text(q -> text);
        return add(host, s);
    }

    private LocalWhoisServer add(String host, LocalWhoisServer s) {
        servers.add(s);
        overrides.put(host, s.address());
        return s;
    }

    private LookupResult lookup(IndicatorType type, String value) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        overrides.forEach((h, a) -> sb.append(sb.isEmpty() ? "" : ",").append(h).append('=').append(a));
        Map<String, String> settings = new HashMap<>(extraSettings);
        settings.put("servers", sb.toString());
        LookupContext ctx = new LookupContext(new SourceSettings("whois", settings), Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC), IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults());
        return new WhoisSource().lookup(Indicator.of(type, value), ctx);
    }

    private static RegistrationRecord record(LookupResult r) {
        Observation o = r.observations().stream().filter(x -> x.relation() == Relation.REGISTRATION).findFirst()
                .orElseThrow();
        return RegistrationJson.fromTree(o.value());
    }

    private static String ianaReferral(String host) {
        return "% IANA WHOIS server\n\nrefer:        " + host + "\n\ndomain:       X\n\nsource:       IANA\n";
    }

    @Test
    void domainChainIanaRegistryRegistrar() throws Exception {
        LocalWhoisServer iana = serve("whois.iana.org", "iana-com.txt");
        LocalWhoisServer registry = serve("whois.verisign-grs.com", "verisign-thin.txt");
        LocalWhoisServer registrar = serve("whois.registrar.example", "registrar-thick.txt");
        LookupResult r = lookup(IndicatorType.HOST, "www.example-shop.com");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(iana.queries).containsExactly("com");
        assertThat(registry.queries).containsExactly("domain example-shop.com");
        assertThat(registrar.queries).containsExactly("example-shop.com");
        assertThat(r.evidence()).hasSize(3);
        assertThat(r.evidence().get(1).request()).isEqualTo("whois.verisign-grs.com domain example-shop.com");
        assertThat(r.evidence().get(1).contentType()).isEqualTo("whois-text");
        RegistrationRecord rec = record(r);
        assertThat(rec.expires()).isEqualTo(Instant.parse("2025-08-13T04:00:00Z"));
        assertThat(rec.statuses()).containsExactly("clientDeleteProhibited", "clientTransferProhibited");
        assertThat(rec.contacts().registrant().email()).isEqualTo("jane@roewidgets.example");
        assertThat(rec.format()).isEqualTo("verisign-thin+icann");
        assertThat(rec.server()).isEqualTo("whois.registrar.example");
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.REGISTRANT_EMAIL
                && o.object().value().equals("jane@roewidgets.example") && o.evidence() != null);
    }

    @Test
    void ipChainFollowsArinReferralToRipe() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.arin.net"));
        LocalWhoisServer arin = serve("whois.arin.net", "arin-referral.txt");
        LocalWhoisServer ripe = serve("whois.ripe.net", "ripe-inetnum.txt");
        LookupResult r = lookup(IndicatorType.IP, "193.0.0.1");
        assertThat(arin.queries).containsExactly("n + 193.0.0.1");
        assertThat(ripe.queries).containsExactly("-B 193.0.0.1");
        RegistrationRecord rec = record(r);
        assertThat(rec.network().name()).isEqualTo("RIPE-NCC");
        assertThat(rec.network().rir()).isEqualTo("ripe");
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.IN_NETBLOCK
                && o.object().value().equals("193.0.0.0/21"));
    }

    @ParameterizedTest
    @CsvSource({"whois.apnic.net, apnic-inetnum.txt, 1.1.1.1, 1.1.1.1, APNIC-LABS",
            "whois.afrinic.net, afrinic-inetnum.txt, 196.216.2.1, -B 196.216.2.1, AFRINIC-Ops-2",
            "whois.lacnic.net, lacnic-inetnum.txt, 200.7.84.1, 200.7.84.1, ",
            "whois.arin.net, arin-ip.txt, 8.8.8.8, n + 8.8.8.8, GOGL"})
    void eachRirAnsweringDirectly(String host, String fixture, String ip, String expectedQuery, String netname)
            throws Exception {
        serveText("whois.iana.org", ianaReferral(host));
        LocalWhoisServer rir = serve(host, fixture);
        RegistrationRecord rec = record(lookup(IndicatorType.IP, ip));
        assertThat(rir.queries).containsExactly(expectedQuery);
        assertThat(rec.network().name()).isEqualTo(netname);
        assertThat(rec.network().cidrs()).isNotEmpty();
    }

    @Test
    void asnQueryUsesArinSyntax() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.arin.net"));
        LocalWhoisServer arin = serve("whois.arin.net", "arin-asn.txt");
        RegistrationRecord rec = record(lookup(IndicatorType.ASN, "AS15169"));
        assertThat(arin.queries).containsExactly("a + 15169");
        assertThat(rec.autnum().name()).isEqualTo("GOOGLE");
    }

    @Test
    void rwhoisReferralIsNotedNotFollowed() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.arin.net"));
        serveText("whois.arin.net", TestFixtures.text("whois/arin-ip.txt")
                + "\nReferralServer:  rwhois://rwhois.isp.example:4321\n");
        LookupResult r = lookup(IndicatorType.IP, "8.8.8.8");
        assertThat(r.message()).contains("rwhois://rwhois.isp.example:4321 not followed");
        assertThat(r.evidence()).hasSize(2);
    }

    @Test
    void referralsToPrivateAddressesAreNotFollowed() throws Exception {
        serve("whois.iana.org", "iana-com.txt");
        serveText("whois.verisign-grs.com", TestFixtures.text("whois/verisign-thin.txt")
                .replace("whois.registrar.example", "10.0.0.7"));
        LookupResult r = lookup(IndicatorType.DOMAIN, "example-shop.com");
        assertThat(r.evidence()).hasSize(2);
        assertThat(r.message()).contains("referral to 10.0.0.7 not followed (not a public host name)");
        assertThat(record(r).registrar().name()).isEqualTo("Example Registrar, LLC");
    }

    @ParameterizedTest
    @CsvSource({"whois.nic.uk, nominet.txt, example-widgets.co.uk",
            "whois.denic.de, denic.txt, beispiel-firma.de",
            "whois.jprs.jp, jprs.txt, example-shop.jp",
            "whois.nic.fr, afnic.txt, exemple-boutique.fr",
            "whois.domain-registry.nl, sidn.txt, voorbeeld-winkel.nl",
            "whois.eu, eurid.txt, example-shop.eu",
            "whois.nic.it, nic-it.txt, esempio-negozio.it",
            "whois.tcinet.ru, tci.txt, primer-magazin.ru",
            "whois.registro.br, registro-br.txt, exemplo-loja.com.br",
            "whois.auda.org.au, auda.txt, example-shop.com.au",
            "whois.cnnic.cn, cnnic.txt, shili-shangdian.cn"})
    void ccTldFormatsThroughTheChain(String host, String fixture, String domain) throws Exception {
        serveText("whois.iana.org", ianaReferral(host));
        LocalWhoisServer registry = serve(host, fixture);
        LookupResult r = lookup(IndicatorType.DOMAIN, domain);
        RegistrationRecord rec = record(r);
        assertThat(rec.domain()).isEqualTo(domain);
        assertThat(rec.status().id()).isEqualTo("registered");
        assertThat(rec.nameServers()).isNotEmpty();
        assertThat(registry.queries).containsExactly(WhoisChain.query(host, "domain", domain));
    }

    @Test
    void serverQuerySyntaxes() {
        assertThat(WhoisChain.query("whois.denic.de", "domain", "a.de")).isEqualTo("-T dn,ace a.de");
        assertThat(WhoisChain.query("whois.jprs.jp", "domain", "a.jp")).isEqualTo("a.jp/e");
        assertThat(WhoisChain.query("whois.ripe.net", "asn", "3333")).isEqualTo("-B AS3333");
        assertThat(WhoisChain.query("whois.arin.net", "ip", "8.8.8.8")).isEqualTo("n + 8.8.8.8");
    }

    @Test
    void tableIsUsedWhenIanaCannotBeReached() throws Exception {
        overrides.put("whois.iana.org", LocalWhoisServer.closedPort());
        LocalWhoisServer denic = serve("whois.denic.de", "denic.txt");
        LookupResult r = lookup(IndicatorType.DOMAIN, "beispiel-firma.de");
        assertThat(denic.queries).containsExactly("-T dn,ace beispiel-firma.de");
        assertThat(r.message()).contains("IANA server failed").contains("cannot connect");
        assertThat(record(r).nameServers()).containsExactly("ns1.beispiel-dns.de", "ns2.beispiel-dns.de");
    }

    @Test
    void ianaSettingNamesTheFirstServer() throws Exception {
        LocalWhoisServer mirror = serveText("iana-mirror.test", ianaReferral("whois.denic.de"));
        serve("whois.denic.de", "denic.txt");
        extraSettings.put("iana", "iana-mirror.test");
        assertThat(record(lookup(IndicatorType.DOMAIN, "beispiel-firma.de")).domain()).isEqualTo("beispiel-firma.de");
        assertThat(mirror.queries).containsExactly("de");
    }

    @Test
    void notFoundIsAvailableNotAnError() throws Exception {
        serve("whois.iana.org", "iana-com.txt");
        serve("whois.verisign-grs.com", "verisign-notfound.txt");
        LookupResult r = lookup(IndicatorType.DOMAIN, "surely-not-registered-12345.com");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(record(r).status().id()).isEqualTo("available");
        assertThat(r.observations()).hasSize(1);
    }

    @Test
    void rateLimitIsAnErrorNotData() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.pir.org"));
        serve("whois.pir.org", "throttled-pir.txt");
        LookupResult r = lookup(IndicatorType.DOMAIN, "example.org");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("whois.pir.org").contains("rate-limited");
        assertThat(r.observations()).isEmpty();
        assertThat(r.evidence()).hasSize(2);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.nic.it"));
        add("whois.nic.it", LocalWhoisServer.handler((q, out) -> Thread.sleep(10_000)));
        extraSettings.put("read_timeout", "1s");
        LookupResult r = lookup(IndicatorType.DOMAIN, "esempio.it");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).isEqualTo("whois.nic.it timed out (connect 10 s, read 1 s)");
    }

    @Test
    void interruptStopsALookupWaitingOnASilentServer() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.nic.it"));
        add("whois.nic.it", LocalWhoisServer.handler((q, out) -> Thread.sleep(20_000)));
        var thrown = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                lookup(IndicatorType.DOMAIN, "esempio.it");
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (servers.get(1).queries.isEmpty() && t.isAlive() && System.nanoTime() < giveUp) Thread.sleep(20);
        assertThat(servers.get(1).queries).as("the silent server was asked within 10 s").isNotEmpty();
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void slowDripServerHitsTheDeadline() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.nic.it"));
        add("whois.nic.it", LocalWhoisServer.handler((q, out) -> {
            for (int i = 0; i < 30; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(700);
            }
        }));
        extraSettings.put("timeout", "2s");
        LookupResult r = lookup(IndicatorType.DOMAIN, "esempio.it");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("did not finish its answer within 2 s");
    }

    @Test
    void oversizedAnswerIsCutAndSaid() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.nic.it"));
        String big = TestFixtures.text("whois/nic-it.txt") + "% filler\n".repeat(20_000);
        serveText("whois.nic.it", big);
        extraSettings.put("max_bytes", "65536");
        LookupResult r = lookup(IndicatorType.DOMAIN, "esempio-negozio.it");
        assertThat(r.message()).contains("whois.nic.it sent more than 65536 bytes; the answer was cut");
        assertThat(r.evidence().get(1).response()).hasSize(65536);
        assertThat(r.evidence().get(1).status()).isEqualTo("truncated");
        assertThat(record(r).domain()).isEqualTo("esempio-negozio.it");
    }

    @Test
    void latin1AnswerIsDecoded() throws Exception {
        serveText("whois.iana.org", ianaReferral("whois.example-latin.test"));
        String text = "Domain Name: societe-exemple.fr\nRegistrar: Registraire\nCreation Date: 2020-01-01\n"
                + "Registrant Organization: Société Générale\nName Server: ns1.societe-exemple.fr\n";
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        add("whois.example-latin.test", LocalWhoisServer.handler((q, out) -> out.write(latin1)));
        RegistrationRecord rec = record(lookup(IndicatorType.DOMAIN, "societe-exemple.fr"));
        assertThat(rec.contacts().registrant().organization()).isEqualTo("Société Générale");
        assertThat(WhoisClient.decode(latin1, null)).contains("Société Générale");
        assertThat(WhoisClient.decode(text.getBytes(StandardCharsets.UTF_8), null)).contains("Société Générale");
    }
}
