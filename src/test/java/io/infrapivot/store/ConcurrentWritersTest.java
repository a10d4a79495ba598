package io.infrapivot.store;

import static io.infrapivot.store.Facts.BASE;
import static io.infrapivot.store.Facts.domain;
import static io.infrapivot.store.Facts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Relation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers at once, in one store, in two stores on one file, and in two processes: nothing is lost. */
class ConcurrentWritersTest {
    @TempDir
    Path dir;

    static void assertLoad(CaseStore store, int writers, int count) {
        Facts.LoadCounts expected = Facts.LoadCounts.of(writers, count);
        CaseInfo info = store.info();
        List<StoredObservation> all = store.observations();
        assertThat(info.lookups()).isEqualTo(expected.lookups());
        assertThat(info.evidence()).isEqualTo(expected.evidence());
        assertThat(info.indicators()).isEqualTo(expected.indicators());
        assertThat(info.observations()).isEqualTo(expected.observations());
        assertThat(all).hasSize((int) expected.observations());
        assertThat(all.stream().mapToLong(o -> o.sightings().size()).sum()).isEqualTo(expected.sightings());
        assertThat(store.lookups()).allSatisfy(l -> assertThat(store.observationsOfLookup(l.id())).hasSize(3));
        // the fact every writer reports about d0 carries one sighting per writer and spans all their dates
        StoredObservation shared = all.stream()
                .filter(o -> o.subject().equals(domain("d0.example")) && o.relation() == Relation.RESOLVES_TO)
                .findFirst().orElseThrow();
        assertThat(shared.object()).isEqualTo(ip("10.0.0.0"));
        assertThat(shared.sightings()).hasSize(writers);
        assertThat(shared.firstSeen()).isEqualTo(BASE);
        assertThat(shared.lastSeen()).isEqualTo(BASE.plus(writers, ChronoUnit.DAYS));
        assertThat(shared.firstLearned()).isEqualTo(BASE);
        assertThat(shared.lastLearned()).isEqualTo(BASE.plus(writers - 1, ChronoUnit.MINUTES));
        StoredObservation attribute = all.stream()
                .filter(o -> o.subject().equals(domain("d0.example")) && o.relation() == Relation.DNS_RECORD)
                .findFirst().orElseThrow();
        assertThat(attribute.sightings()).hasSize(writers);
    }

    /** Runs {@code writers} writers, writer {@code w} on {@code stores[w % stores.length]}, all at once. */
    static List<LookupRecord> runWriters(int writers, int count, CaseStore... stores) throws Exception {
        ConcurrentLinkedQueue<LookupRecord> records = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                CaseStore store = stores[w % stores.length];
                running.add(pool.submit(() -> {
                    for (int i = 0; i < count; i++) records.add(Facts.writeLoadLookup(store, writer, i));
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return new ArrayList<>(records);
    }

    @Test
    void manyVirtualThreadsWritingOverlappingFactsLoseNothing() throws Exception {
        int writers = 32;
        int count = 200;
        try (SqliteCaseStore store = SqliteCaseStore.open(dir.resolve("many.sqlite"), "many")) {
            List<LookupRecord> records = runWriters(writers, count, store);
            assertThat(records).hasSize(writers * count);
            Set<Long> ids = new HashSet<>();
            records.forEach(r -> ids.add(r.id()));
            assertThat(ids).hasSize(writers * count);
            assertLoad(store, writers, count);
        }
    }

    @Test
    void twoStoresOnOneFileWriteConcurrently() throws Exception {
        Path file = dir.resolve("two.sqlite");
        int writers = 8;
        int count = 100;
        try (SqliteCaseStore a = SqliteCaseStore.open(file, "two"); SqliteCaseStore b = SqliteCaseStore.open(file,
                "two")) {
            runWriters(writers, count, a, b);
            assertLoad(a, writers, count);
            assertLoad(b, writers, count);
        }
    }

    @Test
    void aSecondJvmWritesTheSameFileAtTheSameTime() throws Exception {
        Path file = dir.resolve("jvm.sqlite");
        int count = 300;
        try (SqliteCaseStore store = SqliteCaseStore.open(file, "jvm")) {
            Process child = startWriter(file, 1, count);
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("ready");
                runWriters(1, count, store); // writer 0 here, writer 1 there
                assertThat(out.readLine()).isEqualTo("done");
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();
            } finally {
                child.destroyForcibly();
            }
            assertLoad(store, 2, count);
        }
    }

    @Test
    void aWriterKilledMidWriteLeavesOnlyWholeLookups() throws Exception {
        Path file = dir.resolve("killed.sqlite");
        try (SqliteCaseStore store = SqliteCaseStore.open(file, "killed")) {
            store.addSeeds(List.of(domain("d0.example")));
        }
        Process child = startWriter(file, 3, 100_000);
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            try (SqliteCaseStore watcher = SqliteCaseStore.open(file, "killed")) {
                while (watcher.info().lookups() < 50 && child.isAlive()) Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("the writer is still writing when killed").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            child.waitFor(60, TimeUnit.SECONDS);
        }
        try (SqliteCaseStore store = SqliteCaseStore.open(file, "killed")) {
            CaseInfo info = store.info();
            assertThat(info.lookups()).isGreaterThanOrEqualTo(50).isLessThan(100_000);
            assertThat(info.evidence()).isEqualTo(info.lookups());
            assertThat(store.lookups()).allSatisfy(l -> {
                assertThat(l.observationCount()).isEqualTo(3);
                assertThat(store.observationsOfLookup(l.id())).hasSize(3);
                assertThat(store.evidenceOfLookup(l.id())).hasSize(1);
            });
            long sightings = store.observations().stream().mapToLong(o -> o.sightings().size()).sum();
            assertThat(sightings).isEqualTo(3 * info.lookups());
            assertThat(store.seeds()).containsExactly(domain("d0.example"));
        }
    }

    private Process startWriter(Path file, int writer, int count) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SecondProcessWriter.class.getName(), file.toString(), Integer.toString(writer),
                Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
