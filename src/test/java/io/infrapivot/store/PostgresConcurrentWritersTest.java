package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several analysts writing one PostgreSQL case at once — threads of one process and three other processes, each
 * with stores of its own — overlapping facts included: every lookup, evidence and sighting is there once, every
 * shared fact is one observation (counted exactly, as {@link ConcurrentWritersTest} does for SQLite).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PostgresConcurrentWritersTest {

    @Test
    void threeProcessesAndManyThreadsLoseAndDoubleNothing() throws Exception {
        String url = TestPostgres.cluster().newDatabase();
        PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url), Analyst.current("t"));
        int count = 150;
        int processes = 3;
        int threads = 5; // here, writers 3..7, over two stores
        try (CaseStore a = repo.open("shared"); CaseStore b = repo.open("shared")) {
            List<Process> children = new ArrayList<>();
            List<BufferedReader> outs = new ArrayList<>();
            try {
                for (int w = 0; w < processes; w++) {
                    Process p = startWriter(url, w, count);
                    children.add(p);
                    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8));
                    outs.add(out);
                }
                for (BufferedReader out : outs) assertThat(out.readLine()).isEqualTo("ready");
                List<Thread> here = new ArrayList<>();
                for (int w = processes; w < processes + threads; w++) {
                    int writer = w;
                    CaseStore store = w % 2 == 0 ? a : b;
                    here.add(Thread.ofVirtual().start(() -> Facts.writeLoad(store, writer, count)));
                }
                for (Thread t : here) t.join();
                for (BufferedReader out : outs) assertThat(out.readLine()).isEqualTo("done");
                for (Process p : children) {
                    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).isZero();
                }
            } finally {
                children.forEach(Process::destroyForcibly);
            }
            ConcurrentWritersTest.assertLoad(a, processes + threads, count);
            // who did what: each process recorded its own analyst
            assertThat(a.analysts().values()).extracting(Analyst::name)
                    .contains("writer-0", "writer-1", "writer-2", "t");
        }
    }

    private static Process startWriter(String url, int writer, int count) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SecondProcessWriter.class.getName(), url, Integer.toString(writer), Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
