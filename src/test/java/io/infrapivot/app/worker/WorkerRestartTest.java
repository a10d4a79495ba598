package io.infrapivot.app.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresCaseStore;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.SqliteCaseRepository;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process and a store held open in this process outlive a PostgreSQL restart ({@code pg_ctl stop -m fast},
 * then started again on the same port), on a cluster of the test's own: the tasks queued before (some in flight)
 * and after the restart all get done, each lookup is stored once, the held store reads, writes and holds its case
 * lock again; then SIGTERM stops the worker cleanly (exit 143).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WorkerRestartTest {
    @TempDir
    Path dir;

    private static List<LookupTask> tasks(int from, int to, String batch) {
        List<LookupTask> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new LookupTask("restart", "hackertarget", "domain:d" + i + ".example", false, false, "alice",
                    batch));
        }
        return out;
    }

    @Test
    void aWorkerAndAnOpenStoreSurviveADatabaseRestartWithEveryLookupStoredOnce() throws Exception {
        TestPostgres cluster = TestPostgres.own();
        WorkerFleetTest.StandIn standIn = new WorkerFleetTest.StandIn();
        Process worker = null;
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(standIn);
            server.start();
            Map<String, String> env = WorkerProcesses.isolatedEnv(
                    Map.of("INFRAPIVOT_HACKERTARGET_URL", server.url("/").toString().replaceAll("/$", "")), dir);
            String url = cluster.newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url),
                    new Analyst("lead", "here"));
            try (TaskQueue queue = new TaskQueue(repo);
                 PostgresCaseStore held = repo.openStore("restart", true)) {
                queue.enqueue(tasks(0, 12, "before"));
                worker = WorkerProcesses.start(dir, url, env, "w0", "--concurrency", "2", "--sources",
                        "hackertarget");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (queue.finished("before") < 3 && System.nanoTime() < deadline && worker.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(queue.finished("before")).as(() -> WorkerProcesses.logs(dir, "w0")).isBetween(3, 11);

                cluster.stopFast(); // every session ends, the worker's tasks in flight among them
                Thread.sleep(500);
                cluster.startAgain();

                queue.enqueue(tasks(12, 24, "after"));
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while ((queue.finished("before") < 12 || queue.finished("after") < 12)
                        && System.nanoTime() < deadline && worker.isAlive()) {
                    Thread.sleep(100);
                }
                assertThat(worker.isAlive()).as(() -> WorkerProcesses.logs(dir, "w0")).isTrue();
                assertThat(queue.finished("before")).as(() -> WorkerProcesses.logs(dir, "w0")).isEqualTo(12);
                assertThat(queue.finished("after")).as(() -> WorkerProcesses.logs(dir, "w0")).isEqualTo(12);

                // the store opened before the restart reads again (every lookup, each once) ...
                List<LookupRecord> lookups = held.lookups();
                assertThat(lookups).hasSize(24);
                assertThat(lookups).extracting(l -> l.indicator().key()).doesNotHaveDuplicates();
                // ... writes again ...
                Indicator seed = Indicator.fromCanonical(IndicatorType.DOMAIN, "seed.example");
                held.addSeeds(List.of(seed));
                assertThat(held.seeds()).contains(seed);
                // ... and holds its case lock again (its writer connection took it anew)
                assertThatThrownBy(() -> repo.delete("restart"))
                        .isInstanceOf(SqliteCaseRepository.CaseInUseException.class);
                // every name asked; only a task in flight at the restart may have been asked twice
                assertThat(standIn.asked).hasSize(24);
                assertThat(standIn.asked.values().stream().mapToInt(a -> a.get() - 1).sum()).isBetween(0, 2);

                // SIGTERM: the worker finishes (or leaves to the queue) what it runs and exits as a SIGTERM'd JVM
                queue.enqueue(tasks(24, 30, "last"));
                while (queue.finished("last") < 1 && System.nanoTime() < deadline) Thread.sleep(20);
                worker.destroy();
                assertThat(worker.waitFor(40, TimeUnit.SECONDS)).isTrue();
                assertThat(worker.exitValue()).isEqualTo(143);
                assertThat(WorkerProcesses.logs(dir, "w0")).doesNotContain("Exception");
                int last = queue.finished("last");
                // what it finished is stored once; nothing it took is lost: the rest wait in the queue
                assertThat(held.lookups()).hasSize(24 + last);
                assertThat(pending(queue, "last")).isEqualTo(6 - last);
            }
        } finally {
            if (worker != null) worker.destroyForcibly();
            cluster.close();
        }
        assertThat(standIn.asked.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThanOrEqualTo(24);
    }

    /** Tasks of the batch still in db-scheduler's table, not picked by any worker. */
    private static int pending(TaskQueue queue, String batch) throws Exception {
        try (var c = queue.dataSource().getConnection(); var ps = c.prepareStatement(
                "SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE ? AND NOT picked")) {
            ps.setString(1, batch + "/%");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
