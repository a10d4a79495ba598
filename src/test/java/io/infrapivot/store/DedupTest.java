package io.infrapivot.store;

import static io.infrapivot.store.Facts.BASE;
import static io.infrapivot.store.Facts.domain;
import static io.infrapivot.store.Facts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupTest {
    @TempDir
    Path dir;
    io.infrapivot.engine.port.CaseStore store;
    final Indicator d = domain("example.com");
    final Indicator addr = ip("192.0.2.1");

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** The store under test (PostgresDedupTest runs the same tests on PostgreSQL). */
    io.infrapivot.engine.port.CaseStore openStore() {
        return SqliteCaseStore.open(dir.resolve("dedup.sqlite"), "dedup");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void report(String source, Instant learned, Instant first, Instant last) {
        Observation o = Observation.link(d, Relation.RESOLVES_TO, addr, source, learned, null).withSeen(first, last,
                null);
        Facts.save(store, source, d, LookupResult.of(List.of(o), List.of()));
    }

    private static Instant day(int n) {
        return BASE.plus(n, ChronoUnit.DAYS);
    }

    @Test
    void theSameSourceTwiceMakesOneObservationWithTwoSightings() {
        report("dns", day(10), null, null);
        report("dns", day(11), null, null);

        assertThat(store.observations()).singleElement().satisfies(o -> {
            assertThat(o.sightings()).hasSize(2);
            assertThat(o.sources()).containsExactly("dns");
            assertThat(o.firstLearned()).isEqualTo(day(10));
            assertThat(o.lastLearned()).isEqualTo(day(11));
            assertThat(o.firstSeen()).isNull();
        });
    }

    @Test
    void threeSourcesForOneFactWidenTheSpanAndKeepEachSighting() {
        report("pdns-a", day(100), day(5), day(50));
        report("pdns-b", day(101), day(2), day(20));
        report("dns", day(99), null, null);
        report("pdns-c", day(102), day(30), day(80));

        List<StoredObservation> all = store.observations();
        assertThat(all).hasSize(1);
        StoredObservation o = all.getFirst();
        assertThat(o.firstSeen()).isEqualTo(day(2));
        assertThat(o.lastSeen()).isEqualTo(day(80));
        assertThat(o.firstLearned()).isEqualTo(day(99));
        assertThat(o.lastLearned()).isEqualTo(day(102));
        assertThat(o.sources()).containsExactly("pdns-a", "pdns-b", "dns", "pdns-c");
        assertThat(o.sightings()).extracting(Sighting::firstSeen, Sighting::lastSeen).containsExactly(
                org.assertj.core.groups.Tuple.tuple(day(5), day(50)),
                org.assertj.core.groups.Tuple.tuple(day(2), day(20)),
                org.assertj.core.groups.Tuple.tuple(null, null),
                org.assertj.core.groups.Tuple.tuple(day(30), day(80)));
        assertThat(store.info().observations()).isEqualTo(1);
    }

    @Test
    void jsonKeyOrderDoesNotSplitAFact() {
        var one = Facts.json().put("list", "zen.example").put("code", "127.0.0.2");
        one.putObject("meta").put("b", 2).put("a", 1);
        var two = Facts.json();
        two.putObject("meta").put("a", 1).put("b", 2);
        two.put("code", "127.0.0.2").put("list", "zen.example");
        Facts.save(store, "dnsbl", addr, LookupResult.of(List.of(
                Observation.attribute(addr, Relation.LISTED_ON, one, "dnsbl", day(1), null)), List.of()));
        Facts.save(store, "dnsbl2", addr, LookupResult.of(List.of(
                Observation.attribute(addr, Relation.LISTED_ON, two, "dnsbl2", day(2), null)), List.of()));

        assertThat(store.observations()).singleElement().satisfies(o -> {
            assertThat(o.value()).isEqualTo(one);
            assertThat(o.sources()).containsExactly("dnsbl", "dnsbl2");
        });
    }

    @Test
    void differentValuesRelationsOrObjectsAreDifferentFacts() {
        var listed = Facts.json().put("list", "zen.example");
        var otherList = Facts.json().put("list", "other.example");
        Facts.save(store, "mix", d, LookupResult.of(List.of(
                Observation.attribute(addr, Relation.LISTED_ON, listed, "mix", day(1), null),
                Observation.attribute(addr, Relation.LISTED_ON, otherList, "mix", day(1), null),
                Observation.attribute(addr, Relation.VERDICT, listed, "mix", day(1), null),
                Observation.link(d, Relation.RESOLVES_TO, addr, "mix", day(1), null),
                Observation.link(d, Relation.RESOLVES_TO, ip("192.0.2.2"), "mix", day(1), null),
                Observation.link(d, Relation.RELATED, addr, "mix", day(1), null)), List.of()));
        assertThat(store.observations()).hasSize(6);
    }

    @Test
    void aLinkAnnotationFollowsTheNewestSightingWithoutSplittingTheFact() {
        Observation ttl300 = new Observation(d, Relation.RESOLVES_TO, addr, Facts.json().put("ttl", 300), "dns", null,
                null, day(1), null, null);
        Observation ttl60 = new Observation(d, Relation.RESOLVES_TO, addr, Facts.json().put("ttl", 60), "dns", null,
                null, day(2), null, null);
        Facts.save(store, "dns", d, LookupResult.of(List.of(ttl300), List.of()));
        Facts.save(store, "dns", d, LookupResult.of(List.of(ttl60), List.of()));
        assertThat(store.observations()).singleElement().satisfies(o -> {
            assertThat(o.sightings()).hasSize(2);
            assertThat(o.value()).isEqualTo(Facts.json().put("ttl", 60));
        });
    }

    @Test
    void canonicalJsonSortsKeysAtEveryDepth() {
        var a = Facts.json().put("b", 1).put("a", 2);
        a.putArray("c").addObject().put("y", 1).put("x", 2);
        assertThat(CanonicalJson.text(a)).isEqualTo("{\"a\":2,\"b\":1,\"c\":[{\"x\":2,\"y\":1}]}");
        assertThat(CanonicalJson.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
