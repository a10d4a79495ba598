package io.infrapivot.bench;

import io.infrapivot.app.worker.LookupTask;
import io.infrapivot.app.worker.TaskQueue;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Lookups per second with 1, 2 and 4 worker processes on one PostgreSQL store, against a stand-in HackerTarget
 * that answers each request after {@code delay} ms and serves {@code perKey} requests at a time for the one key
 * the fleet shares (more wait their turn). Prints each run with the bound it should reach:
 * min(workers × concurrency, perKey) / delay. Usage: WorkerBench [LOOKUPS] [DELAY_MS] [PER_KEY] [CONCURRENCY]
 */
public final class WorkerBench {
    private WorkerBench() {
    }

    public static void main(String[] args) throws Exception {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int delay = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int perKey = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Semaphore slots = new Semaphore(perKey, true);
        Path home = Files.createTempDirectory("infrapivot-worker-bench");
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    slots.acquire();
                    try {
                        Thread.sleep(delay);
                    } finally {
                        slots.release();
                    }
                    String q = request.getUrl().queryParameter("q");
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
                            .body("www." + q + ",192.0.2.1\n").build();
                }
            });
            server.start();
            System.out.printf("%d lookups per run; the service answers after %d ms, %d at a time for the key; "
                    + "each worker runs %d at a time%n", lookups, delay, perKey, concurrency);
            double one = 0;
            for (int workers : new int[] {1, 2, 4}) {
                double rate = run(server, home, workers, lookups, concurrency);
                if (workers == 1) one = rate;
                double bound = Math.min(workers * concurrency, perKey) * 1000.0 / delay;
                System.out.printf("%d worker(s): %6.1f lookups/s  (bound %5.1f/s, %3.0f%% of it; speed-up %.2f× "
                        + "over one worker)%n", workers, rate, bound, 100 * rate / bound, rate / one);
            }
        }
    }

    private static double run(MockWebServer server, Path home, int n, int lookups, int concurrency)
            throws Exception {
        String url = TestPostgres.cluster().newDatabase();
        PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url), new Analyst("b", "h"));
        TaskQueue queue = new TaskQueue(repo);
        repo.open("bench").close();
        List<Process> workers = new ArrayList<>();
        try {
            for (int w = 0; w < n; w++) {
                String java = ProcessHandle.current().info().command().orElse("java");
                ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        "io.infrapivot.app.cli.Main", "--store", url, "worker", "--concurrency",
                        Integer.toString(concurrency), "--name", "bench" + w, "--sources", "hackertarget")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("INFRAPIVOT_HACKERTARGET_URL", server.url("/").toString().replaceAll("/$", ""));
                pb.environment().put("INFRAPIVOT_HACKERTARGET_KEY", "bench-key");
                pb.environment().put("INFRAPIVOT_HACKERTARGET_RATE_LIMIT", "1000000");
                pb.environment().put("INFRAPIVOT_HACKERTARGET_PARALLEL_LOOKUPS", Integer.toString(concurrency));
                pb.environment().put("INFRAPIVOT_CONFIG", home.resolve("none.toml").toString());
                pb.environment().put("INFRAPIVOT_DATA_DIR", home.resolve("data").toString());
                workers.add(pb.start());
            }
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (queue.workers(Duration.ofSeconds(30)).size() < n && System.nanoTime() < wait) Thread.sleep(100);
            // a warm-up batch, then the measured one
            String warm = "warm-" + n;
            List<LookupTask> tasks = new ArrayList<>();
            for (int i = 0; i < n * concurrency * 2; i++) {
                tasks.add(new LookupTask("bench", "hackertarget", "domain:w" + i + ".example", false, true, "b", warm));
            }
            queue.enqueue(tasks);
            while (queue.finished(warm) < tasks.size() && System.nanoTime() < wait) Thread.sleep(20);
            String batch = "run-" + n;
            tasks.clear();
            for (int i = 0; i < lookups; i++) {
                tasks.add(new LookupTask("bench", "hackertarget", "domain:d" + i + ".example", false, true, "b", batch));
            }
            long start = System.nanoTime();
            queue.enqueue(tasks);
            while (queue.finished(batch) < lookups) Thread.sleep(20);
            return lookups / ((System.nanoTime() - start) / 1e9);
        } finally {
            workers.forEach(Process::destroy);
            for (Process p : workers) p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
