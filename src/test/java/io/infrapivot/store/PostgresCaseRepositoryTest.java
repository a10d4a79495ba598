package io.infrapivot.store;

import static io.infrapivot.store.Facts.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cases as schemas of one PostgreSQL database: create, reopen, list, delete, refuse, record who. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresCaseRepositoryTest {
    String url;
    PostgresCaseRepository repo;

    @BeforeEach
    void database() {
        url = TestPostgres.cluster().newDatabase();
        repo = new PostgresCaseRepository(PostgresLocation.parse(url), new Analyst("alice", "desk-1"));
    }

    @Test
    void aCaseIsASchemaAndReopensWithWhatWasWritten() throws Exception {
        try (PostgresCaseStore store = repo.openStore("Op.Night-1", true)) {
            assertThat(store.schema()).matches("case_\\d+");
            assertThat(store.schemaVersion()).isEqualTo("2.2");
            store.addSeeds(List.of(domain("example.com")));
            Facts.writeLoad(store, 0, 5);
        }
        try (CaseStore again = repo.openExisting("Op.Night-1")) {
            CaseInfo info = again.info();
            assertThat(info.name()).isEqualTo("Op.Night-1");
            assertThat(info.lookups()).isEqualTo(5);
            assertThat(info.location()).contains("127.0.0.1").doesNotContain("password");
            assertThat(again.seeds()).containsExactly(domain("example.com"));
        }
        assertThat(repo.list()).extracting(CaseInfo::name).containsExactly("Op.Night-1");
        // the tables live in the case's schema, not in public
        try (Connection c = TestPostgres.cluster().connect(url.substring(url.lastIndexOf('/') + 1));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                     + "'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void twoCasesAreApartAndDeleteDropsOnlyOne() {
        try (CaseStore a = repo.open("a"); CaseStore b = repo.open("b")) {
            Facts.writeLoad(a, 0, 3);
            Facts.writeLoad(b, 0, 7);
            assertThat(a.info().lookups()).isEqualTo(3);
            assertThat(b.info().lookups()).isEqualTo(7);
        }
        assertThat(repo.delete("a")).isTrue();
        assertThat(repo.delete("a")).isFalse();
        assertThat(repo.list()).extracting(CaseInfo::name).containsExactly("b");
        assertThatThrownBy(() -> repo.openExisting("a")).isInstanceOf(NoSuchElementException.class);
        try (CaseStore b = repo.openExisting("b")) {
            assertThat(b.info().lookups()).isEqualTo(7);
        }
    }

    @Test
    void aCaseOpenAnywhereIsNotDeleted() {
        PostgresCaseRepository other = new PostgresCaseRepository(PostgresLocation.parse(url), new Analyst("bob", "h2"));
        try (CaseStore open = other.open("busy")) {
            Facts.writeLoad(open, 0, 1);
            assertThatThrownBy(() -> repo.delete("busy")).isInstanceOf(SqliteCaseRepository.CaseInUseException.class)
                    .hasMessageContaining("in use");
            assertThat(open.info().lookups()).isEqualTo(1);
        }
        assertThat(repo.delete("busy")).isTrue();
    }

    @Test
    void pathsAndBadNamesAreRefused() {
        assertThatThrownBy(() -> repo.open("/tmp/x.sqlite")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("by name");
        assertThatThrownBy(() -> repo.open("no spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repo.open("x\"; DROP SCHEMA infrapivot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyLookupRecordsItsAnalystAndHost() {
        PostgresCaseRepository bobs = new PostgresCaseRepository(PostgresLocation.parse(url), new Analyst("bob", "h2"));
        try (CaseStore alice = repo.open("who"); CaseStore bob = bobs.open("who")) {
            LookupRecord a = Facts.writeLoadLookup(alice, 0, 0);
            LookupRecord b = Facts.writeLoadLookup(bob, 1, 0);
            assertThat(alice.analysts()).containsEntry(a.id(), new Analyst("alice", "desk-1"))
                    .containsEntry(b.id(), new Analyst("bob", "h2")).hasSize(2);
        }
    }

    @Test
    void urlsParseAndNeverShowThePassword() {
        PostgresLocation l = PostgresLocation.parse("postgresql://ana:s3cr%40t@db.example:6543/cases?sslmode=require");
        assertThat(l.user()).isEqualTo("ana");
        assertThat(l.password()).isEqualTo("s3cr@t");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/cases?sslmode=require");
        assertThat(l.toString()).isEqualTo("postgresql://ana@db.example:6543/cases").doesNotContain("s3cr");
        assertThat(PostgresLocation.parse("postgres://h/db").port()).isEqualTo(5432);
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h:5432/")).hasMessageContaining("database");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql:///db")).hasMessageContaining("host");
        assertThat(PostgresLocation.isPostgres("/home/me/cases")).isFalse();
    }
}
