package io.infrapivot.source.thirdparty;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.domaintools.DomainToolsParser;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.securitytrails.SecurityTrailsParser;
import io.infrapivot.source.virustotal.VirusTotalParser;
import io.infrapivot.source.whoisxml.WhoisXmlParser;
import io.infrapivot.source.whoxy.WhoxyParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each service's WHOIS history into the normalised registration record, field by field. */
class HistoryParsersTest {
    @Test
    void whoisXmlVersionsWithAuditWindowAndPrivacy() throws Exception {
        var page = WhoisXmlParser.history("example.com", read("whoisxml/history.json"));
        assertThat(page.total()).isEqualTo(2);
        HistoricRecord now = page.items().get(0);
        assertThat(now.firstSeen()).isEqualTo(Instant.parse("2023-03-02T11:23:51Z"));
        assertThat(now.lastSeen()).isEqualTo(Instant.parse("2024-06-17T11:23:51Z"));
        RegistrationRecord r = now.record();
        assertThat(r.domain()).isEqualTo("example.com");
        assertThat(r.registrar().name()).isEqualTo("Example Registrar, Inc.");
        assertThat(r.created()).isEqualTo(Instant.parse("2010-03-04T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
        assertThat(r.nameServers()).containsExactly("ns1.example.net", "ns2.example.net");
        assertThat(r.statuses()).containsExactly("clientTransferProhibited");
        assertThat(r.privacy()).isTrue();
        RegistrationRecord old = page.items().get(1).record();
        assertThat(old.privacy()).isFalse();
        assertThat(old.contacts().registrant().email()).isEqualTo("jo@example.org");
        assertThat(old.contacts().registrant().organization()).isEqualTo("Example Holdings");
        assertThat(old.registrar().name()).isEqualTo("Old Registrar LLC");
        assertThat(old.format()).isEqualTo("whoisxml-history");
    }

    @Test
    void whoxyHistory() throws Exception {
        var page = WhoxyParser.history("example.com", read("whoxy/history.json"));
        HistoricRecord v = page.items().get(0);
        assertThat(v.firstSeen()).isEqualTo(Instant.parse("2018-05-06T07:08:09Z"));
        assertThat(v.record().contacts().registrant().name()).isEqualTo("Jo Example");
        assertThat(v.record().contacts().registrant().email()).isEqualTo("jo@example.org");
        assertThat(v.record().nameServers()).containsExactly("ns1.oldhost.test", "ns2.oldhost.test");
        assertThat(v.record().registrar().name()).isEqualTo("Example Registrar, Inc.");
    }

    @Test
    void securityTrailsHistoryWithStartedEnded() throws Exception {
        var page = SecurityTrailsParser.whoisHistory("example.com", read("securitytrails/whois-history.json"));
        HistoricRecord v = page.items().get(0);
        assertThat(v.firstSeen()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(v.lastSeen()).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(v.record().contacts().registrant().email()).isEqualTo("jo@example.org");
        assertThat(v.record().contacts().tech().email()).isEqualTo("hostmaster@oldhost.test");
        assertThat(v.record().created()).isEqualTo(Instant.parse("2010-03-04T00:00:00Z"));
        assertThat(page.next()).isNull();
    }

    @Test
    void domainToolsHistory() throws Exception {
        var page = DomainToolsParser.whoisHistory("example.com", read("domaintools/whois-history.json"));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items().get(0).record().contacts().registrant().name()).isEqualTo("Example Holdings");
        assertThat(page.items().get(0).record().registrar().name()).isEqualTo("OLD REGISTRAR LLC");
        assertThat(page.items().get(1).record().privacy()).isTrue();
        assertThat(page.items().get(1).firstSeen()).isEqualTo(Instant.parse("2020-02-03T00:00:00Z"));
    }

    @Test
    void virusTotalHistoricalWhois() throws Exception {
        var page = VirusTotalParser.historicalWhois("example.com", read("virustotal/historical-whois.json"));
        RegistrationRecord r = page.items().get(0).record();
        assertThat(r.contacts().registrant().email()).isEqualTo("jo@example.org");
        assertThat(r.nameServers()).containsExactly("ns1.oldhost.test", "ns2.oldhost.test");
        assertThat(r.registrar().name()).isEqualTo("Old Registrar LLC");
        assertThat(page.items().get(0).firstSeen()).isEqualTo(Instant.ofEpochSecond(1420070400));
    }

    @Test
    void versionsBecomeRegistrationAttributesAndPivotsWithTheirWindow() throws Exception {
        Indicator domain = Indicator.of(IndicatorType.DOMAIN, "example.com");
        Facts f = new Facts("whoisxml", IndicatorParser.standard(), Instant.parse("2026-01-01T00:00:00Z"), null,
                null, null);
        HistoryMapper.map(domain, WhoisXmlParser.history("example.com", read("whoisxml/history.json")).items(), f);
        assertThat(f.observations()).filteredOn(o -> o.relation() == Relation.REGISTRATION).hasSize(2)
                .extracting(Observation::firstSeen)
                .containsExactly(Instant.parse("2023-03-02T11:23:51Z"), Instant.parse("2015-06-13T00:00:00Z"));
        assertThat(f.observations()).filteredOn(o -> o.relation() == Relation.REGISTRANT_EMAIL)
                .extracting(o -> o.object().value()).containsExactly("jo@example.org");
        Observation email = f.observations().stream().filter(o -> o.relation() == Relation.REGISTRANT_EMAIL)
                .findFirst().orElseThrow();
        assertThat(email.lastSeen()).isEqualTo(Instant.parse("2016-01-01T00:00:00Z"));
        assertThat(f.observations()).noneMatch(o -> o.object() != null
                && o.object().value().contains("withheldforprivacy"));
        Facts recent = new Facts("whoisxml", IndicatorParser.standard(), Instant.parse("2026-01-01T00:00:00Z"), null,
                Instant.parse("2020-01-01T00:00:00Z"), null);
        HistoryMapper.map(domain, WhoisXmlParser.history("example.com", read("whoisxml/history.json")).items(),
                recent);
        assertThat(recent.observations()).noneMatch(o -> o.relation() == Relation.REGISTRANT_EMAIL);
    }
}
