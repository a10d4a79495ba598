package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.app.worker.TaskQueue;
import io.infrapivot.app.worker.Worker;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookup --distributed} queues for a worker and follows it; {@code workers} lists the worker. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DistributedLookupTest {
    @TempDir
    Path dir;
    private final InProcessCli cli = new InProcessCli();

    private int run(String... args) {
        return cli.run(args);
    }

    private List<JsonNode> lines() throws Exception {
        return cli.lines();
    }

    @Test
    void aDistributedLookupIsRunByAWorkerAndStoredInTheCase() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String q = request.getUrl().queryParameter("q");
                    return new MockResponse.Builder().code(200).body("www." + q + ",192.0.2.7\n").build();
                }
            });
            server.start();
            String pg = TestPostgres.cluster().newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(pg), new Analyst("w", "h"));
            Config config = Config.load(Map.of("INFRAPIVOT_HACKERTARGET_URL",
                    server.url("/").toString().replaceAll("/$", ""), "INFRAPIVOT_CONFIG",
                    dir.resolve("none.toml").toString()), dir.toString());
            try (TaskQueue queue = new TaskQueue(repo);
                 Worker worker = new Worker(queue, config, IndicatorParser.standard(), SourceRegistry.builtIn(),
                         Set.of("hackertarget"), 2, "inproc")) {
                worker.start();
                assertThat(run("--store", pg, "lookup", "d1.example", "d2.example", "--sources", "hackertarget",
                        "--distributed", "--case", "dist", "--json", "--analyst", "carol")).as(cli.err()).isZero();
                assertThat(lines()).hasSize(2).allSatisfy(l -> {
                    assertThat(l.path("kind").asText()).isEqualTo("task");
                    assertThat(l.path("outcome").asText()).isEqualTo("ok");
                    assertThat(l.path("worker").asText()).isEqualTo("inproc");
                });
                assertThat(run("--store", pg, "workers", "--json")).isZero();
                assertThat(lines()).singleElement().satisfies(w -> {
                    assertThat(w.path("name").asText()).isEqualTo("inproc");
                    assertThat(w.path("sources").asText()).isEqualTo("hackertarget");
                    assertThat(w.path("concurrency").asInt()).isEqualTo(2);
                });
                assertThat(worker.done()).isEqualTo(2); // the listing's count follows at the next heartbeat
            }
            try (CaseStore store = repo.openExisting("dist")) {
                assertThat(store.lookups()).hasSize(2);
                assertThat(store.analysts().values()).extracting(Analyst::name).containsOnly("carol");
            }
        }
        assertThat(run("--store", dir.resolve("cases").toString(), "lookup", "d1.example", "--distributed"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("shared PostgreSQL store");
        assertThat(run("--store", dir.resolve("cases").toString(), "pivot", "d1.example", "--distributed"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("shared PostgreSQL store");
    }
}
