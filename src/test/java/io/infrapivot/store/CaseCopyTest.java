package io.infrapivot.store;

import static io.infrapivot.store.Facts.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredEvidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A case moved SQLite → PostgreSQL → SQLite reads exactly as the original, and keeps growing after. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CaseCopyTest {
    @TempDir
    Path dir;

    @Test
    void aCaseGoesToPostgresAndBackWithoutLoss() {
        SqliteCaseRepository sqlite = new SqliteCaseRepository(dir.resolve("cases"), new Analyst("alice", "desk"));
        PostgresCaseRepository pg = new PostgresCaseRepository(PostgresLocation.parse(
                TestPostgres.cluster().newDatabase()), new Analyst("bob", "server"));
        try (CaseStore original = sqlite.open("op")) {
            original.addSeeds(List.of(domain("d0.example"), domain("d3.example")));
            for (int w = 0; w < 3; w++) Facts.writeLoad(original, w, 40);
            try (CaseStore onPg = pg.open("op")) {
                CaseInfo copied = CaseCopy.copy(original, onPg);
                assertSame(original, onPg);
                assertThat(copied.lookups()).isEqualTo(120);
                try (CaseStore back = sqlite.open("op-back")) {
                    CaseCopy.copy(onPg, back);
                    assertSame(original, back);
                }
                // the copy keeps growing: new rows get ids after the copied ones, facts still deduplicate
                LookupRecord more = Facts.writeLoadLookup(onPg, 0, 0);
                assertThat(more.id()).isEqualTo(121);
                assertThat(onPg.info().observations()).isEqualTo(original.info().observations());
                assertThat(onPg.info().lookups()).isEqualTo(121);
                assertThat(onPg.analysts().get(more.id())).isEqualTo(new Analyst("bob", "server"));
            }
        }
    }

    @Test
    void aCaseIsCopiedOnlyIntoAnEmptyOne() {
        SqliteCaseRepository sqlite = new SqliteCaseRepository(dir.resolve("cases"));
        try (CaseStore a = sqlite.open("a"); CaseStore b = sqlite.open("b")) {
            Facts.writeLoad(a, 0, 2);
            Facts.writeLoad(b, 1, 1);
            assertThatThrownBy(() -> CaseCopy.copy(a, b)).isInstanceOf(CaseCopy.TargetNotEmptyException.class)
                    .hasMessageContaining("not empty");
            assertThat(b.info().lookups()).isEqualTo(1);
        }
    }

    private static void assertSame(CaseStore expected, CaseStore actual) {
        CaseInfo e = expected.info();
        CaseInfo a = actual.info();
        assertThat(List.of(a.indicators(), a.observations(), a.lookups(), a.evidence()))
                .isEqualTo(List.of(e.indicators(), e.observations(), e.lookups(), e.evidence()));
        assertThat(a.created()).isEqualTo(e.created());
        assertThat(actual.seeds()).isEqualTo(expected.seeds());
        assertThat(actual.indicators()).isEqualTo(expected.indicators());
        assertThat(actual.observations()).isEqualTo(expected.observations()); // ids, spans, sightings: all
        assertThat(actual.lookups()).isEqualTo(expected.lookups());
        assertThat(actual.analysts()).isEqualTo(expected.analysts());
        assertThat(evidence(actual)).isEqualTo(evidence(expected));
    }

    private static List<String> evidence(CaseStore store) {
        List<String> out = new ArrayList<>();
        for (LookupRecord l : store.lookups()) {
            for (StoredEvidence ev : store.evidenceOfLookup(l.id())) {
                assertThat(io.infrapivot.store.CanonicalJson.sha256(ev.response())).isEqualTo(ev.sha256());
                out.add(l.id() + " " + ev.id() + " " + ev.sha256() + " " + ev.request() + " " + ev.started());
            }
        }
        return out;
    }
}
