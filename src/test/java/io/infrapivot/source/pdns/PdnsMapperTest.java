package io.infrapivot.source.pdns;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.circl.CirclParser;
import io.infrapivot.source.thirdparty.Facts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdnsMapperTest {
    static final IndicatorParser P = IndicatorParser.standard();
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Indicator ind(IndicatorType t, String v) {
        return Indicator.of(t, v);
    }

    static Facts facts(Instant since, Instant until) {
        return new Facts("circl", P, NOW, null, since, until);
    }

    static String line(Observation o) {
        return o.subject() + " " + o.relation() + " " + (o.object() == null ? o.value() : o.object());
    }

    @Test
    void forwardRecordsBecomeDnsFactsWithSeenAndCount() throws Exception {
        Facts f = facts(null, null);
        PdnsMapper.map(ind(IndicatorType.DOMAIN, "example.org"), CirclParser.parse(read("circl/forward.cof")), f);
        List<Observation> obs = f.observations();
        assertThat(obs).extracting(PdnsMapperTest::line).containsExactlyInAnyOrder(
                "domain:example.org subdomain host:www.example.org",
                "host:www.example.org resolves-to ip:192.0.2.10",
                "host:www.example.org resolves-to ip:2001:db8::10",
                "domain:example.org subdomain host:cdn.example.org",
                "host:cdn.example.org alias-of host:www.example.org",
                "domain:example.org name-server host:ns1.example.net",
                "domain:example.org name-server host:ns2.example.net",
                "domain:example.org mail-server host:mail.example.org");
        Observation a = obs.stream().filter(o -> o.relation() == Relation.RESOLVES_TO).findFirst().orElseThrow();
        assertThat(a.firstSeen()).isEqualTo(Instant.ofEpochSecond(1354530320));
        assertThat(a.lastSeen()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(a.count()).isEqualTo(1234L);
        assertThat(a.source()).isEqualTo("circl");
        assertThat(a.learnedAt()).isEqualTo(NOW);
    }

    @Test
    void reverseLookupGivesCoHostedNames() throws Exception {
        Facts f = facts(null, null);
        PdnsMapper.map(ind(IndicatorType.IP, "192.0.2.10"), CirclParser.parse(read("circl/reverse.cof")), f);
        assertThat(f.observations()).extracting(PdnsMapperTest::line).containsExactly(
                "ip:192.0.2.10 co-hosted host:shop.example.com", "ip:192.0.2.10 co-hosted host:old.example.net");
    }

    @Test
    void sinceAndUntilFilterByLastSeen() throws Exception {
        Facts f = facts(Instant.ofEpochSecond(1500000000), null);
        PdnsMapper.map(ind(IndicatorType.IP, "192.0.2.10"), CirclParser.parse(read("circl/reverse.cof")), f);
        assertThat(f.observations()).extracting(PdnsMapperTest::line)
                .containsExactly("ip:192.0.2.10 co-hosted host:shop.example.com");
        assertThat(f.outsideWindow()).isEqualTo(1);
        Facts g = facts(null, Instant.ofEpochSecond(1500000000));
        PdnsMapper.map(ind(IndicatorType.IP, "192.0.2.10"), CirclParser.parse(read("circl/reverse.cof")), g);
        assertThat(g.observations()).extracting(PdnsMapperTest::line)
                .containsExactly("ip:192.0.2.10 co-hosted host:old.example.net");
    }

    @Test
    void ptrOtherTypesAndGarbage() {
        Facts f = facts(null, null);
        PdnsMapper.map(ind(IndicatorType.IP, "192.0.2.1"), List.of(
                new PdnsRecord("1.2.0.192.in-addr.arpa.", "PTR", "host.example.com.", null, null, null),
                new PdnsRecord("example.com", "TXT", "v=spf1 -all", null, null, null),
                new PdnsRecord("bad name\u001b[31m", "A", "192.0.2.1", null, null, null),
                new PdnsRecord("x.example.com", "A", "not-an-ip", null, null, null)), f);
        assertThat(f.observations()).extracting(PdnsMapperTest::line).containsExactly(
                "ip:192.0.2.1 ptr host:host.example.com",
                "domain:example.com dns-record {\"type\":\"TXT\",\"data\":\"v=spf1 -all\"}");
    }

    @Test
    void nameListsAndNsReverse() {
        Facts f = facts(null, null);
        Indicator ns = ind(IndicatorType.HOST, "ns1.example.net");
        PdnsMapper.map(ns, List.of(new PdnsRecord("victim.example", "NS", "ns1.example.net.", null, null, 3L)), f);
        PdnsMapper.subdomains(ind(IndicatorType.DOMAIN, "example.com"),
                List.of("www.example.com", "evil.example.org", "example.com"), f);
        PdnsMapper.coHosted(ind(IndicatorType.IP, "192.0.2.9"), List.of("a.example.com", "not a name"), f);
        assertThat(f.observations()).extracting(PdnsMapperTest::line).containsExactly(
                "host:ns1.example.net co-hosted domain:victim.example",
                "domain:example.com subdomain host:www.example.com",
                "ip:192.0.2.9 co-hosted host:a.example.com");
    }

    @Test
    void reverseNames() {
        assertThat(ReverseNames.toIp("4.3.2.1.in-addr.arpa")).isEqualTo("1.2.3.4");
        assertThat(ReverseNames.toIp("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."))
                .isEqualTo("2001:0db8:0000:0000:0000:0000:0000:0001");
        assertThat(ReverseNames.toIp("999.1.1.1.in-addr.arpa")).isNull();
        assertThat(ReverseNames.toIp("example.com")).isNull();
    }
}
