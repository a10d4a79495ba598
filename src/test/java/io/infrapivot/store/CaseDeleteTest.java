package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code case delete} deletes cases only, never one in use, and a newer case format is refused. */
class CaseDeleteTest {
    @TempDir
    Path dir;

    /** Run as another JVM: holds a case open until its standard input ends. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (SqliteCaseStore store = SqliteCaseStore.open(Path.of(args[0]), "held")) {
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold the case until the test closes our standard input
                }
            }
        }
    }

    @Test
    void refusesWhatIsNotACaseAndLeavesItAsItIs() throws Exception {
        SqliteCaseRepository repo = new SqliteCaseRepository(dir.resolve("cases"));
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "my notes");
        Path wal = dir.resolve("notes.txt-wal");
        Files.writeString(wal, "x");
        assertThatThrownBy(() -> repo.delete(notes.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a case file");
        assertThat(notes).exists();
        assertThat(wal).exists();

        Path otherDb = dir.resolve("other.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + otherDb); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> repo.delete(otherDb.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an infrapivot case");
        assertThat(otherDb).exists();

        Path realCase = dir.resolve("real.sqlite");
        repo.open(realCase.toString()).close();
        Path link = dir.resolve("link.sqlite");
        Files.createSymbolicLink(link, realCase);
        assertThatThrownBy(() -> repo.delete(link.toString())).isInstanceOf(IllegalArgumentException.class);
        assertThat(realCase).exists();
        assertThat(repo.delete(dir.resolve("missing.sqlite").toString())).isFalse();
    }

    @Test
    void aCaseOpenInAnotherProcessIsNotDeletedUntilItIsClosed() throws Exception {
        SqliteCaseRepository repo = new SqliteCaseRepository(dir.resolve("cases"));
        repo.open("busy").close();
        Path file = repo.fileOf("busy");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            assertThatThrownBy(() -> repo.delete("busy")).isInstanceOf(SqliteCaseRepository.CaseInUseException.class)
                    .hasMessageContaining("in use");
            assertThat(file).exists();
            holder.getOutputStream().close();
            assertThat(holder.waitFor()).isZero();
        } finally {
            holder.destroy();
        }
        assertThat(repo.delete("busy")).isTrue();
        assertThat(file).doesNotExist();
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("busy.sqlite"));
        }
    }

    @Test
    void aCaseOpenInThisProcessIsNotDeletedEither() {
        SqliteCaseRepository repo = new SqliteCaseRepository(dir.resolve("cases"));
        try (var store = repo.open("mine")) {
            assertThatThrownBy(() -> repo.delete("mine")).isInstanceOf(SqliteCaseRepository.CaseInUseException.class);
        }
        assertThat(repo.delete("mine")).isTrue();
    }

    @Test
    void aCaseOfANewerFormatIsRefusedNamingBothVersions() throws Exception {
        SqliteCaseRepository repo = new SqliteCaseRepository(dir.resolve("cases"));
        repo.open("future").close();
        Path file = repo.fileOf("future");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                      installed_by, installed_on, execution_time, success)
                    VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 1, 'x', CURRENT_TIMESTAMP, 1, 1)""");
        }
        long size = Files.size(file);
        assertThatThrownBy(() -> repo.open("future")).isInstanceOf(Migrations.NewerFormatException.class)
                .hasMessageContaining("version 99").hasMessageContaining("reads up to version 2.2");
        assertThat(Files.size(file)).isEqualTo(size);
    }
}
