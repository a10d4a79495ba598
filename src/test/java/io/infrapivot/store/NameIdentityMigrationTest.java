package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.engine.pivot.Provenance;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema 2.1 (one name, one identity): a case written when services' names kept the type the service gave
 * them ({@code domain:portal.evil.test} from crt.sh beside {@code host:portal.evil.test} from DNS) is retyped
 * and merged on opening, so {@code history} (observations about the name) and {@code why} (paths from the
 * seed) find the name whichever way it was stored.
 */
class NameIdentityMigrationTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    private static Indicator raw(IndicatorType t, String v) {
        return Indicator.fromCanonical(t, v); // as stored rows were written, without the parser's decision
    }

    private static RawAnswer answer(String source) {
        return RawAnswer.text(source, "q", "body " + source, "text/plain", "ok", T1, Duration.ofMillis(3));
    }

    /** Writes what an old version stored, then puts the case back to schema 1 (as an old case file is). */
    private Path oldCase(SqliteCaseRepository repo) throws Exception {
        Path file;
        Indicator seed = raw(IndicatorType.DOMAIN, "evil.test");
        Indicator portalAsDomain = raw(IndicatorType.DOMAIN, "portal.evil.test");
        Indicator portalAsHost = raw(IndicatorType.HOST, "portal.evil.test");
        Indicator cert = raw(IndicatorType.CERT, "sha256:" + "ab".repeat(32));
        Indicator ip = raw(IndicatorType.IP, "192.0.2.7");
        try (CaseStore store = repo.open("old")) {
            store.addSeeds(List.of(seed, portalAsDomain));
            RawAnswer crt = answer("crtsh");
            store.saveLookup("crtsh", seed, "", T1, T1, LookupResult.of(List.of(
                    Observation.link(cert, Relation.CERT_NAME, seed, "crtsh", T1, crt),
                    Observation.link(cert, Relation.CERT_NAME, portalAsDomain, "crtsh", T1, crt)), List.of(crt)),
                    Duration.ofHours(1));
            RawAnswer pdns = answer("circl");
            store.saveLookup("circl", portalAsDomain, "", T1, T1, LookupResult.of(List.of(
                    Observation.link(portalAsDomain, Relation.RESOLVES_TO, ip, "circl", T1, pdns)
                            .withSeen(T1, T1, 1L)), List.of(pdns)), Duration.ofHours(1));
            RawAnswer dns = answer("dns");
            store.saveLookup("dns", portalAsHost, "", T2, T2, LookupResult.of(List.of(
                    Observation.link(portalAsHost, Relation.RESOLVES_TO, ip, "dns", T2, dns).withSeen(T2, T2, 1L),
                    Observation.link(portalAsHost, Relation.SUBDOMAIN_OF, seed, "dns", T2, dns)),
                    List.of(dns)), Duration.ofHours(1));
            // a registrable domain stored as a host (the other way round), with nothing else of that name
            store.saveLookup("circl", raw(IndicatorType.HOST, "other.test"), "other", T1, T1, LookupResult.of(List.of(
                    Observation.link(raw(IndicatorType.HOST, "other.test"), Relation.RESOLVES_TO, ip, "circl", T1,
                            answer("circl"))), List.of(answer("circl"))), Duration.ofHours(1));
            file = ((SqliteCaseStore) store).file();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            // a case of schema 1: without 2.1's renaming and 2.2's analyst columns
            st.executeUpdate("DELETE FROM flyway_schema_history WHERE version IN ('2.1', '2.2')");
            st.executeUpdate("DROP INDEX lookups_analyst");
            st.executeUpdate("ALTER TABLE lookups DROP COLUMN analyst");
            st.executeUpdate("ALTER TABLE lookups DROP COLUMN host");
        }
        return file;
    }

    @Test
    void retypesStoredNamesAndMergesTheirDuplicates() throws Exception {
        SqliteCaseRepository repo = new SqliteCaseRepository(dir.resolve("cases"));
        oldCase(repo);
        Indicator host = IndicatorParser.standard().parse("portal.evil.test").orElseThrow().indicator();
        assertThat(host.type()).isEqualTo(IndicatorType.HOST);
        try (CaseStore store = repo.open("old")) {
            assertThat(((SqliteCaseStore) store).schemaVersion()).isEqualTo("2.2");
            assertThat(store.indicators()).extracting(Indicator::key)
                    .contains("host:portal.evil.test", "domain:evil.test", "domain:other.test")
                    .doesNotContain("domain:portal.evil.test", "host:other.test");
            assertThat(store.seeds()).extracting(Indicator::key)
                    .containsExactlyInAnyOrder("domain:evil.test", "host:portal.evil.test");
            // history: every fact about the name, whoever stored it
            List<StoredObservation> about = store.observationsAbout(host);
            assertThat(about).extracting(o -> o.relation().id()).contains("cert-name", "resolves-to", "subdomain-of");
            StoredObservation resolves = about.stream().filter(o -> o.relation() == Relation.RESOLVES_TO)
                    .collect(java.util.stream.Collectors.toList()).getFirst();
            assertThat(about).filteredOn(o -> o.relation() == Relation.RESOLVES_TO).hasSize(1); // folded
            assertThat(resolves.sightings()).extracting(s -> s.source()).containsExactlyInAnyOrder("circl", "dns");
            assertThat(resolves.firstSeen()).isEqualTo(T1);
            assertThat(resolves.lastSeen()).isEqualTo(T2);
            assertThat(store.lookupsAbout(host)).extracting(l -> l.source()).containsExactlyInAnyOrder("circl", "dns");
            // why: the name is reachable from the seed through the certificate
            assertThat(new Provenance(store).paths(host, 5)).isNotEmpty();
            // a later write of the same link lands on the merged fact (its key names the surviving row)
            Indicator cert = raw(IndicatorType.CERT, "sha256:" + "ab".repeat(32));
            RawAnswer again = answer("crtsh");
            store.saveLookup("crtsh", cert, "x", T2, T2, LookupResult.of(List.of(
                    Observation.link(cert, Relation.CERT_NAME, host, "crtsh", T2, again)), List.of(again)),
                    Duration.ofHours(1));
            assertThat(store.observationsAbout(host)).filteredOn(o -> o.relation() == Relation.CERT_NAME).hasSize(1);
        }
        // idempotent: opening again changes nothing
        try (CaseStore store = repo.open("old")) {
            assertThat(store.indicators()).extracting(Indicator::key).doesNotContain("domain:portal.evil.test");
        }
    }
}
