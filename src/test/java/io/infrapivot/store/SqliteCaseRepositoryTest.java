package io.infrapivot.store;

import static io.infrapivot.store.Facts.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.source.LookupResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteCaseRepositoryTest {
    @TempDir
    Path dir;

    private SqliteCaseRepository repo() {
        return new SqliteCaseRepository(dir.resolve("cases"));
    }

    @Test
    void theFolderIsCreatedPrivateOnFirstUseAndEachCaseIsOneFile() throws Exception {
        SqliteCaseRepository repo = repo();
        assertThat(dir.resolve("cases")).doesNotExist();
        try (CaseStore store = repo.open("op-2026.blue_fox")) {
            store.addSeeds(List.of(domain("example.com")));
        }
        Path folder = dir.resolve("cases");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        Path file = folder.resolve("op-2026.blue_fox.sqlite");
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(repo.location()).isEqualTo(folder.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-starts-with-dash", ".hidden", "has space", "semi;colon", "ünïcode",
            "a\u001b[31m", "x12345678901234567890123456789012345678901234567890123456789012345"})
    void invalidNamesAreRefusedWithAClearMessage(String name) {
        assertThatThrownBy(() -> repo().open(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("case name");
        assertThat(dir.resolve("cases")).doesNotExist();
    }

    @Test
    void theLongestValidNameIsAccepted() {
        String name = "a" + "b".repeat(63);
        try (CaseStore store = repo().open(name)) {
            assertThat(store.info().name()).isEqualTo(name);
        }
    }

    @Test
    void aPathOpensACaseFileAnywhere() {
        Path elsewhere = dir.resolve("elsewhere/incident.db");
        try (CaseStore store = repo().open(elsewhere.toString())) {
            assertThat(store.info().name()).isEqualTo("incident");
            assertThat(store.info().location()).isEqualTo(elsewhere.toString());
        }
        assertThat(elsewhere).isRegularFile();
        try (CaseStore store = repo().openExisting(elsewhere.toString())) {
            assertThat(store.info().name()).isEqualTo("incident");
        }
        assertThat(repo().list()).isEmpty();
    }

    @Test
    void openExistingRefusesAMissingCase() {
        assertThatThrownBy(() -> repo().openExisting("nope")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no case 'nope'");
        assertThat(dir.resolve("cases/nope.sqlite")).doesNotExist();
    }

    @Test
    void reopeningACaseKeepsItsData() {
        SqliteCaseRepository repo = repo();
        try (CaseStore store = repo.open("keep")) {
            store.addSeeds(List.of(domain("example.com")));
            Facts.writeLoad(store, 0, 3);
        }
        try (CaseStore store = repo.openExisting("keep")) {
            assertThat(store.seeds()).containsExactly(domain("example.com"));
            assertThat(store.info().lookups()).isEqualTo(3);
            assertThat(store.observations()).hasSize(9);
            Facts.writeLoad(store, 1, 3);
            assertThat(store.observations()).hasSize(12);
        }
    }

    @Test
    void listShowsEachCaseWithItsCountsAndDeleteRemovesItsFiles() {
        SqliteCaseRepository repo = repo();
        try (CaseStore a = repo.open("alpha"); CaseStore b = repo.open("beta")) {
            Facts.writeLoad(a, 0, 2);
            Facts.save(b, "dns", domain("example.com"), LookupResult.skipped("offline"));
        }
        assertThat(repo.list()).extracting(CaseInfo::name, CaseInfo::lookups, CaseInfo::observations,
                CaseInfo::evidence, CaseInfo::indicators).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", 2L, 6L, 2L, 5L),
                org.assertj.core.groups.Tuple.tuple("beta", 1L, 0L, 0L, 1L));

        Path alpha = dir.resolve("cases/alpha.sqlite");
        assertThat(repo.delete("alpha")).isTrue();
        assertThat(alpha).doesNotExist();
        assertThat(alpha.resolveSibling("alpha.sqlite-wal")).doesNotExist();
        assertThat(alpha.resolveSibling("alpha.sqlite-shm")).doesNotExist();
        assertThat(repo.delete("alpha")).isFalse();
        assertThat(repo.list()).extracting(CaseInfo::name).containsExactly("beta");
    }

    @Test
    void listSkipsFilesThatAreNotCases() throws Exception {
        Files.createDirectories(dir.resolve("cases"));
        Files.writeString(dir.resolve("cases/garbage.sqlite"), "not a database at all");
        Files.writeString(dir.resolve("cases/notes.txt"), "hello");
        try (CaseStore store = repo().open("real")) {
            store.addSeeds(List.of(domain("example.com")));
        }
        assertThat(repo().list()).extracting(CaseInfo::name).containsExactly("real");
    }

    @Test
    void aDatabaseThatIsNotACaseIsRefusedAndLeftAlone() throws Exception {
        Path foreign = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }
        assertThatThrownBy(() -> repo().open(foreign.toString())).isInstanceOf(StoreException.class)
                .hasMessageContaining("foreign.db").hasMessageContaining("not an infrapivot case");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("customers");
            assertThat(rs.next()).isFalse();
        }
        assertThat(dir.resolve("foreign.db-wal")).doesNotExist();
        Files.writeString(dir.resolve("text.sqlite"), "just some text, no database");
        assertThatThrownBy(() -> repo().open(dir.resolve("text.sqlite").toString()))
                .isInstanceOf(StoreException.class).hasMessageContaining("not an infrapivot case");
    }

    @Test
    void theSchemaVersionIsRecordedByFlyway() throws Exception {
        Path file;
        try (SqliteCaseStore store = (SqliteCaseStore) repo().open("versioned")) {
            assertThat(store.schemaVersion()).isEqualTo("2.2");
            file = store.file();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("version")).isEqualTo("1");
            assertThat(rs.getBoolean("success")).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("version")).isEqualTo("2.1"); // one name, one identity (a Java migration)
            assertThat(rs.getBoolean("success")).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("version")).isEqualTo("2.2"); // who made each lookup
            assertThat(rs.getBoolean("success")).isTrue();
            assertThat(rs.next()).isFalse();
        }
        try (SqliteCaseStore again = (SqliteCaseStore) repo().open("versioned")) {
            assertThat(again.schemaVersion()).isEqualTo("2.2");
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailClearly() {
        CaseStore store = repo().open("closing");
        Facts.writeLoad(store, 0, 1);
        store.close();
        store.close();
        assertThatThrownBy(store::info).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.addSeeds(List.of(domain("example.com"))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Facts.writeLoad(store, 0, 1)).isInstanceOf(IllegalStateException.class);
        try (CaseStore reopened = repo().openExisting("closing")) {
            assertThat(reopened.info().lookups()).isEqualTo(1);
        }
    }
}
