package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.registration.Contact;
import io.infrapivot.source.registration.ParseStatus;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import io.infrapivot.source.registration.TestFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhoisParserTest {
    private static final Instant FETCHED = Instant.parse("2026-11-27T03:40:00Z");

    private static RegistrationRecord parse(String file, String server, String query) {
        return WhoisParser.parse(TestFixtures.text("whois/" + file), server, query, FETCHED);
    }

    @Test
    void aNotFoundAnswerParsedOfflineNamesTheDomainItQuotes() {
        RegistrationRecord r = WhoisParser.parse("No match for \"NONEXISTENT-DOMAIN-XYZ123.COM\".\r\n"
                + ">>> Last update of whois database: 2024-01-01T00:00:00Z <<<\r\n", null, null, FETCHED);
        assertThat(r.status()).isEqualTo(RegistrationStatus.AVAILABLE);
        assertThat(r.domain()).isEqualTo("nonexistent-domain-xyz123.com");
        RegistrationRecord unnamed = WhoisParser.parse("NOT FOUND\n", null, null, FETCHED);
        assertThat(unnamed.status()).isEqualTo(RegistrationStatus.AVAILABLE);
        assertThat(unnamed.domain()).isNull();
        assertThat(WhoisParser.nameInNotFound("No entries found for the selected source(s).")).isNull();
        assertThat(WhoisParser.nameInNotFound("%% No entries found for example.pl")).isEqualTo("example.pl");
    }

    @Test
    void polishAnswerWithNameServersOnLinesOfTheirOwnAndARegistrarBlock() {
        RegistrationRecord r = parse("dns-pl.txt", "whois.dns.pl", "przyklad-sklep.pl");
        assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(r.domain()).isEqualTo("przyklad-sklep.pl");
        assertThat(r.nameServers()).containsExactly("ns1.hosting-przyklad.pl", "ns2.hosting-przyklad.pl");
        assertThat(r.registrar().name()).isEqualTo("Przyklad Rejestrator Sp. z o.o.");
        assertThat(r.created()).isEqualTo(Instant.parse("2004-05-12T10:11:12Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-05-12T10:11:12Z"));
        assertThat(r.dnssec()).isFalse();
    }

    @Test
    void swedishAnswerThatLooksLikeRpslIsReadAsFlatPairs() {
        for (String server : new String[] {"whois.iis.se", null}) {
            RegistrationRecord r = parse("iis-se.txt", server, server == null ? null : "exempel-butik.se");
            assertThat(r.parseStatus()).isEqualTo(ParseStatus.FULL);
            assertThat(r.domain()).isEqualTo("exempel-butik.se");
            assertThat(r.registrar().name()).isEqualTo("Exempel Registrar AB");
            assertThat(r.created()).isEqualTo(Instant.parse("2003-02-11T00:00:00Z"));
            assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-20T00:00:00Z"));
            assertThat(r.expires()).isEqualTo(Instant.parse("2026-02-11T00:00:00Z"));
            assertThat(r.nameServers()).containsExactly("ns1.exempelhost.se", "ns2.exempelhost.se");
            assertThat(r.statuses()).contains("active", "ok");
            // the holder is a handle, not a name
            assertThat(r.contacts().registrant().handle()).isEqualTo("exmbut0101-00001");
            assertThat(r.contacts().registrant().name()).isNull();
        }
    }

    @Test
    void belgianAnswerWithAWrittenOutDateAndAHiddenRegistrant() {
        RegistrationRecord r = parse("dns-be.txt", "whois.dns.be", "voorbeeld-winkel.be");
        assertThat(r.domain()).isEqualTo("voorbeeld-winkel.be");
        assertThat(r.created()).isEqualTo(Instant.parse("2004-03-15T00:00:00Z"));
        assertThat(r.registrar().name()).isEqualTo("Voorbeeld Registrar NV");
        assertThat(r.nameServers()).containsExactly("ns1.voorbeeld-hosting.be", "ns2.voorbeeld-hosting.be");
        assertThat(r.privacy()).as("'Not shown' is a placeholder, not a holder").isTrue();
    }

    @Test
    void austrianAnswerResolvesTheRegistrantHandleAndSplitsTheRegistrarsPage() {
        RegistrationRecord r = parse("nic-at.txt", "whois.nic.at", "beispiel-laden.at");
        assertThat(r.registrar().name()).isEqualTo("Beispiel Registrar GmbH");
        assertThat(r.registrar().url()).isEqualTo("https://nic.at/registrar/123");
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-02T10:11:12Z"));
        assertThat(r.nameServers()).containsExactly("ns1.beispiel-hosting.at", "ns2.beispiel-hosting.at");
        Contact holder = r.contacts().registrant();
        assertThat(holder.handle()).isEqualTo("BLG123456-NICAT");
        assertThat(holder.name()).isEqualTo("Max Beispiel");
        assertThat(holder.organization()).isEqualTo("Beispiel Laden GmbH");
        assertThat(holder.email()).isEqualTo("office@beispiel-laden.at");
        assertThat(holder.city()).isEqualTo("Wien");
        assertThat(r.contacts().tech().email()).isEqualTo("tech@beispiel-hosting.at");
    }

    @Test
    void czechAnswerWithContactAndNssetObjects() {
        RegistrationRecord r = parse("cz-nic.txt", "whois.nic.cz", "priklad-obchod.cz");
        assertThat(r.created()).isEqualTo(Instant.parse("2005-03-15T10:11:12Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(r.nameServers()).containsExactly("ns1.priklad-hosting.cz", "ns2.priklad-hosting.cz");
        assertThat(r.contacts().registrant().handle()).isEqualTo("PRIKLAD-0001");
        assertThat(r.contacts().registrant().organization()).isEqualTo("Priklad s.r.o.");
        assertThat(r.contacts().registrant().name()).isEqualTo("Jan Priklad");
        assertThat(r.contacts().admin().name()).isEqualTo("Eva Prikladova");
    }

    @Test
    void finnishAnswerWithDottedKeysAndSectionsOnLinesOfTheirOwn() {
        RegistrationRecord r = parse("traficom-fi.txt", "whois.fi", "esimerkki-kauppa.fi");
        assertThat(r.domain()).isEqualTo("esimerkki-kauppa.fi");
        assertThat(r.created()).isEqualTo(Instant.parse("2010-04-12T10:11:12Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-04-12T10:11:12Z"));
        assertThat(r.nameServers()).containsExactly("ns1.esimerkki-hosting.fi", "ns2.esimerkki-hosting.fi");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.registrar().name()).isEqualTo("Esimerkki Rekisteröijä Oy");
        assertThat(r.contacts().registrant().name()).isEqualTo("Esimerkki Oy");
        assertThat(r.contacts().registrant().city()).isEqualTo("Helsinki");
    }

    @Test
    void koreanAnswerReadFromItsEnglishPart() {
        RegistrationRecord r = parse("kisa-kr.txt", "whois.kr", "yeje-shop.kr");
        assertThat(r.domain()).isEqualTo("yeje-shop.kr");
        assertThat(r.created()).isEqualTo(Instant.parse("2008-03-15T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(r.registrar().name()).isEqualTo("Yeje Registrar Co., Ltd.");
        assertThat(r.nameServers()).containsExactly("ns1.yeje-hosting.kr", "ns2.yeje-hosting.kr");
        assertThat(r.contacts().registrant().name()).isEqualTo("Yeje Co., Ltd.");
        assertThat(r.contacts().admin().email()).isEqualTo("admin@yeje-shop.kr");
    }

    @Test
    void taiwaneseAnswerWithContactsAsLinesAndDatesAsSentences() {
        RegistrationRecord r = parse("twnic-tw.txt", "whois.twnic.net.tw", "fanli-shop.com.tw");
        assertThat(r.domain()).isEqualTo("fanli-shop.com.tw");
        assertThat(r.created()).isEqualTo(Instant.parse("2009-05-06T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-05-06T00:00:00Z"));
        assertThat(r.nameServers()).containsExactly("ns1.fanli-host.tw", "ns2.fanli-host.tw");
        assertThat(r.registrar().name()).isEqualTo("Fanli Registrar Corp.");
        assertThat(r.registrar().url()).isEqualTo("http://www.fanli-registrar.tw/");
        Contact holder = r.contacts().registrant();
        assertThat(holder.organization()).isEqualTo("Fanli Trading Co., Ltd.");
        assertThat(holder.name()).isEqualTo("Wang Xiao-Ming");
        assertThat(holder.email()).isEqualTo("admin@fanli-shop.com.tw");
        assertThat(holder.phone()).isEqualTo("+886.223456789");
        assertThat(holder.country()).isEqualTo("TW");
        assertThat(r.contacts().tech().email()).isEqualTo("tech@fanli-host.tw");
        assertThat(r.statuses()).contains("clientTransferProhibited");
    }

    @Test
    void hongKongAnswerWithDayFirstDatesAndAnUnindentedNameServerList() {
        RegistrationRecord r = parse("hkirc-hk.txt", "whois.hkirc.hk", "lizi-shop.hk");
        assertThat(r.domain()).isEqualTo("lizi-shop.hk");
        assertThat(r.created()).isEqualTo(Instant.parse("2012-03-12T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-03-12T00:00:00Z"));
        assertThat(r.nameServers()).containsExactly("ns1.lizi-host.hk", "ns2.lizi-host.hk");
        assertThat(r.registrar().name()).isEqualTo("Lizi Registrar Limited");
        assertThat(r.contacts().registrant().organization()).isEqualTo("LIZI TRADING LIMITED");
        assertThat(r.contacts().registrant().email()).isEqualTo("owner@lizi-shop.hk");
    }

    @Test
    void ukrainianAnswerTakesTheRegistrarFromItsObject() {
        RegistrationRecord r = parse("hostmaster-ua.txt", "whois.ua", "pryklad-shop.com.ua");
        assertThat(r.created()).isEqualTo(Instant.parse("2011-02-03T08:11:12Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-04T07:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-02-03T08:11:12Z"));
        assertThat(r.nameServers()).containsExactly("ns1.pryklad-host.ua", "ns2.pryklad-host.ua");
        assertThat(r.registrar().name()).isEqualTo("Pryklad Registrar LLC");
        assertThat(r.registrar().url()).isEqualTo("https://pryklad-reg.ua");
        assertThat(r.registrar().abuseEmail()).isEqualTo("abuse@pryklad-reg.ua");
    }

    @Test
    void swissAnswerWithEachValueOnTheLineAfterItsHeading() {
        RegistrationRecord r = parse("switch-ch.txt", "whois.nic.ch", "beispiel-shop.ch");
        assertThat(r.domain()).isEqualTo("beispiel-shop.ch");
        assertThat(r.created()).isEqualTo(Instant.parse("2004-03-15T00:00:00Z"));
        assertThat(r.registrar().name()).isEqualTo("Beispiel Registrar AG");
        assertThat(r.nameServers()).containsExactly("ns1.beispiel-host.ch", "ns2.beispiel-host.ch");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.contacts().registrant().organization()).isEqualTo("Beispiel AG");
        assertThat(r.contacts().registrant().country()).isEqualTo("CH");
    }

    @Test
    void danishAnswerWithHeadingsOnLinesOfTheirOwn() {
        RegistrationRecord r = parse("punktum-dk.txt", "whois.punktum.dk", "eksempel-butik.dk");
        assertThat(r.domain()).isEqualTo("eksempel-butik.dk");
        assertThat(r.created()).isEqualTo(Instant.parse("2005-03-15T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
        assertThat(r.nameServers()).containsExactly("ns1.eksempel-host.dk", "ns2.eksempel-host.dk");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.contacts().registrant().handle()).isEqualTo("EKS1234-DK");
        assertThat(r.contacts().registrant().name()).isEqualTo("Eksempel ApS");
        assertThat(r.contacts().registrant().city()).isEqualTo("København K");
    }

    @Test
    void estonianAnswerWithKeyedSectionsKeepsTheRecordsOwnDates() {
        RegistrationRecord r = parse("internet-ee.txt", "whois.tld.ee", "naide-pood.ee");
        assertThat(r.domain()).isEqualTo("naide-pood.ee");
        assertThat(r.created()).isEqualTo(Instant.parse("2010-03-15T08:11:12Z"));
        assertThat(r.updated()).as("the domain's, not a contact's or the registrar's")
                .isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
        assertThat(r.registrar().name()).isEqualTo("Naide Registrar AS");
        assertThat(r.registrar().url()).isEqualTo("https://www.naide-registrar.ee");
        assertThat(r.nameServers()).containsExactly("ns1.naide-host.ee", "ns2.naide-host.ee");
        assertThat(r.contacts().registrant().name()).isEqualTo("Naide OÜ");
    }

    @Test
    void iranianAnswerWithHolderObjectsAndHyphenatedDateKeys() {
        RegistrationRecord r = parse("irnic-ir.txt", "whois.nic.ir", "nemuneh-shop.ir");
        assertThat(r.updated()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(r.nameServers()).containsExactly("ns1.nemuneh-host.ir", "ns2.nemuneh-host.ir");
        assertThat(r.contacts().registrant().organization()).isEqualTo("Nemuneh Co");
        assertThat(r.contacts().registrant().email()).isEqualTo("info@nemuneh-shop.ir");
        assertThat(r.contacts().tech().name()).isEqualTo("Ali Nemuneh");
    }

    @Test
    void israeliAnswerWithASplitDomainObjectAndSpeltOutAtSigns() {
        RegistrationRecord r = parse("isoc-il.txt", "whois.isoc.org.il", "dugma-shop.co.il");
        assertThat(r.domain()).isEqualTo("dugma-shop.co.il");
        assertThat(r.nameServers()).containsExactly("ns1.dugma-host.co.il", "ns2.dugma-host.co.il");
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        // the "changed: … (Assigned)" line is the registration
        assertThat(r.created()).isEqualTo(Instant.parse("2010-03-15T00:00:00Z"));
        assertThat(r.statuses()).containsExactly("Transfer Locked");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.registrar().name()).isEqualTo("Dugma Registrar Ltd");
        assertThat(r.registrar().url()).isEqualTo("https://www.dugma-registrar.co.il");
        Contact holder = r.contacts().registrant();
        assertThat(holder.organization()).isEqualTo("Dugma Trading Ltd");
        assertThat(holder.email()).isEqualTo("info@dugma-shop.co.il");
        assertThat(r.contacts().admin().name()).isEqualTo("Dugma Admin");
        assertThat(r.contacts().admin().email()).isEqualTo("admin@dugma-shop.co.il");
    }

    @Test
    void singaporeAnswerWithIndentedContactHeadings() {
        RegistrationRecord r = parse("sgnic-sg.txt", "whois.sgnic.sg", "contoh-kedai.com.sg");
        assertThat(r.domain()).isEqualTo("contoh-kedai.com.sg");
        assertThat(r.created()).isEqualTo(Instant.parse("2012-03-15T10:11:12Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-02T09:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2026-03-15T10:11:12Z"));
        assertThat(r.registrar().name()).isEqualTo("CONTOH REGISTRAR PTE LTD");
        assertThat(r.nameServers()).containsExactly("ns1.contoh-hosting.sg", "ns2.contoh-hosting.sg");
        assertThat(r.contacts().registrant().name()).startsWith("CONTOH TRADING PTE. LTD.");
        assertThat(r.contacts().tech().email()).isEqualTo("tech@contoh-hosting.sg");
    }

    @Test
    void verisignThinAnswer() {
        RegistrationRecord r = parse("verisign-thin.txt", "whois.verisign-grs.com", "example-shop.com");
        assertThat(r.format()).isEqualTo("verisign-thin");
        assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(r.parseStatus()).isEqualTo(ParseStatus.FULL);
        assertThat(r.domain()).isEqualTo("example-shop.com");
        assertThat(r.registrar().name()).isEqualTo("Example Registrar, LLC");
        assertThat(r.registrar().ianaId()).isEqualTo("9999");
        assertThat(r.registrar().url()).isEqualTo("http://www.registrar.example");
        assertThat(r.registrar().abuseEmail()).isEqualTo("abuse@registrar.example");
        assertThat(r.registrar().whoisServer()).isEqualTo("whois.registrar.example");
        assertThat(r.created()).isEqualTo(Instant.parse("2015-08-13T04:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2024-08-14T07:01:38Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2025-08-13T04:00:00Z"));
        assertThat(r.ageDays()).isEqualTo(4123L);
        assertThat(r.statuses()).containsExactly("clientDeleteProhibited", "clientTransferProhibited");
        assertThat(r.nameServers()).containsExactly("ns1.example-dns.net", "ns2.example-dns.net");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.contacts().isEmpty()).isTrue();
        assertThat(r.privacy()).isFalse();
    }

    @Test
    void registrarThickAnswerWithZonesConvertedToUtc() {
        RegistrationRecord r = parse("registrar-thick.txt", "whois.registrar.example", "example-shop.com");
        assertThat(r.format()).isEqualTo("icann");
        assertThat(r.created()).isEqualTo(Instant.parse("2015-08-13T04:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2024-08-14T07:01:38Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2025-08-13T04:00:00Z"));
        assertThat(r.dnssec()).isTrue();
        Contact reg = r.contacts().registrant();
        assertThat(reg.name()).isEqualTo("Jane Roe");
        assertThat(reg.organization()).isEqualTo("Roe Widgets Ltd");
        assertThat(reg.email()).isEqualTo("jane@roewidgets.example");
        assertThat(reg.phone()).isEqualTo("+1.2175550100");
        assertThat(reg.country()).isEqualTo("US");
        assertThat(reg.street()).isEqualTo("1 High Street");
        assertThat(reg.city()).isEqualTo("Springfield");
        assertThat(reg.privacy()).isFalse();
        assertThat(r.contacts().admin().email()).isEqualTo("jane@roewidgets.example");
        assertThat(r.contacts().tech().organization()).isEqualTo("Example Hosting");
        assertThat(r.contacts().tech().email()).isEqualTo("support@hosting.example");
        assertThat(r.contacts().billing()).isNull();
        assertThat(r.privacy()).isFalse();
        assertThat(r.parseStatus()).isEqualTo(ParseStatus.FULL);
    }

    @Test
    void privacyServiceIsMarkedNotTakenForTheRegistrant() {
        RegistrationRecord r = parse("registrar-privacy.txt", null, "hidden-owner.com");
        assertThat(r.privacy()).isTrue();
        assertThat(r.contacts().registrant().privacy()).isTrue();
        assertThat(r.contacts().registrant().email()).isEqualTo("0a1b2c3d4e5f@withheldforprivacy.com");
        assertThat(r.contacts().admin().privacy()).isTrue();
        assertThat(r.registrar().name()).isEqualTo("NAMECHEAP INC");
        assertThat(r.created()).isEqualTo(Instant.parse("2024-12-30T08:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-02T10:11:12.34Z").minusMillis(340));
    }

    @Test
    void ianaReferral() {
        RegistrationRecord r = parse("iana-com.txt", "whois.iana.org", "example.com");
        assertThat(r.registrar() == null ? null : r.registrar().whoisServer()).isEqualTo("whois.verisign-grs.com");
        assertThat(WhoisParser.guess(TestFixtures.text("whois/iana-com.txt"))).isEqualTo("iana");
    }

    @Test
    void arinMostSpecificNetworkWithOrgAndContacts() {
        RegistrationRecord r = parse("arin-ip.txt", "whois.arin.net", "8.8.8.8");
        assertThat(r.kind()).isEqualTo("ip");
        assertThat(r.format()).isEqualTo("arin");
        var n = r.network();
        assertThat(n.start()).isEqualTo("8.8.8.0");
        assertThat(n.end()).isEqualTo("8.8.8.255");
        assertThat(n.cidrs()).containsExactly("8.8.8.0/24");
        assertThat(n.name()).isEqualTo("GOGL");
        assertThat(n.handle()).isEqualTo("NET-8-8-8-0-2");
        assertThat(n.parent()).isEqualTo("NET-8-0-0-0-1");
        assertThat(n.type()).isEqualTo("Direct Allocation");
        assertThat(n.organization()).isEqualTo("Google LLC");
        assertThat(n.country()).isEqualTo("US");
        assertThat(n.rir()).isEqualTo("arin");
        assertThat(r.created()).isEqualTo(Instant.parse("2023-12-28T00:00:00Z"));
        assertThat(r.contacts().abuse().email()).isEqualTo("network-abuse@google.com");
        assertThat(r.contacts().abuse().handle()).isEqualTo("ABUSE5250-ARIN");
        assertThat(r.contacts().tech().email()).isEqualTo("arin-contact@google.com");
        assertThat(r.contacts().registrant().city()).isEqualTo("Mountain View");
        assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
    }

    @Test
    void arinReferralServerIsKept() {
        RegistrationRecord r = parse("arin-referral.txt", "whois.arin.net", "193.0.0.1");
        assertThat(r.registrar().whoisServer()).isEqualTo("whois://whois.ripe.net");
        assertThat(r.network().type()).isEqualTo("Allocated to RIPE NCC");
    }

    @Test
    void arinAutnum() {
        RegistrationRecord r = parse("arin-asn.txt", "whois.arin.net", "AS15169");
        assertThat(r.kind()).isEqualTo("asn");
        assertThat(r.autnum().number()).isEqualTo(15169L);
        assertThat(r.autnum().name()).isEqualTo("GOOGLE");
        assertThat(r.autnum().handle()).isEqualTo("AS15169");
        assertThat(r.autnum().organization()).isEqualTo("Google LLC");
        assertThat(r.autnum().country()).isEqualTo("US");
        assertThat(r.created()).isEqualTo(Instant.parse("2000-03-30T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2012-02-24T00:00:00Z"));
    }

    @Test
    void ripeInetnumResolvesOrgAndRolesByHandle() {
        RegistrationRecord r = parse("ripe-inetnum.txt", null, "193.0.0.1");
        var n = r.network();
        assertThat(n.start()).isEqualTo("193.0.0.0");
        assertThat(n.end()).isEqualTo("193.0.7.255");
        assertThat(n.cidrs()).containsExactly("193.0.0.0/21");
        assertThat(n.name()).isEqualTo("RIPE-NCC");
        assertThat(n.organization()).isEqualTo("Reseaux IP Europeens Network Coordination Centre (RIPE NCC)");
        assertThat(n.country()).isEqualTo("NL");
        assertThat(n.rir()).isEqualTo("ripe");
        assertThat(n.type()).isEqualTo("ASSIGNED PA");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@ripe.net");
        assertThat(r.contacts().admin().name()).isEqualTo("Bijal Sanghani");
        assertThat(r.contacts().tech().name()).isEqualTo("RIPE NCC Operations");
        assertThat(r.contacts().registrant().handle()).isEqualTo("ORG-RIEN1-RIPE");
        assertThat(r.created()).isEqualTo(Instant.parse("2003-03-17T12:15:57Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2017-12-04T14:42:31Z"));
        assertThat(r.parseStatus()).isEqualTo(ParseStatus.FULL);
    }

    @Test
    void ripeAutnum() {
        RegistrationRecord r = parse("ripe-autnum.txt", "whois.ripe.net", "AS3333");
        assertThat(r.kind()).isEqualTo("asn");
        assertThat(r.autnum().number()).isEqualTo(3333L);
        assertThat(r.autnum().name()).isEqualTo("RIPE-NCC-AS");
        assertThat(r.autnum().country()).isEqualTo("NL");
        assertThat(r.autnum().rir()).isEqualTo("ripe");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@ripe.net");
        assertThat(r.created()).isEqualTo(Instant.parse("2002-09-17T10:33:42Z"));
    }

    @Test
    void apnicInetnumWithAbuseRole() {
        RegistrationRecord r = parse("apnic-inetnum.txt", "whois.apnic.net", "1.1.1.1");
        var n = r.network();
        assertThat(n.cidrs()).containsExactly("1.1.1.0/24");
        assertThat(n.name()).isEqualTo("APNIC-LABS");
        assertThat(n.organization()).isEqualTo("APNIC Research and Development");
        assertThat(n.country()).isEqualTo("AU");
        assertThat(n.rir()).isEqualTo("apnic");
        assertThat(n.type()).isEqualTo("ASSIGNED PORTABLE");
        assertThat(r.contacts().abuse().email()).isEqualTo("helpdesk@apnic.net");
        assertThat(r.contacts().tech().email()).isEqualTo("research@apnic.net");
        assertThat(r.updated()).isEqualTo(Instant.parse("2023-04-26T22:57:58Z"));
    }

    @Test
    void afrinicInetnumWithParent() {
        RegistrationRecord r = parse("afrinic-inetnum.txt", "whois.afrinic.net", "196.216.2.1");
        var n = r.network();
        assertThat(n.cidrs()).containsExactly("196.216.2.0/23");
        assertThat(n.rir()).isEqualTo("afrinic");
        assertThat(n.parent()).isEqualTo("196.0.0.0 - 196.255.255.255");
        assertThat(n.organization()).isEqualTo("AFRINIC Operations");
        assertThat(r.contacts().tech().email()).isEqualTo("ops@afrinic.net");
    }

    @Test
    void lacnicInetnumWithCompactDates() {
        RegistrationRecord r = parse("lacnic-inetnum.txt", null, "200.7.84.1");
        var n = r.network();
        assertThat(n.start()).isEqualTo("200.7.84.0");
        assertThat(n.end()).isEqualTo("200.7.85.255");
        assertThat(n.organization()).isEqualTo("Latin American and Caribbean IP address Regional Registry");
        assertThat(n.country()).isEqualTo("UY");
        assertThat(n.rir()).isEqualTo("lacnic");
        assertThat(n.type()).isEqualTo("allocated");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@lacnic.net");
        assertThat(r.contacts().tech().email()).isEqualTo("info-ops@lacnic.net");
        assertThat(r.created()).isEqualTo(Instant.parse("2014-01-28T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2023-11-20T00:00:00Z"));
    }

    @Test
    void nominetSections() {
        RegistrationRecord r = parse("nominet.txt", "whois.nic.uk", "example-widgets.co.uk");
        assertThat(r.format()).isEqualTo("nominet");
        assertThat(r.domain()).isEqualTo("example-widgets.co.uk");
        assertThat(r.registrar().name()).isEqualTo("Markmonitor Inc. t/a MarkMonitor Inc.");
        assertThat(r.registrar().url()).isEqualTo("http://www.markmonitor.com");
        assertThat(r.created()).isEqualTo(Instant.parse("1996-08-01T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-02-14T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-01-13T00:00:00Z"));
        assertThat(r.statuses()).containsExactly("Registered until expiry date.");
        assertThat(r.nameServers()).containsExactly("ns1.example-widgets.co.uk", "ns2.example-widgets.co.uk");
        assertThat(WhoisParser.guess(TestFixtures.text("whois/nominet.txt"))).isEqualTo("sectioned");
    }

    @Test
    void denicFlatAnswer() {
        RegistrationRecord r = parse("denic.txt", "whois.denic.de", "beispiel-firma.de");
        assertThat(r.domain()).isEqualTo("beispiel-firma.de");
        assertThat(r.nameServers()).containsExactly("ns1.beispiel-dns.de", "ns2.beispiel-dns.de");
        assertThat(r.statuses()).containsExactly("connect");
        assertThat(r.updated()).isEqualTo(Instant.parse("2024-03-12T20:44:25Z"));
        assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
    }

    @Test
    void jprsEnglishAnswerInJst() {
        RegistrationRecord r = parse("jprs.txt", null, "example-shop.jp");
        assertThat(r.domain()).isEqualTo("example-shop.jp");
        assertThat(r.contacts().registrant().name()).isEqualTo("Example Shop K.K.");
        assertThat(r.nameServers()).containsExactly("ns1.example-shop.jp", "ns2.example-shop.jp");
        assertThat(r.created()).isEqualTo(Instant.parse("2001-05-10T15:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-05-30T15:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-05-31T16:05:03Z"));
        assertThat(r.statuses()).containsExactly("Active");
        assertThat(r.contacts().admin().email()).isEqualTo("hostmaster@example-shop.jp");
        assertThat(r.contacts().admin().phone()).isEqualTo("03-1234-5678");
        assertThat(r.dnssec()).isNull();
    }

    @Test
    void afnicObjectsWithHolderAndRegistrar() {
        RegistrationRecord r = parse("afnic.txt", "whois.nic.fr", "exemple-boutique.fr");
        assertThat(r.domain()).isEqualTo("exemple-boutique.fr");
        assertThat(r.statuses()).containsExactly("ACTIVE");
        assertThat(r.registrar().name()).isEqualTo("OVH");
        assertThat(r.registrar().url()).isEqualTo("http://www.ovh.com");
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        assertThat(r.created()).isEqualTo(Instant.parse("2004-03-01T10:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-02-15T08:30:00Z"));
        assertThat(r.nameServers()).containsExactly("dns11.ovh.net", "ns11.ovh.net");
        Contact holder = r.contacts().registrant();
        assertThat(holder.organization()).isEqualTo("Exemple Boutique SARL");
        assertThat(holder.email()).isEqualTo("contact@exemple-boutique.fr");
        assertThat(holder.handle()).isEqualTo("EB123-FRNIC");
        assertThat(r.contacts().admin().name()).isEqualTo("Jean Dupont");
        assertThat(r.privacy()).isFalse();
    }

    @Test
    void sidnSections() {
        RegistrationRecord r = parse("sidn.txt", "whois.domain-registry.nl", "voorbeeld-winkel.nl");
        assertThat(r.domain()).isEqualTo("voorbeeld-winkel.nl");
        assertThat(r.statuses()).containsExactly("active");
        assertThat(r.registrar().name()).isEqualTo("Voorbeeld Hosting B.V.");
        assertThat(r.contacts().abuse().email()).isEqualTo("abuse@voorbeeld-hosting.nl");
        assertThat(r.contacts().abuse().phone()).isEqualTo("+31.201234567");
        assertThat(r.dnssec()).isTrue();
        assertThat(r.nameServers()).containsExactly("ns1.voorbeeld-hosting.nl", "ns2.voorbeeld-hosting.nl");
        assertThat(r.created()).isEqualTo(Instant.parse("2005-08-18T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-01-10T00:00:00Z"));
    }

    @Test
    void euridSectionsWithUndisclosedRegistrant() {
        RegistrationRecord r = parse("eurid.txt", "whois.eu", "example-shop.eu");
        assertThat(r.domain()).isEqualTo("example-shop.eu");
        assertThat(r.contacts().registrant().privacy()).isTrue();
        assertThat(r.contacts().registrant().street()).isNull();
        assertThat(r.privacy()).isTrue();
        assertThat(r.contacts().tech().organization()).isEqualTo("Example Hosting GmbH");
        assertThat(r.contacts().tech().email()).isEqualTo("tech@example-hosting.eu");
        assertThat(r.registrar().name()).isEqualTo("Example Registrar AG");
        assertThat(r.registrar().url()).isEqualTo("https://www.registrar.example");
        assertThat(r.nameServers()).containsExactly("ns1.example-hosting.eu", "ns2.example-hosting.eu");
        assertThat(r.dnssec()).isTrue();
    }

    @Test
    void nicItSections() {
        RegistrationRecord r = parse("nic-it.txt", "whois.nic.it", "esempio-negozio.it");
        assertThat(r.domain()).isEqualTo("esempio-negozio.it");
        assertThat(r.statuses()).containsExactly("ok");
        assertThat(r.dnssec()).isFalse();
        assertThat(r.created()).isEqualTo(Instant.parse("2000-06-28T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-07-13T00:54:22Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-06-28T00:00:00Z"));
        assertThat(r.contacts().registrant().organization()).isEqualTo("Esempio Negozio S.r.l.");
        assertThat(r.contacts().registrant().street()).isEqualTo("Via Roma 1, Milano, 20121, MI, IT");
        assertThat(r.contacts().registrant().name()).isNull();
        assertThat(r.contacts().admin().name()).isEqualTo("Mario Rossi");
        assertThat(r.contacts().tech().name()).isEqualTo("Luigi Bianchi");
        assertThat(r.registrar().name()).isEqualTo("Aruba s.p.a.");
        assertThat(r.registrar().url()).isEqualTo("http://www.aruba.it");
        assertThat(r.nameServers()).containsExactly("dns.technorail.com", "dns2.technorail.com");
    }

    @Test
    void tciWithAndWithoutServer() {
        for (String server : new String[] {"whois.tcinet.ru", null}) {
            RegistrationRecord r = parse("tci.txt", server, "primer-magazin.ru");
            assertThat(r.domain()).isEqualTo("primer-magazin.ru");
            assertThat(r.nameServers()).containsExactly("ns1.reg.ru", "ns2.reg.ru");
            assertThat(r.statuses()).containsExactly("REGISTERED", "DELEGATED", "VERIFIED");
            assertThat(r.registrar().name()).isEqualTo("REGRU-RU");
            assertThat(r.created()).isEqualTo(Instant.parse("2011-06-09T20:00:00Z"));
            assertThat(r.expires()).isEqualTo(Instant.parse("2027-06-09T21:00:00Z"));
            assertThat(r.contacts().registrant().name()).isEqualTo("Private Person");
            assertThat(r.privacy()).isTrue();
        }
    }

    @Test
    void registroBr() {
        RegistrationRecord r = parse("registro-br.txt", null, "exemplo-loja.com.br");
        assertThat(r.domain()).isEqualTo("exemplo-loja.com.br");
        assertThat(r.contacts().registrant().organization()).isEqualTo("Exemplo Loja Ltda");
        assertThat(r.contacts().registrant().name()).isEqualTo("Joao da Silva");
        assertThat(r.contacts().registrant().email()).isEqualTo("joao@exemplo-loja.com.br");
        assertThat(r.contacts().tech().handle()).isEqualTo("EXL12");
        assertThat(r.nameServers()).containsExactly("a.sec.dns.br", "b.sec.dns.br");
        assertThat(r.created()).isEqualTo(Instant.parse("1999-03-04T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-03-04T00:00:00Z"));
        assertThat(r.statuses()).containsExactly("published");
    }

    @Test
    void auda() {
        RegistrationRecord r = parse("auda.txt", "whois.auda.org.au", "example-shop.com.au");
        assertThat(r.domain()).isEqualTo("example-shop.com.au");
        assertThat(r.registrar().name()).isEqualTo("Example Registrar Pty Ltd");
        assertThat(r.registrar().abuseEmail()).isEqualTo("abuse@registrar.example");
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-03-15T01:46:43Z"));
        assertThat(r.statuses()).containsExactly("serverRenewProhibited");
        assertThat(r.contacts().registrant().name()).isEqualTo("Example Shop Pty Ltd");
        assertThat(r.contacts().registrant().handle()).isEqualTo("C100000001-AU");
        assertThat(r.contacts().tech().name()).isEqualTo("Bruce Smith");
        assertThat(r.nameServers()).hasSize(2);
        assertThat(r.dnssec()).isFalse();
    }

    @Test
    void cnnicDatesInBeijingTime() {
        RegistrationRecord r = parse("cnnic.txt", "whois.cnnic.cn", "shili-shangdian.cn");
        assertThat(r.domain()).isEqualTo("shili-shangdian.cn");
        assertThat(r.contacts().registrant().name()).isEqualTo("示例商店有限公司");
        assertThat(r.contacts().registrant().email()).isEqualTo("admin@shili-shangdian.cn");
        assertThat(r.registrar().name()).isEqualTo("阿里云计算有限公司（万网）");
        assertThat(r.created()).isEqualTo(Instant.parse("2003-03-17T04:20:05Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-03-17T04:48:36Z"));
        assertThat(r.statuses()).containsExactly("clientTransferProhibited");
        assertThat(r.dnssec()).isFalse();
    }

    @Test
    void jprsJapaneseAnswer() {
        String text = """
                [ JPRS database provides information on network administration. ]
                Domain Information: [ドメイン情報]
                a. [ドメイン名]                 EXAMPLE-SHOP.JP
                e. [そしきめい]                 れい しょっぷ
                f. [組織名]                     例ショップ株式会社
                p. [ネームサーバ]               ns1.example-shop.jp
                [状態]                          Connected (2027/05/31)
                [登録年月日]                    2001/05/11
                [最終更新]                      2026/06/01 01:05:03 (JST)
                """;
        RegistrationRecord r = WhoisParser.parse(text, "whois.jprs.jp", "example-shop.jp", FETCHED);
        assertThat(r.domain()).isEqualTo("example-shop.jp");
        assertThat(r.contacts().registrant().organization()).isEqualTo("例ショップ株式会社");
        assertThat(r.nameServers()).containsExactly("ns1.example-shop.jp");
        assertThat(r.statuses()).containsExactly("Connected");
        assertThat(r.created()).isEqualTo(Instant.parse("2001-05-10T15:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2026-05-31T16:05:03Z"));
    }

    @Test
    void ripeInet6num() {
        String text = """
                inet6num:       2001:67c:2e8::/48
                netname:        RIPE-NCC
                country:        NL
                org:            ORG-RIEN1-RIPE
                status:         ASSIGNED PI
                created:        2002-07-04T08:10:51Z
                source:         RIPE

                organisation:   ORG-RIEN1-RIPE
                org-name:       Reseaux IP Europeens Network Coordination Centre (RIPE NCC)
                source:         RIPE
                """;
        RegistrationRecord r = WhoisParser.parse(text, null, "2001:67c:2e8::1", FETCHED);
        assertThat(r.kind()).isEqualTo("ip");
        assertThat(r.network().start()).isEqualTo("2001:67c:2e8::");
        assertThat(r.network().end()).isEqualTo("2001:67c:2e8:ffff:ffff:ffff:ffff:ffff");
        assertThat(r.network().cidrs()).containsExactly("2001:67c:2e8::/48");
        assertThat(r.network().type()).isEqualTo("ASSIGNED PI");
        assertThat(r.network().rir()).isEqualTo("ripe");
    }

    @Test
    void arinReassignmentToACustomer() {
        String text = """
                NetRange:       198.51.100.0 - 198.51.100.127
                CIDR:           198.51.100.0/25
                NetName:        EXAMPLE-CUST
                NetHandle:      NET-198-51-100-0-1
                Parent:         EXAMPLE-ISP (NET-198-51-0-0-1)
                NetType:        Reassigned
                Customer:       Example Widgets (C01234567)
                RegDate:        2019-05-01
                Updated:        2019-05-01

                CustName:       Example Widgets
                Address:        1 Main St
                City:           Springfield
                Country:        US
                """;
        RegistrationRecord r = WhoisParser.parse(text, "whois.arin.net", "198.51.100.5", FETCHED);
        assertThat(r.network().organization()).isEqualTo("Example Widgets");
        assertThat(r.network().type()).isEqualTo("Reassigned");
        assertThat(r.network().cidrs()).containsExactly("198.51.100.0/25");
        assertThat(r.network().parent()).isEqualTo("NET-198-51-0-0-1");
        assertThat(r.contacts().registrant().city()).isEqualTo("Springfield");
    }

    @ParameterizedTest
    @CsvSource({
            "verisign-notfound.txt, whois.verisign-grs.com",
            "verisign-notfound.txt, ",
            "nominet-notfound.txt, whois.nic.uk",
            "denic-free.txt, whois.denic.de",
            "denic-free.txt, ",
            "jprs-notfound.txt, whois.jprs.jp",
            "afnic-notfound.txt, whois.nic.fr",
            "sidn-free.txt, whois.domain-registry.nl",
            "eurid-available.txt, whois.eu",
            "nic-it-available.txt, whois.nic.it",
            "tci-notfound.txt, whois.tcinet.ru",
            "registro-br-notfound.txt, whois.registro.br",
            "auda-notfound.txt, whois.auda.org.au",
            "cnnic-notfound.txt, whois.cnnic.cn"})
    void notFoundAnswersAreAvailable(String file, String server) {
        RegistrationRecord r = parse(file, server, "whatever.example");
        assertThat(r.status()).isEqualTo(RegistrationStatus.AVAILABLE);
        assertThat(r.created()).isNull();
        assertThat(r.registrar()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"throttled-pir.txt, whois.pir.org", "throttled-denic.txt, whois.denic.de",
            "throttled-denic.txt, "})
    void rateLimitAnswersAreThrottled(String file, String server) {
        RegistrationRecord r = parse(file, server, "example.org");
        assertThat(r.status()).isEqualTo(RegistrationStatus.THROTTLED);
        assertThat(r.raw()).isNotBlank();
    }

    @Test
    void reservedAnswer() {
        assertThat(parse("reserved.txt", null, "nic.example").status()).isEqualTo(RegistrationStatus.RESERVED);
    }

    @Test
    void unknownFormatKeepsRawTextDatesAndEmails() {
        RegistrationRecord r = parse("unknown-format.txt", null, "hello.ex");
        assertThat(r.parseStatus()).isEqualTo(ParseStatus.RAW_ONLY);
        assertThat(r.status()).isEqualTo(RegistrationStatus.UNKNOWN);
        assertThat(r.raw()).contains("Example Islands");
        assertThat(r.emailsFound()).containsExactly("owner@hello.ex", "hostmaster@nic.ex");
        assertThat(r.datesFound()).containsExactly(Instant.parse("2019-03-04T00:00:00Z"),
                Instant.parse("2027-03-04T00:00:00Z"));
    }

    @Test
    void partlyUnderstoodFlatAnswerIsPartial() {
        String text = "Domain: something.zz\nZone keeper: X1\nCreated: 2020-01-02\nWebsite: owner@x.zz\n";
        RegistrationRecord r = WhoisParser.parse(text, null, "something.zz", FETCHED);
        assertThat(r.parseStatus()).isEqualTo(ParseStatus.PARTIAL);
        assertThat(r.created()).isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
        assertThat(r.emailsFound()).containsExactly("owner@x.zz");
    }
}
