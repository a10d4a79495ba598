package io.infrapivot.store;

import static io.infrapivot.store.Facts.BASE;
import static io.infrapivot.store.Facts.domain;
import static io.infrapivot.store.Facts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCaseStoreRoundTripTest {
    @TempDir
    Path dir;
    SqliteCaseStore store;

    @BeforeEach
    void open() {
        store = SqliteCaseStore.open(dir.resolve("rt.sqlite"), "rt");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void seedsRoundTripInOrderAndAreIdempotent() {
        Indicator a = domain("example.com");
        Indicator b = ip("192.0.2.1");
        store.addSeeds(List.of(a, b));
        store.addSeeds(List.of(a));
        assertThat(store.seeds()).containsExactly(a, b);
        assertThat(store.indicators()).containsExactly(a, b);
    }

    @Test
    void lookupRecordRoundTripsExactlyToTheMillisecond() {
        Indicator d = domain("example.com");
        Instant started = Instant.parse("2026-03-04T05:06:07.891Z");
        Instant finished = started.plusMillis(1234);
        RawAnswer raw = Facts.answer("dns", "a");
        LookupResult result = LookupResult.truncated(List.of(Observation.link(d, Relation.RESOLVES_TO,
                ip("192.0.2.7"), "dns", finished, raw)), List.of(raw), 9000, "first page only");

        LookupRecord saved = store.saveLookup("dns", d, "type=A", started, finished, result, Duration.ofMinutes(5));

        assertThat(saved.id()).isPositive();
        assertThat(saved.source()).isEqualTo("dns");
        assertThat(saved.indicator()).isEqualTo(d);
        assertThat(saved.params()).isEqualTo("type=A");
        assertThat(saved.started()).isEqualTo(started);
        assertThat(saved.finished()).isEqualTo(finished);
        assertThat(saved.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(saved.message()).isEqualTo("first page only");
        assertThat(saved.total()).isEqualTo(9000L);
        assertThat(saved.expiresAt()).isEqualTo(finished.plus(Duration.ofMinutes(5)));
        assertThat(saved.observationCount()).isEqualTo(1);
        assertThat(store.lookupsAbout(d)).containsExactly(saved);
        assertThat(store.lookups()).containsExactly(saved);
    }

    @Test
    void missingParamsAreStoredAsEmptyAndErrorsKeepTheirMessage() {
        Indicator d = domain("example.org");
        LookupRecord saved = store.saveLookup("rdap", d, null, BASE, BASE.plusSeconds(1),
                LookupResult.error("HTTP 503 from the server", List.of()), Duration.ofDays(1));
        assertThat(saved.params()).isEmpty();
        assertThat(saved.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(saved.total()).isNull();
        assertThat(store.lookupsAbout(d)).singleElement().isEqualTo(saved);
    }

    @Test
    void linkObservationRoundTripsWithItsSighting() {
        Indicator d = domain("example.com");
        Indicator addr = ip("192.0.2.1");
        RawAnswer raw = Facts.answer("pdns", "x");
        Instant learned = Instant.parse("2026-02-02T02:02:02.222Z");
        Observation o = Observation.link(d, Relation.RESOLVES_TO, addr, "pdns", learned, raw)
                .withSeen(Instant.parse("2020-01-01T00:00:00.001Z"), Instant.parse("2025-01-01T00:00:00Z"), 42L);
        LookupRecord lookup = Facts.save(store, "pdns", d, LookupResult.of(List.of(o), List.of(raw)));

        StoredObservation s = store.observations().getFirst();
        assertThat(store.observations()).hasSize(1);
        assertThat(s.subject()).isEqualTo(d);
        assertThat(s.relation()).isEqualTo(Relation.RESOLVES_TO);
        assertThat(s.object()).isEqualTo(addr);
        assertThat(s.value()).isNull();
        assertThat(s.firstSeen()).isEqualTo(o.firstSeen());
        assertThat(s.lastSeen()).isEqualTo(o.lastSeen());
        assertThat(s.firstLearned()).isEqualTo(learned);
        assertThat(s.lastLearned()).isEqualTo(learned);
        assertThat(s.sightings()).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo("pdns");
            assertThat(g.count()).isEqualTo(42L);
            assertThat(g.lookupId()).isEqualTo(lookup.id());
            assertThat(g.learnedAt()).isEqualTo(learned);
            assertThat(store.evidence(g.evidenceId())).get().extracting(StoredEvidence::request)
                    .isEqualTo(raw.request());
        });
        assertThat(store.indicators()).containsExactlyInAnyOrder(d, addr);
    }

    @Test
    void attributeObservationKeepsItsJsonValue() {
        Indicator d = domain("example.com");
        var value = Facts.json().put("registrar", "Example Registrar").put("created", "1995-08-14");
        value.putArray("status").add("clientTransferProhibited").add("serverDeleteProhibited");
        value.putObject("nested").put("z", 1).put("a", true);
        Observation o = Observation.attribute(d, Relation.REGISTRATION, value, "rdap", BASE, null);
        Facts.save(store, "rdap", d, LookupResult.of(List.of(o), List.of()));

        StoredObservation s = store.observationsAbout(d).getFirst();
        assertThat(s.object()).isNull();
        assertThat(s.value()).isEqualTo(value);
        assertThat(s.firstSeen()).isNull();
        assertThat(s.sightings()).singleElement().satisfies(g -> assertThat(g.evidenceId()).isNull());
    }

    @Test
    void evidenceKeepsBinaryAndLargeBodiesByteForByte() {
        byte[] allBytes = new byte[512];
        for (int i = 0; i < allBytes.length; i++) allBytes[i] = (byte) i;
        byte[] large = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(large);
        Instant started = Instant.parse("2026-05-05T05:05:05.555Z");
        RawAnswer binary = new RawAnswer("dns", "example.com. IN A @192.0.2.53", allBytes, "dns-wire", "NOERROR",
                started, Duration.ofMillis(37));
        RawAnswer big = new RawAnswer("ct", "https://ct.example/?q=example.com", large, "application/json", "200",
                started.plusSeconds(1), Duration.ofSeconds(3));
        LookupRecord lookup = Facts.save(store, "dns", domain("example.com"),
                LookupResult.of(List.of(), List.of(binary, big)));

        List<StoredEvidence> stored = store.evidenceOfLookup(lookup.id());
        assertThat(stored).hasSize(2);
        StoredEvidence first = stored.get(0);
        assertThat(first.response()).isEqualTo(allBytes);
        assertThat(first.sha256()).isEqualTo(binary.sha256());
        assertThat(first.source()).isEqualTo("dns");
        assertThat(first.request()).isEqualTo(binary.request());
        assertThat(first.contentType()).isEqualTo("dns-wire");
        assertThat(first.status()).isEqualTo("NOERROR");
        assertThat(first.started()).isEqualTo(started);
        assertThat(first.elapsed()).isEqualTo(Duration.ofMillis(37));
        StoredEvidence second = store.evidence(stored.get(1).id()).orElseThrow();
        assertThat(second.response()).isEqualTo(large);
        assertThat(second.sha256()).isEqualTo(big.sha256());
        assertThat(second.elapsed()).isEqualTo(Duration.ofSeconds(3));
        assertThat(store.evidence(second.id() + 1000)).isEmpty();
    }

    @Test
    void observationEvidenceNotListedInTheResultIsStoredToo() {
        Indicator d = domain("example.com");
        RawAnswer unlisted = Facts.answer("dns", "unlisted");
        Observation o = Observation.link(d, Relation.NAME_SERVER, domain("example.net"), "dns", BASE, unlisted);
        LookupRecord lookup = Facts.save(store, "dns", d, LookupResult.of(List.of(o), List.of()));
        assertThat(store.evidenceOfLookup(lookup.id())).singleElement()
                .satisfies(e -> assertThat(e.sha256()).isEqualTo(unlisted.sha256()));
    }

    @Test
    void observationsAboutFindsTheIndicatorAsSubjectAndAsObject() {
        Indicator d = domain("example.com");
        Indicator ns = Indicator.fromCanonical(IndicatorType.HOST, "ns1.example.net");
        Indicator other = domain("unrelated.org");
        Facts.save(store, "dns", d, LookupResult.of(List.of(
                Observation.link(d, Relation.NAME_SERVER, ns, "dns", BASE, null),
                Observation.link(other, Relation.RESOLVES_TO, ip("198.51.100.1"), "dns", BASE, null),
                Observation.link(ns, Relation.RESOLVES_TO, ip("198.51.100.2"), "dns", BASE, null)), List.of()));

        assertThat(store.observationsAbout(ns)).extracting(StoredObservation::subject, StoredObservation::object)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(d, ns),
                        org.assertj.core.groups.Tuple.tuple(ns, ip("198.51.100.2")));
        assertThat(store.observationsAbout(ip("198.51.100.1"))).singleElement()
                .satisfies(s -> assertThat(s.subject()).isEqualTo(other));
        assertThat(store.observationsAbout(domain("never.seen"))).isEmpty();
    }

    @Test
    void observationsOfLookupReplaysWhatThatLookupProduced() {
        Indicator d = domain("example.com");
        Observation a = Observation.link(d, Relation.RESOLVES_TO, ip("192.0.2.1"), "dns", BASE, null);
        Observation b = Observation.link(d, Relation.MAIL_SERVER, domain("mx.example"), "dns", BASE, null);
        Observation c = Observation.link(d, Relation.RESOLVES_TO, ip("192.0.2.2"), "pdns", BASE, null);
        LookupRecord first = Facts.save(store, "dns", d, LookupResult.of(List.of(a, b), List.of()));
        LookupRecord second = Facts.save(store, "pdns", d, LookupResult.of(List.of(c, a.withSeen(null, null, 3L)),
                List.of()));

        assertThat(store.observationsOfLookup(first.id())).extracting(StoredObservation::object)
                .containsExactly(ip("192.0.2.1"), domain("mx.example"));
        assertThat(store.observationsOfLookup(second.id())).extracting(StoredObservation::object)
                .containsExactly(ip("192.0.2.1"), ip("192.0.2.2"));
        assertThat(store.observationsOfLookup(second.id() + 99)).isEmpty();
    }

    @Test
    void infoCountsWhatTheCaseHolds() {
        Indicator d = domain("example.com");
        RawAnswer raw = Facts.answer("dns", "a");
        Facts.save(store, "dns", d, LookupResult.of(List.of(
                Observation.link(d, Relation.RESOLVES_TO, ip("192.0.2.1"), "dns", BASE, raw)), List.of(raw)));
        CaseInfo info = store.info();
        assertThat(info.name()).isEqualTo("rt");
        assertThat(info.location()).isEqualTo(dir.resolve("rt.sqlite").toString());
        assertThat(info.indicators()).isEqualTo(2);
        assertThat(info.observations()).isEqualTo(1);
        assertThat(info.lookups()).isEqualTo(1);
        assertThat(info.evidence()).isEqualTo(1);
        assertThat(info.lastActivity()).isEqualTo(BASE.plusMillis(20));
        assertThat(info.created()).isNotNull();
    }
}
