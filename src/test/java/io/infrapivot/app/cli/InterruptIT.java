package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C in the middle of a lookup leaves the case consistent, and running again completes it. */
class InterruptIT {
    @TempDir
    Path home;

    @Test
    void ctrlCLeavesTheCaseConsistent() throws Exception {
        try (SimulatedInternet net = new SimulatedInternet(Duration.ofSeconds(3))) {
            Cli cli = new Cli(home);
            cli.env.putAll(net.env());
            String[] args = {"lookup", "--case", "intr", "--sources", "classify,rdap,whoxy,mnemonic,crtsh",
                    SimulatedInternet.DOMAINS.get(0)};
            Process p = cli.startInterruptible(args);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (net.rdap.requests.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(net.rdap.requests).as("the lookup reached the RDAP server").isNotEmpty();
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped on Ctrl-C").isTrue();
            assertThat(p.exitValue()).isEqualTo(130);

            // the case opens; what finished is there whole, what was cut off is not there at all
            try (var store = new SqliteCaseRepository(home.resolve("data/cases")).openExisting("intr")) {
                List<LookupRecord> lookups = store.lookups();
                assertThat(lookups).extracting(LookupRecord::source).contains("classify").doesNotContain("rdap");
                for (LookupRecord l : lookups) {
                    assertThat(store.observationsOfLookup(l.id())).hasSize(l.observationCount());
                }
                assertThat(store.seeds()).extracting(i -> i.value()).containsExactly(SimulatedInternet.DOMAINS.get(0));
            }

            var again = cli.run(args);
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).contains("classify").containsPattern("\\(\\d+ cached\\)").contains("r.baxter1982@gmail.com");
        }
    }

    @Test
    void sigtermPrintsWhatFinishedAndExits143WithoutAnInternalError() throws Exception {
        try (SimulatedInternet net = new SimulatedInternet(Duration.ofSeconds(3))) {
            Cli cli = new Cli(home);
            cli.env.putAll(net.env());
            Path out = home.resolve("term-out.txt");
            Path err = home.resolve("term-err.txt");
            Process p = cli.startInterruptible(out, err, "lookup", "--case", "term", "--sources",
                    "classify,rdap,whoxy,mnemonic,crtsh", SimulatedInternet.DOMAINS.get(0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (net.rdap.requests.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(net.rdap.requests).as("the lookup reached the RDAP server").isNotEmpty();
            Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            String stdout = java.nio.file.Files.readString(out);
            String stderr = java.nio.file.Files.readString(err);
            // what finished is printed (classify answered at once); the rest is said to have stopped
            assertThat(stdout).contains("== " + SimulatedInternet.DOMAINS.get(0)).contains("classify");
            assertThat(stderr).contains("infrapivot: interrupted: ").contains("stopped; run the same command again")
                    .doesNotContain("internal error").doesNotContain("\tat ").doesNotContain("Exception");
        }
    }
}
