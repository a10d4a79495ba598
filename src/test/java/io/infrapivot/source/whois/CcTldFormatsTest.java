package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import io.infrapivot.source.registration.TestFixtures;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ccTLD registries' own WHOIS formats (fixtures written from each registry's documented output), field by field:
 * status, registrar, created/updated/expires, name servers (with glue, placeholders, indented lists), and the
 * lifecycle answers (redemption, pending delete, reserved, invalid, throttled). Each fixture is read both with the
 * server known and offline (format guessed from the text).
 */
@Timeout(60)
class CcTldFormatsTest {
    private static final Instant FETCHED = Instant.parse("2026-11-27T03:40:00Z");

    private static RegistrationRecord parse(String file, String server) {
        return WhoisParser.parse(TestFixtures.text("whois/" + file), server, null, FETCHED);
    }

    private static Instant day(String d) {
        return Instant.parse(d + "T00:00:00Z");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # file                 | server              | domain                   | registrar                         | created              | updated              | expires              | name servers
            sk-nic.txt             | whois.sk-nic.sk     | priklad-obchod.sk        | Priklad Registrator s.r.o.        | 2009-03-17T00:00:00Z | 2025-02-10T00:00:00Z | 2026-03-17T00:00:00Z | ns1.hosting-priklad.sk ns2.hosting-priklad.sk
            trabis-tr.txt          | whois.trabis.gov.tr | ornek-magaza.com.tr      | Ornek Kayit Hizmetleri A.S.       | 2004-03-15T00:00:00Z | -                    | 2026-03-14T00:00:00Z | ns1.ornek-dns.com.tr ns2.ornek-dns.com.tr
            janet-ac-uk.txt        | whois.ja.net        | example-college.ac.uk    | Jisc Services Limited             | 2003-10-03T00:00:00Z | 2024-03-05T00:00:00Z | 2025-09-01T00:00:00Z | ns1.example-college.ac.uk ns2.example-college.ac.uk ns0.ja.net
            kaznic-kz.txt          | whois.nic.kz        | misal-dukeni.kz          | PS-KZ                             | 2010-06-07T13:01:43Z | 2024-11-28T04:30:43Z | -                    | ns1.misal-host.kz ns2.misal-host.kz
            nic-tm.txt             | whois.nic.tm        | misal.tm                 | -                                 | -                    | -                    | 2027-02-11T00:00:00Z | ns1.misal-dns.com ns2.misal-dns.com
            nic-ve.txt             | whois.nic.ve        | ejemplo-tienda.com.ve    | -                                 | 2008-08-20T00:00:00Z | 2025-08-21T09:10:11Z | 2026-08-20T00:00:00Z | ns1.ejemplo-dns.com.ve ns2.ejemplo-dns.com.ve
            internetnz-legacy.txt  | whois.srs.net.nz    | example-shop.co.nz       | Example Registrar Limited         | 2011-04-11T21:33:01Z | 2025-03-09T22:14:25Z | 2026-04-11T21:33:01Z | ns1.example-dns.nz ns2.example-dns.nz
            mynic-my.txt           | whois.mynic.my      | contoh-kedai.com.my      | Contoh Registrar Sdn Bhd          | 2012-03-15T00:00:00Z | 2025-02-02T00:00:00Z | 2026-03-15T00:00:00Z | ns1.contoh-dns.my ns2.contoh-dns.my
            dns-pt.txt             | whois.dns.pt        | exemplo-loja.pt          | -                                 | 2006-04-19T00:00:00Z | -                    | 2026-04-18T23:59:00Z | ns1.exemplo-dns.pt ns2.exemplo-dns.pt
            nic-bo.txt             | whois.nic.bo        | ejemplo-tienda.com.bo    | -                                 | 2015-03-01T00:00:00Z | -                    | 2026-03-01T00:00:00Z | ns1.ejemplo-dns.com.bo ns2.ejemplo-dns.com.bo
            nic-cl.txt             | whois.nic.cl        | ejemplo-tienda.cl        | NIC Chile                         | 2010-09-13T20:48:23Z | -                    | 2026-09-13T17:48:02Z | ns1.ejemplo-dns.cl ns2.ejemplo-dns.cl
            cira-ca-legacy.txt     | whois.cira.ca       | exemple-boutique.ca      | Exemple Registraire Inc.          | 2003-05-21T00:00:00Z | 2025-04-30T00:00:00Z | 2026-05-21T00:00:00Z | ns1.exemple-dns.ca ns2.exemple-dns-secours.com ns3.exemple-dns.net
            sx-registry.txt        | whois.sx            | voorbeeld-winkel.sx      | Voorbeeld Registrar N.V.          | 2013-12-09T14:07:22Z | 2025-02-25T16:50:39Z | 2026-12-09T14:07:22Z | a.ns.voorbeeld-dns.sx b.ns.voorbeeld-dns.sx
            tonic-to.txt           | whois.tonic.to      | kaiga.to                 | -                                 | -                    | -                    | -                    | ns-a.kaiga-dns.net ns-b.kaiga-dns.net
            nic-lv.txt             | whois.nic.lv        | piemera-veikals.lv       | Piemera Registrators SIA          | -                    | -                    | -                    | ns1.piemera-dns.lv ns2.piemera-dns.lv
            akky-mx.txt            | whois.mx            | ejemplo-tienda.com.mx    | Akky (Una division de NIC Mexico) | 2009-07-13T00:00:00Z | 2025-06-14T00:00:00Z | 2026-07-12T00:00:00Z | ns1.ejemplo-dns.com.mx ns2.ejemplo-dns.com.mx
            nic-kg.txt             | whois.kg            | misal-dukon.kg           | -                                 | 2011-03-15T10:11:12Z | 2025-02-14T08:00:00Z | 2026-03-15T23:59:00Z | ns1.misal-dns.kg ns2.misal-dns.kg
            registre-ma.txt        | whois.registre.ma   | mithal-matjar.ma         | Mithal Registrar SARL             | 2014-05-06T10:00:00Z | 2025-01-20T09:10:11Z | 2026-05-06T10:00:00Z | ns1.mithal-dns.ma ns2.mithal-dns.ma
            """)
    void readsEveryFieldOfTheFormat(String file, String server, String domain, String registrar, String created,
                                    String updated, String expires, String nameServers) {
        for (String srv : new String[] {server, null}) {
            RegistrationRecord r = parse(file, srv);
            String as = file + " @" + srv;
            assertThat(r.status()).as(as).isEqualTo(RegistrationStatus.REGISTERED);
            assertThat(r.domain()).as(as).isEqualTo(domain);
            if (registrar != null) {
                assertThat(r.registrar()).as(as).isNotNull();
                assertThat(r.registrar().name()).as(as).isEqualTo(registrar);
            }
            assertThat(r.created()).as(as + " created").isEqualTo(created == null ? null : Instant.parse(created));
            if (updated != null) assertThat(r.updated()).as(as + " updated").isEqualTo(Instant.parse(updated));
            assertThat(r.expires()).as(as + " expires").isEqualTo(expires == null ? null : Instant.parse(expires));
            assertThat(r.nameServers()).as(as + " name servers").containsExactly(nameServers.split(" "));
        }
    }

    @Test
    void lifecycleStatesAreRegisteredWithTheirEppCodes() {
        RegistrationRecord nl = parse("sidn-quarantine.txt", "whois.domain-registry.nl");
        assertThat(nl.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(nl.statuses()).contains("in quarantine", "redemptionPeriod");
        for (String server : new String[] {"whois.nic.it", null}) {
            RegistrationRecord it = parse("nic-it-redemption.txt", server);
            assertThat(it.status()).isEqualTo(RegistrationStatus.REGISTERED);
            assertThat(it.statuses()).contains("pendingDelete", "redemptionPeriod");
            assertThat(it.nameServers()).containsExactly("ns1.esempio-dns.it", "ns2.esempio-dns.it");
        }
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # file                          | server                   | status     | statuses (registry word, then the EPP code)
            afnic-redemption.txt            | whois.nic.fr             | REGISTERED | REDEMPTION redemptionPeriod
            internetnz-pending-release.txt  | whois.srs.net.nz         | REGISTERED | 210_PendingRelease pendingDelete
            dns-be-quarantine.txt           | whois.dns.be             | REGISTERED | QUARANTINE redemptionPeriod
            dns-be-out-of-service.txt       | whois.dns.be             | REGISTERED | NOT_AVAILABLE clientTransferProhibited OUT_OF_SERVICE inactive
            nominet-no-longer-required.txt  | whois.nic.uk             | REGISTERED | No_longer_required pendingDelete
            nic-it-unassignable.txt         | whois.nic.it             | RESERVED   | UNASSIGNABLE
            sx-not-available.txt            | whois.sx                 | REGISTERED | NOT_AVAILABLE
            tonic-to-notfound.txt           | whois.tonic.to           | AVAILABLE  | -
            kaznic-kz.txt                   | whois.nic.kz             | REGISTERED | clientTransferProhibited clientDeleteProhibited
            nic-lv.txt                      | whois.nic.lv             | REGISTERED | active
            nic-kg.txt                      | whois.kg                 | REGISTERED | ACTIVE
            registre-ma-notfound.txt        | whois.registre.ma        | AVAILABLE  | -
            sx-registry.txt                 | whois.sx                 | REGISTERED | ok
            """)
    void registryStatusWordsGiveTheStatusAndLifecycle(String file, String server, RegistrationStatus status,
                                                     String statuses) {
        for (String srv : new String[] {server, null}) {
            RegistrationRecord r = parse(file, srv);
            assertThat(r.status()).as(file + " @" + srv).isEqualTo(status);
            if (statuses == null) assertThat(r.statuses()).as(file).isEmpty();
            else assertThat(r.statuses()).as(file).containsExactly(
                    java.util.Arrays.stream(statuses.split(" ")).map(w -> w.replace('_', ' ')).toArray(String[]::new));
        }
    }

    @Test
    void lifecycleAnswersKeepTheirOtherFields() {
        RegistrationRecord be = parse("dns-be-out-of-service.txt", "whois.dns.be");
        assertThat(be.domain()).isEqualTo("stille-winkel.be");
        assertThat(be.registrar().name()).isEqualTo("Voorbeeld Registrar NV");
        assertThat(be.created()).isEqualTo(day("2015-06-02"));
        assertThat(be.nameServers()).isEmpty();
        RegistrationRecord uk = parse("nominet-no-longer-required.txt", "whois.nic.uk");
        assertThat(uk.domain()).isEqualTo("old-widgets.co.uk");
        assertThat(uk.registrar().name()).isEqualTo("Example Hosting Ltd");
        assertThat(uk.created()).isEqualTo(day("2015-02-12"));
        assertThat(uk.updated()).isEqualTo(day("2026-03-14"));
        assertThat(uk.expires()).isEqualTo(day("2026-02-12"));
        assertThat(uk.nameServers()).as("\"No name servers listed.\" is no host").isEmpty();
        RegistrationRecord fr = parse("afnic-redemption.txt", "whois.nic.fr");
        assertThat(fr.registrar().name()).isEqualTo("OVH");
        assertThat(fr.expires()).isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        assertThat(fr.nameServers()).containsExactly("dns11.ovh.net", "ns11.ovh.net");
        RegistrationRecord nz = parse("internetnz-pending-release.txt", null);
        assertThat(nz.registrar().name()).isEqualTo("Example Registrar Limited");
        assertThat(nz.expires()).isEqualTo(Instant.parse("2026-04-11T21:33:01Z"));
        assertThat(parse("tonic-to-notfound.txt", null).domain()).isEqualTo("kaiga-not-here.to");
        assertThat(parse("dns-be-quarantine.txt", null).domain()).isEqualTo("vroeger-winkel.be");
        assertThat(WhoisParser.guess(TestFixtures.text("whois/tonic-to.txt"))).isEqualTo("tonic");
        // .lv's "[Whois] Updated:" is the database's timestamp, not the domain's
        assertThat(parse("nic-lv.txt", null).updated()).isNull();
        assertThat(parse("nic-lv.txt", null).contacts().registrant().name()).isEqualTo("Piemera Veikals SIA");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            glue-lists.txt    | glue-lists.example    | ns1.glue-lists.example ns2.glue-lists.example ns3.other-dns.example
            glue-sections.txt | glue-sections.example | ns1.glue-sections.example ns2.glue-sections.example
            """)
    void nameServerListsUnderAHeadingWithGlueAndPlaceholders(String file, String domain, String hosts) {
        RegistrationRecord r = parse(file, null);
        assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(r.domain()).isEqualTo(domain);
        assertThat(r.registrar().name()).isEqualTo("Example Registrar Ltd");
        assertThat(r.created()).isEqualTo(day("2019-01-02"));
        assertThat(r.expires()).isEqualTo(day("2027-01-02"));
        // glue in brackets, parentheses, after a comma or "IPv4:"; "No nameserver" and "none" are no host
        assertThat(r.nameServers()).containsExactly(hosts.split(" "));
    }

    @Test
    void noridNamesTheRegistrarByItsHandleAndPublishesNoHostNames() {
        for (String server : new String[] {"whois.norid.no", null}) {
            RegistrationRecord r = parse("norid-no.txt", server);
            assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
            assertThat(r.domain()).isEqualTo("eksempel-butikk.no");
            assertThat(r.registrar().name()).isEqualTo("REG42-NORID");
            assertThat(r.created()).isEqualTo(day("2005-03-15"));
            assertThat(r.updated()).isEqualTo(day("2025-03-16"));
            assertThat(r.expires()).isNull();
            // "Name Server Handle: NSEK1H-NORID" is a handle, never a host
            assertThat(r.nameServers()).isEmpty();
            assertThat(r.statuses()).isEmpty();
        }
    }

    @Test
    void invalidReservedAndThrottledAnswersAreNotAvailable() {
        assertThat(parse("eurid-not-allowed.txt", "whois.eu").status()).isEqualTo(RegistrationStatus.INVALID);
        assertThat(parse("eurid-not-allowed.txt", null).status()).isEqualTo(RegistrationStatus.INVALID);
        assertThat(parse("denic-invalid.txt", "whois.denic.de").status()).isEqualTo(RegistrationStatus.INVALID);
        assertThat(parse("throttled-quota.txt", null).status()).isEqualTo(RegistrationStatus.THROTTLED);
        RegistrationRecord reserved = parse("reserved-with-dates.txt", null);
        assertThat(reserved.status()).isEqualTo(RegistrationStatus.RESERVED);
        assertThat(reserved.nameServers()).containsExactly("ns.example-cc.uz");
        // the existing not-found answers stay available
        assertThat(parse("verisign-notfound.txt", null).status()).isEqualTo(RegistrationStatus.AVAILABLE);
        assertThat(parse("denic-free.txt", "whois.denic.de").status()).isEqualTo(RegistrationStatus.AVAILABLE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ns1.example.com                          | ns1.example.com
            NS1.EXAMPLE.COM.                         | ns1.example.com
            ns1.example.com 192.0.2.1                | ns1.example.com
            ns1.example.com. 192.0.2.1 2001:db8::1   | ns1.example.com
            ns1.example.com (192.0.2.1)              | ns1.example.com
            ns1.example.com [192.0.2.1]              | ns1.example.com
            ns1.example.com,192.0.2.1                | ns1.example.com
            - ns1.example.com                        | ns1.example.com
            1. ns1.example.com                       | ns1.example.com
            No nameserver                            | -
            no                                       | -
            none                                     | -
            N/A                                      | -
            not.defined. <no value>                  | -
            (not set)                                | -
            192.0.2.1                                | -
            2001:db8::53                             | -
            -                                        | -
            """)
    void nameServerLinesKeepOnlyTheHost(String line, String host) {
        assertThat(RecordBuilder.nameServerHost(line)).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Monday 1st Sep 2025          | 2025-09-01T00:00:00Z
            Friday 3rd October 2003      | 2003-10-03T00:00:00Z
            2004-Mar-15.                 | 2004-03-15T00:00:00Z
            19/04/2006 00:00:00          | 2006-04-19T00:00:00Z
            04/19/2006                   | 2006-04-19T00:00:00Z
            2010-09-13 17:48:23 CLST     | 2010-09-13T20:48:23Z
            2010-06-07 13:01:43 (GMT+0:00) | 2010-06-07T13:01:43Z
            15-mar-2012                  | 2012-03-15T00:00:00Z
            20th January 2024            | 2024-01-20T00:00:00Z
            'Mon, 20 Jan 2024 10:00:00 GMT' | 2024-01-20T10:00:00Z
            2024-01-20T10:00:00.000+0000 | 2024-01-20T10:00:00Z
            2024-01-20 10:00:00 (UTC+8)  | 2024-01-20T02:00:00Z
            20.01.2024 10:00:00          | 2024-01-20T10:00:00Z
            2024-01-20 10:00:00 NZDT     | 2024-01-19T21:00:00Z
            2026-05-06 (YYYY-MM-DD)      | 2026-05-06T00:00:00Z
            06/05/2026 (dd/mm/yyyy)      | 2026-05-06T00:00:00Z
            'Tuesday, January 20, 2026'  | 2026-01-20T00:00:00Z
            1735603200                   | 2024-12-31T00:00:00Z
            1735603200000                | 2024-12-31T00:00:00Z
            09th March 2004 at 14:20:21.123 | 2004-03-09T14:20:21Z
            14.03.2008 11:22:33          | 2008-03-14T11:22:33Z
            2025-04-30 15:11:12.345678   | 2025-04-30T15:11:12Z
            2003/03/11                   | 2003-03-11T00:00:00Z
            """)
    void registryDateShapes(String text, String instant) {
        assertThat(RegistrationDates.parse(text, ZoneOffset.UTC)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12345
            99999999999
            4102444801
            2024-13-45
            not a date
            """)
    void numbersAndTextThatAreNoDates(String text) {
        assertThat(RegistrationDates.parse(text, ZoneOffset.UTC)).as(text).isNull();
    }
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            We do not have an entry in our database matching your query.
            This domain name has not been registered.
            No Found
            query_status: 220 Available
            Object_Not_Found
            No data was found to match the request criteria.
            El dominio no se encuentra registrado.
            Domain example.tm is available for purchase
            %% NOT FOUND
            No match!!
            Status: AVAILABLE
            ejemplo-xyz.cl: no existe
            No se encontró el dominio ejemplo-xyz.com.ve
            """)
    void registryNotFoundWordingIsAvailable(String answer) {
        assertThat(WhoisParser.parse(answer + "\n", null, null, FETCHED).status()).isEqualTo(RegistrationStatus.AVAILABLE);
        // the same words inside an answer with registration data never make it available
        String registered = "Domain Name: example.test\nRegistrar: Example Registrar\nCreation Date: 2020-01-01\n"
                + "Name Server: ns1.example.test\n% " + answer + "\n";
        assertThat(WhoisParser.parse(registered, null, null, FETCHED).status()).isEqualTo(RegistrationStatus.REGISTERED);
    }
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Last Update Time      | updated
            Date of last change   | updated
            Dernière modification | updated
            Fecha de Modificación | updated
            Data de Alteração     | updated
            Creation Time         | created
            Date of creation      | created
            Fecha de Alta         | created
            Date d'enregistrement | created
            First registered      | created
            Expire Time           | expires
            Renewal Due           | expires
            Vencimiento           | expires
            Data de Validade      | expires
            Domain Expiry Date    | expires
            """)
    void dateKeySynonyms(String key, String field) {
        RegistrationRecord r = WhoisParser.parse("Domain Name: example.test\nRegistrar: Example Registrar\n" + key
                + ": 2024-01-20 10:00:00\nName Server: ns1.example.test\n", null, null, FETCHED);
        Instant want = Instant.parse("2024-01-20T10:00:00Z");
        assertThat(switch (field) {
            case "updated" -> r.updated();
            case "created" -> r.created();
            default -> r.expires();
        }).as(key).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Registrar of Record    | Registrar
            Domain Registrar       | Registrar
            Registration Agent     | Registrar
            Name Server(s)         | ns
            Primary DNS            | ns
            Secondary Name Server  | ns
            Serveurs DNS           | ns
            Statut                 | status
            Registry Status        | status
            """)
    void registrarNameServerAndStatusKeySynonyms(String key, String field) {
        String value = switch (field) {
            case "ns" -> "ns9.example-dns.test";
            case "status" -> "clientHold";
            default -> "Synonym Registrar Ltd";
        };
        RegistrationRecord r = WhoisParser.parse("Domain Name: example.test\nCreation Date: 2020-01-01\n" + key + ": "
                + value + "\n", null, null, FETCHED);
        switch (field) {
            case "ns" -> assertThat(r.nameServers()).as(key).containsExactly(value);
            case "status" -> assertThat(r.statuses()).as(key).containsExactly(value);
            default -> assertThat(r.registrar().name()).as(key).isEqualTo(value);
        }
    }

    @Test
    void placeholderRegistrarsAreNoRegistrar() {
        for (String placeholder : new String[] {"N/A", "-", "not available", "(not set)"}) {
            RegistrationRecord r = WhoisParser.parse("Domain Name: example.test\nRegistrar: " + placeholder
                    + "\nCreation Date: 2020-01-01\nName Server: ns1.example.test\n", null, null, FETCHED);
            assertThat(r.registrar()).as(placeholder).isNull();
            assertThat(r.status()).isEqualTo(RegistrationStatus.REGISTERED);
        }
    }
}
