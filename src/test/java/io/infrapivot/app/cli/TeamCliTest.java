package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.SqliteCaseRepository;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The team options in-process: --store postgresql://…, case copy --to/--from, history --analyst. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TeamCliTest {
    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    static final Indicator HOST = Indicator.fromCanonical(IndicatorType.HOST, "www.example.com");

    @TempDir
    Path dir;
    private final InProcessCli cli = new InProcessCli();

    private int run(String... args) {
        return cli.run(args);
    }

    private List<JsonNode> lines() throws Exception {
        return cli.lines();
    }

    private static void lookup(CaseStore store, String source, String ip, Instant at) {
        RawAnswer raw = RawAnswer.text(source, "q", "answer " + ip, "text/plain", "ok", at, Duration.ofMillis(3));
        Observation o = Observation.link(HOST, Relation.RESOLVES_TO, Indicator.fromCanonical(IndicatorType.IP, ip),
                source, at, raw);
        store.saveLookup(source, HOST, "", at, at, LookupResult.of(List.of(o), List.of(raw)), Duration.ofHours(1));
    }

    @Test
    void historyFiltersByAnalystAndCopyMovesTheCaseBothWays() throws Exception {
        Path folder = dir.resolve("cases");
        try (CaseStore alice = new SqliteCaseRepository(folder, new Analyst("alice", "a-host")).open("op");
             CaseStore bob = new SqliteCaseRepository(folder, new Analyst("bob", "b-host")).open("op")) {
            lookup(alice, "dns", "192.0.2.1", T);
            lookup(bob, "circl", "192.0.2.2", T.plusSeconds(60));
        }
        assertThat(run("history", "www.example.com", "--store", folder.toString(), "--case", "op", "--json",
                "--analyst", "alice")).isZero();
        List<JsonNode> events = lines();
        assertThat(events).filteredOn(e -> e.path("kind").asText().equals("lookup"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("source").asText()).isEqualTo("dns");
                    assertThat(e.path("analyst").asText()).isEqualTo("alice");
                    assertThat(e.path("host").asText()).isEqualTo("a-host");
                });
        assertThat(events).filteredOn(e -> e.path("kind").asText().equals("sighting"))
                .extracting(e -> e.path("source").asText()).containsExactly("dns");
        assertThat(run("history", "www.example.com", "--store=" + folder, "--case", "op")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("by alice@a-host", "by bob@b-host");

        String pg = TestPostgres.cluster().newDatabase();
        assertThat(run("case", "copy", "op", "--store", folder.toString(), "--to", pg)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("2 lookups", "2 evidence");
        assertThat(run("--store", pg, "case", "copy", "op", "--as", "op2", "--to", pg)).as(cli.err()).isZero();
        assertThat(run("--store", pg, "case", "copy", "op2", "--from", folder.toString())).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.err()).contains("no case 'op2'");
        assertThat(run("--store", pg, "case", "copy", "op", "--as", "back", "--to", folder.toString())).isZero();
        assertThat(run("--store", pg, "case", "copy", "op", "--as", "back", "--to", folder.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("not empty");
        assertThat(run("--store", pg, "history", "www.example.com", "--case", "op", "--analyst", "bob", "--json"))
                .isZero();
        assertThat(lines()).filteredOn(e -> e.path("kind").asText().equals("lookup"))
                .extracting(e -> e.path("source").asText()).containsExactly("circl");
        try (CaseStore back = new SqliteCaseRepository(folder).openExisting("back");
             CaseStore onPg = new PostgresCaseRepository(PostgresLocation.parse(pg), new Analyst("x", "y"))
                     .openExisting("op2")) {
            assertThat(back.observations()).isEqualTo(onPg.observations());
            assertThat(back.info().lookups()).isEqualTo(2);
        }
        assertThat(run("case", "list", "--store", "postgresql://nohost")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--store").contains("database");
    }
}
