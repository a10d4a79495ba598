package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** pivot's output after Ctrl-C: lines of late outcomes never land inside or after the summary. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutputGateTest {
    @Test
    void aLatePrinterIsDroppedOnceTheSummaryIsPrinted() {
        List<String> lines = new ArrayList<>();
        OutputGate gate = new OutputGate(lines);
        assertThat(gate.print(() -> lines.add("fact"))).isTrue();
        gate.closeThen(() -> lines.add("summary"));
        assertThat(gate.print(() -> lines.add("late fact"))).isFalse();
        assertThat(lines).containsExactly("fact", "summary");
    }

    @Test
    void printersRacingTheSummaryNeverSplitItNorFollowIt() throws Exception {
        List<String> lines = new ArrayList<>();
        OutputGate gate = new OutputGate(lines);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(4);
        List<Thread> sources = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread th = new Thread(() -> {
                started.countDown();
                while (!stop.get()) gate.print(() -> {
                    lines.add("fact");
                    lines.add("status");
                });
            });
            th.start();
            sources.add(th);
        }
        started.await();
        Thread.sleep(20);
        gate.closeThen(() -> {
            for (int i = 0; i < 100; i++) {
                lines.add("summary " + i);
                Thread.yield();
            }
        });
        Thread.sleep(20);
        stop.set(true);
        for (Thread th : sources) th.join();
        synchronized (lines) {
            int first = lines.indexOf("summary 0");
            assertThat(first).isPositive();
            assertThat(lines.subList(first, lines.size())).hasSize(100).allMatch(l -> l.startsWith("summary "));
            assertThat(lines.subList(0, first)).allMatch(l -> l.equals("fact") || l.equals("status"));
        }
    }
}
