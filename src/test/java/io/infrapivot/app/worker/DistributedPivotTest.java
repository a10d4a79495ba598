package io.infrapivot.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.SqliteCaseRepository;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check for {@code pivot --distributed}: a pivot whose lookups run on three worker processes
 * ({@code infrapivot worker}) against one PostgreSQL store, on the simulated internet, finds what the same pivot
 * finds in one process (the same indicators and marks, the same facts, as many lookups); one worker is killed
 * with SIGKILL mid-run and nothing is lost or stored twice. One worker runs two sources only: it never takes a
 * task of another source (db-scheduler fetches only the task names a worker registered).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DistributedPivotTest {
    static final Set<String> SOURCES = Set.of(SimulatedInternet.SOURCES.split(","));
    static final Set<String> NARROW = Set.of("crtsh", "dns");

    @TempDir
    Path dir;

    private String logs() {
        return WorkerProcesses.logs(dir, "w0", "w1", "w2");
    }

    private static Set<String> facts(CaseStore store) {
        Set<String> out = new TreeSet<>();
        for (StoredObservation o : store.observations()) {
            out.add(o.subject().key() + " " + o.relation().id() + " "
                    // when a record was fetched is the only thing that differs between two runs
                    + (o.object() != null ? o.object().key()
                            : String.valueOf(o.value()).replaceAll("\"fetched\":\"[^\"]*\"", "")));
        }
        return out;
    }

    /** Each indicator of the graph with its mark's rule ("-" when unmarked). */
    private static Map<String, String> graph(Pivot.Result r) {
        Map<String, String> out = new TreeMap<>();
        r.nodes().forEach((i, n) -> out.put(i.key(), n.mark() == null ? "-" : n.mark().rule()));
        return out;
    }

    /** (source, indicator, params) of every stored lookup, with how many times each was stored. */
    private static Map<String, Integer> lookups(CaseStore store) {
        Map<String, Integer> out = new TreeMap<>();
        for (LookupRecord l : store.lookups()) {
            out.merge(l.source() + " " + l.indicator().key() + " " + l.params(), 1, Integer::sum);
        }
        return out;
    }

    private static int queued(TaskQueue queue) throws java.sql.SQLException {
        try (Connection c = queue.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TaskQueue.TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Pivot.Result pivot(Engine engine, CaseStore store, SimulatedInternet net) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        NoiseRules noise = NoiseRules.load(IndicatorParser.standard(), dir.resolve("data"), Set.of());
        Pivot.Options options = new Pivot.Options(3, 5000, null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD,
                new Selection(SOURCES, Set.of(), false, false),
                new RunOptions(List.of(net.resolver()), false, null, null,
                        Pivot.resultCap(NoiseRules.DEFAULT_SHARED_THRESHOLD)),
                Duration.ofSeconds(30), false);
        Indicator seed = Indicator.fromCanonical(IndicatorType.DOMAIN, SimulatedInternet.DOMAINS.getFirst());
        return new Pivot(engine, store, noise, Clock.systemUTC()).run(List.of(seed), Recipe.load("domain"), options,
                null);
    }

    @Test
    void aPivotOnThreeWorkersOneKilledEqualsTheSingleProcessPivot() throws Exception {
        try (SimulatedInternet net = new SimulatedInternet(Duration.ofMillis(5))) {
            Map<String, String> env = WorkerProcesses.isolatedEnv(net.env(), dir);
            Config config = Config.load(env, dir.toString());
            String url = TestPostgres.cluster().newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url),
                    new Analyst("lead", "here"));
            repo.open("dist").close();
            List<Process> workers = new ArrayList<>();
            Pivot.Result distributed;
            String batch;
            try {
                workers.add(WorkerProcesses.start(dir, url, env, "w0", "--concurrency", "4"));
                workers.add(WorkerProcesses.start(dir, url, env, "w1", "--concurrency", "4"));
                workers.add(WorkerProcesses.start(dir, url, env, "w2", "--concurrency", "4", "--sources",
                        String.join(",", NARROW)));
                try (QueuedLookups remote = new QueuedLookups(new TaskQueue(repo), "dist", "alice");
                     CaseStore store = repo.openExisting("dist");
                     Engine engine = new Engine(SourceRegistry.builtIn(), config, store, IndicatorParser.standard(),
                             Clock.systemUTC(), remote);
                     TaskQueue watch = new TaskQueue(repo)) {
                    batch = remote.batch();
                    Thread killer = Thread.ofPlatform().start(() -> {
                        try {
                            while (watch.finished(batch) < 15) Thread.sleep(50);
                            workers.getFirst().destroyForcibly(); // SIGKILL: its leases simply stop
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    distributed = pivot(engine, store, net);
                    killer.interrupt();
                    killer.join();
                    assertThat(workers.getFirst().isAlive()).as("the first worker was killed mid-run").isFalse();
                    List<String[]> tasks = watch.outcomes(batch);
                    assertThat(tasks).as(this::logs).isNotEmpty()
                            .allSatisfy(t -> assertThat(t[2]).as(String.join(" ", t)).doesNotStartWith("refused"));
                    // the two-source worker took tasks of its sources only, and did take some
                    assertThat(tasks.stream().filter(t -> t[3].equals("w2")).map(t -> t[0]).toList())
                            .as(this::logs).isNotEmpty().allMatch(NARROW::contains);
                    assertThat(tasks.stream().filter(t -> !NARROW.contains(t[0])).map(t -> t[3]))
                            .containsAnyOf("w0", "w1").doesNotContain("w2");
                    // nothing left in the queue: a task the killed worker held is taken over (and found done)
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                    while (queued(watch) > 0 && System.nanoTime() < deadline) Thread.sleep(200);
                    assertThat(queued(watch)).as("tasks left in the queue").isZero();
                }
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
            Map<String, Integer> distLookups;
            Set<String> distFacts;
            try (CaseStore store = repo.openExisting("dist")) {
                distLookups = lookups(store);
                distFacts = facts(store);
                // the workers' lookups are the asking analyst's; the pivot's own noise marks, this process's
                Map<Long, Analyst> who = store.analysts();
                for (LookupRecord l : store.lookups()) {
                    assertThat(who.get(l.id()).name()).as(l.source() + " " + l.indicator().key())
                            .isEqualTo(l.source().equals(Pivot.SOURCE) ? "lead" : "alice");
                }
            }
            assertThat(distLookups.values()).as("each lookup stored once despite the takeover").containsOnly(1);

            // the same pivot in one process, on SQLite
            try (CaseStore local = new SqliteCaseRepository(dir.resolve("cases")).open("local");
                 Engine engine = new Engine(SourceRegistry.builtIn(), config, local, IndicatorParser.standard(),
                         Clock.systemUTC())) {
                Pivot.Result single = pivot(engine, local, net);
                assertThat(graph(single)).hasSizeGreaterThan(20);
                assertThat(graph(distributed)).isEqualTo(graph(single));
                assertThat(distFacts).isNotEmpty().isEqualTo(facts(local));
                assertThat(distLookups.keySet()).isEqualTo(lookups(local).keySet());
            }
        }
    }
}
