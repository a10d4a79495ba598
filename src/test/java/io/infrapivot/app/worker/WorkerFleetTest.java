package io.infrapivot.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.SqliteCaseRepository;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes ({@code infrapivot worker}) on one PostgreSQL store take the queued lookups of a batch
 * against a stand-in HackerTarget; one is killed with SIGKILL mid-run. Every task's lookup is stored exactly once
 * (counted in the case and in the queue's record), the facts equal those of the same lookups run in one process,
 * and the killed worker's tasks were taken over after its lease ran out.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WorkerFleetTest {
    static final int DOMAINS = 40;

    @TempDir
    Path dir;

    /** Answers /hostsearch/?q=dN.example after a short delay with two names, counting requests per name. */
    static final class StandIn extends Dispatcher {
        final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String q = request.getUrl().queryParameter("q");
            asked.computeIfAbsent(String.valueOf(q), k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(150);
            int n = Integer.parseInt(q.replaceAll("\\D", ""));
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
                    .body("www." + q + ",192.0.2." + n + "\nmail." + q + ",198.51.100." + n + "\n").build();
        }
    }

    private Map<String, String> env(MockWebServer server) {
        Map<String, String> env = WorkerProcesses.isolatedEnv(
                Map.of("INFRAPIVOT_HACKERTARGET_URL", server.url("/").toString().replaceAll("/$", "")), dir);
        return env;
    }

    private Process startWorker(String url, Map<String, String> env, String name) throws Exception {
        return WorkerProcesses.start(dir, url, env, name, "--concurrency", "2", "--sources", "hackertarget");
    }

    private String logs() {
        return WorkerProcesses.logs(dir, "w0", "w1", "w2");
    }

    private static List<Indicator> domains() {
        List<Indicator> out = new ArrayList<>();
        for (int i = 0; i < DOMAINS; i++) out.add(Indicator.fromCanonical(IndicatorType.DOMAIN, "d" + i + ".example"));
        return out;
    }

    private static Set<String> facts(CaseStore store) {
        Set<String> out = new TreeSet<>();
        for (StoredObservation o : store.observations()) {
            out.add(o.subject().key() + " " + o.relation().id() + " "
                    + (o.object() != null ? o.object().key() : String.valueOf(o.value())));
        }
        return out;
    }

    @Test
    void threeWorkersOneKilledStoreEveryLookupOnceWithTheSingleProcessFacts() throws Exception {
        StandIn standIn = new StandIn();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(standIn);
            server.start();
            Map<String, String> env = env(server);
            String url = TestPostgres.cluster().newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url),
                    new Analyst("lead", "here"));
            TaskQueue queue = new TaskQueue(repo);
            repo.open("fleet").close();
            List<LookupTask> tasks = new ArrayList<>();
            for (Indicator d : domains()) {
                tasks.add(new LookupTask("fleet", "hackertarget", d.key(), false, false, "alice", "b1"));
            }
            queue.enqueue(tasks);
            List<Process> workers = new ArrayList<>();
            try {
                for (int w = 0; w < 3; w++) workers.add(startWorker(url, env, "w" + w));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (queue.finished("b1") < 6 && System.nanoTime() < deadline && workers.stream().allMatch(Process::isAlive)) Thread.sleep(50);
                assertThat(queue.workers(Duration.ofSeconds(30))).as(this::logs).extracting(TaskQueue.WorkerRow::name)
                        .contains("w0", "w1", "w2");
                workers.getFirst().destroyForcibly(); // SIGKILL: no shutdown hook, its leases simply stop
                workers.getFirst().waitFor(30, TimeUnit.SECONDS);
                while (queue.finished("b1") < DOMAINS && System.nanoTime() < deadline) Thread.sleep(100);
                assertThat(queue.finished("b1")).as(this::logs).isEqualTo(DOMAINS);
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
            Set<String> distributed;
            try (CaseStore store = repo.openExisting("fleet")) {
                List<LookupRecord> lookups = store.lookups();
                // each lookup stored once: one per domain, none doubled by the takeover
                assertThat(lookups).hasSize(DOMAINS);
                assertThat(lookups).extracting(l -> l.indicator().key()).doesNotHaveDuplicates();
                assertThat(store.analysts().values()).extracting(Analyst::name).containsOnly("alice");
                distributed = facts(store);
            }
            // every name was asked; only a task in flight on the killed worker may have been asked twice
            assertThat(standIn.asked).hasSize(DOMAINS);
            int repeats = standIn.asked.values().stream().mapToInt(a -> a.get() - 1).sum();
            assertThat(repeats).isBetween(0, 2);

            // the same lookups in one process, on SQLite: the same facts
            Config config = Config.load(env, dir.toString());
            try (CaseStore local = new SqliteCaseRepository(dir.resolve("cases")).open("local");
                 Engine engine = new Engine(SourceRegistry.builtIn(), config, local, IndicatorParser.standard(),
                         Clock.systemUTC());
                 LookupSession session = engine.session()) {
                session.lookup(domains(), new Selection(Set.of("hackertarget"), Set.of(), false, false),
                        RunOptions.defaults(), Duration.ofSeconds(30), true, null, null);
                assertThat(facts(local)).isNotEmpty().isEqualTo(distributed);
            }
        }
    }

    @Test
    void aSharedRateLimitHoldsAcrossTheFleet() throws Exception {
        StandIn standIn = new StandIn();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(standIn);
            server.start();
            Map<String, String> env = env(server);
            env.put("INFRAPIVOT_HACKERTARGET_RATE_LIMIT", "5"); // 5 per HackerTarget's period (a day), per fleet
            String url = TestPostgres.cluster().newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url),
                    new Analyst("lead", "here"));
            TaskQueue queue = new TaskQueue(repo);
            List<LookupTask> tasks = new ArrayList<>();
            for (Indicator d : domains().subList(0, 9)) {
                tasks.add(new LookupTask("limited", "hackertarget", d.key(), false, false, "bob", "b2"));
            }
            queue.enqueue(tasks);
            List<Process> workers = new ArrayList<>();
            try {
                for (int w = 0; w < 3; w++) workers.add(startWorker(url, env, "w" + w));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (queue.finished("b2") < 5 && System.nanoTime() < deadline
                        && workers.stream().allMatch(Process::isAlive)) {
                    Thread.sleep(50);
                }
                assertThat(queue.finished("b2")).as(this::logs).isEqualTo(5);
                Thread.sleep(4_500); // every worker has had time to take more, had each its own limit
                assertThat(queue.workers(Duration.ofSeconds(30))).as(this::logs).hasSize(3)
                        .allSatisfy(w -> assertThat(w.sources()).isEqualTo("hackertarget"));
                // the other four tasks are taken (some fetched ahead), those running wait in a worker for a permit
                assertThat(queue.workers(Duration.ofSeconds(30)).stream().mapToInt(TaskQueue.WorkerRow::inFlight)
                        .sum()).isBetween(1, 4);
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
            int requests = standIn.asked.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(requests).as("requests the stand-in service saw from the three workers").isEqualTo(5);
            assertThat(queue.finished("b2")).isEqualTo(5);
        }
    }
}
