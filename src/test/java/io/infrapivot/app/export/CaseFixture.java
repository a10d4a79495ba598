package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.store.SqliteCaseStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A small case in the real SQLite store: a seed domain with its name servers, addresses (one link seen in
 * two separate windows), registration (hostile WHOIS strings), a certificate, a URL, a file, an ASN and
 * marked indicators — every export format has something of each kind to write.
 */
final class CaseFixture {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Hostile strings as WHOIS and DNS may carry them. */
    static final String FORMULA = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
    static final String SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    static final String CSV_BREAKER = "Evil, \"Inc\"\r\n=cmd|' /C calc'!A0";

    static final Indicator SEED = ind(IndicatorType.DOMAIN, "evil.example");
    static final Indicator WWW = ind(IndicatorType.HOST, "www.evil.example");
    static final Indicator NS1 = ind(IndicatorType.HOST, "ns1.hoster.example");
    static final Indicator IP = ind(IndicatorType.IP, "198.51.100.3");
    static final Indicator IP6 = ind(IndicatorType.IP, "2001:db8::5");
    static final Indicator SHARED = ind(IndicatorType.IP, "203.0.113.9");
    static final Indicator OTHER = ind(IndicatorType.DOMAIN, "innocent.example");
    static final Indicator ASN = ind(IndicatorType.ASN, "AS64500");
    static final Indicator EMAIL = ind(IndicatorType.EMAIL, "bad@mail-provider.com");
    static final Indicator REGISTRAR = ind(IndicatorType.ORG, "Hostile Registrar, Inc.");
    static final Indicator PERSON = ind(IndicatorType.PERSON, FORMULA);
    static final Indicator ORG = Indicator.of(IndicatorType.ORG, SCRIPT); // as the parser keeps it
    static final Indicator CERT = ind(IndicatorType.CERT, "a".repeat(64));
    static final Indicator URL = ind(IndicatorType.URL, "https://evil.example/login");
    static final Indicator FILE = ind(IndicatorType.FILE, "b".repeat(64));
    static final Indicator HASH = ind(IndicatorType.HASH, "c".repeat(32));
    static final Indicator NET = ind(IndicatorType.CIDR, "198.51.100.0/24");

    private CaseFixture() {
    }

    static Indicator ind(IndicatorType t, String v) {
        return Indicator.fromCanonical(t, v);
    }

    static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    static SqliteCaseStore open(Path dir, String name) {
        return SqliteCaseStore.open(dir.resolve(name + ".sqlite"), name);
    }

    /** Fills {@code store} with the case. */
    static void fill(CaseStore store) {
        store.addSeeds(List.of(SEED));
        RawAnswer dnsRaw = raw("dns", "A evil.example", "evil.example. 300 IN A 198.51.100.3");
        save(store, "dns", SEED, dnsRaw,
                link(SEED, Relation.RESOLVES_TO, IP, "dns", dnsRaw, null, null, null),
                link(SEED, Relation.NAME_SERVER, NS1, "dns", dnsRaw, null, null, null),
                link(WWW, Relation.ALIAS_OF, SEED, "dns", dnsRaw, null, null, null),
                link(WWW, Relation.SUBDOMAIN_OF, SEED, "dns", dnsRaw, null, null, null),
                link(WWW, Relation.RESOLVES_TO, IP6, "dns", dnsRaw, null, null, null),
                link(IP, Relation.PTR, NS1, "dns", dnsRaw, null, null, null),
                link(NS1, Relation.RESOLVES_TO, SHARED, "dns", dnsRaw, null, null, null),
                Observation.attribute(SEED, Relation.DNS_RECORD, JsonNodeFactory.instance.objectNode()
                        .put("type", "TXT").put("data", CSV_BREAKER + " " + SCRIPT), "dns", NOW, dnsRaw));
        // passive DNS: the address came, went and came back (two windows)
        RawAnswer pdns1 = raw("circl", "pdns evil.example", "{\"rrname\":\"evil.example\"}");
        save(store, "circl", SEED, pdns1,
                link(SEED, Relation.RESOLVES_TO, IP, "circl", pdns1, day(0), day(30), 12L),
                link(SHARED, Relation.CO_HOSTED, OTHER, "circl", pdns1, day(5), day(6), 1L));
        RawAnswer pdns2 = raw("mnemonic", "pdns evil.example", "{\"answer\":1}");
        save(store, "mnemonic", SEED, pdns2, link(SEED, Relation.RESOLVES_TO, IP, "mnemonic", pdns2, day(90), day(120), 3L));
        RawAnswer whois = raw("rdap", "domain evil.example", "{\"ldhName\":\"evil.example\",\"remarks\":\"" + SCRIPT
                .replace("\"", "\\\"") + "\"}");
        ObjectNode reg = JsonNodeFactory.instance.objectNode();
        reg.put("kind", "domain").put("domain", "evil.example").put("registrar", REGISTRAR.value())
                .put("created", "2024-12-30T00:00:00Z").put("privacy", false);
        reg.putObject("contacts").putObject("registrant").put("name", FORMULA).put("org", SCRIPT);
        save(store, "rdap", SEED, whois,
                link(SEED, Relation.REGISTRAR, REGISTRAR, "rdap", whois, null, null, null),
                link(SEED, Relation.REGISTRANT_EMAIL, EMAIL, "rdap", whois, null, null, null),
                link(SEED, Relation.REGISTRANT_NAME, PERSON, "rdap", whois, null, null, null),
                link(SEED, Relation.REGISTRANT_ORG, ORG, "rdap", whois, null, null, null),
                Observation.attribute(SEED, Relation.REGISTRATION, reg, "rdap", NOW, whois));
        RawAnswer routing = raw("cymru", "origin 198.51.100.3", "64500 | 198.51.100.0/24");
        save(store, "cymru", IP, routing,
                link(IP, Relation.ANNOUNCED_BY, ASN, "cymru", routing, null, null, null),
                link(IP, Relation.IN_NETBLOCK, NET, "cymru", routing, null, null, null));
        RawAnswer ct = raw("crtsh", "certs evil.example", "[]");
        save(store, "crtsh", SEED, ct,
                link(CERT, Relation.CERT_NAME, SEED, "crtsh", ct, day(10), day(100), null),
                link(URL, Relation.URL_HOST, SEED, "crtsh", ct, null, null, null),
                link(FILE, Relation.COMMUNICATES_WITH, IP, "crtsh", ct, null, null, null),
                link(FILE, Relation.HAS_HASH, HASH, "crtsh", ct, null, null, null));
        mark(store, SHARED, "shared-hosting", "carries 900 names", false);
        mark(store, NS1, "popular", "a well-known name server", true);
        // an error from a source, for the report's "sources and their errors"
        store.saveLookup("virustotal", SEED, "", NOW, NOW, LookupResult.error("HTTP 429 " + SCRIPT, List.of()),
                Duration.ZERO);
    }

    static Observation link(Indicator s, Relation r, Indicator o, String source, RawAnswer raw, Instant first,
                            Instant last, Long count) {
        return Observation.link(s, r, o, source, NOW, raw).withSeen(first, last, count);
    }

    static RawAnswer raw(String source, String request, String body) {
        return RawAnswer.text(source, request, body, "text/plain", "ok", NOW, Duration.ofMillis(5));
    }

    static void save(CaseStore store, String source, Indicator about, RawAnswer raw, Observation... obs) {
        store.saveLookup(source, about, "", NOW, NOW, LookupResult.of(List.of(obs), List.of(raw)), Duration.ofDays(1));
    }

    static void mark(CaseStore store, Indicator i, String rule, String reason, boolean expanded) {
        ObjectNode v = JsonNodeFactory.instance.objectNode().put("rule", rule).put("reason", reason)
                .put("expanded", expanded);
        store.saveLookup("pivot", i, "noise", NOW, NOW, LookupResult.of(List.of(
                Observation.attribute(i, Relation.NOISE, v, "pivot", NOW, null)), List.of()), Duration.ZERO);
    }

    static String export(CaseStore store, Format f, ExportOptions o) {
        return new String(exportBytes(store, f, o), StandardCharsets.UTF_8);
    }

    static byte[] exportBytes(CaseStore store, Format f, ExportOptions o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Exporter(store, o, CLOCK).run(f, out);
        return out.toByteArray();
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
