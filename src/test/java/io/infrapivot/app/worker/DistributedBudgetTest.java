package io.infrapivot.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Refusal;
import io.infrapivot.engine.Selection;
import io.infrapivot.source.Outcome;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code pivot --distributed --budget crtsh=5} on two worker processes: the workers together make at most five
 * requests to (the simulated) crt.sh for the run, the rest of its crt.sh lookups are refused for the budget, and the
 * pivot's result says so as a single-process pivot's does (a stop reason, indicators left unfollowed). The other
 * sources are not held back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DistributedBudgetTest {
    /** The simulated internet's pivot asks crt.sh about twenty domains: most are over the budget. */
    static final int CRTSH_BUDGET = 5;

    @TempDir
    Path dir;

    @Test
    void aDistributedPivotsBudgetHoldsAcrossTheWorkers() throws Exception {
        try (SimulatedInternet net = new SimulatedInternet(Duration.ofMillis(5))) {
            Map<String, String> env = WorkerProcesses.isolatedEnv(net.env(), dir);
            Config config = Config.load(env, dir.toString());
            String url = TestPostgres.cluster().newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url),
                    new Analyst("lead", "here"));
            repo.open("budget").close();
            List<Process> workers = new ArrayList<>();
            try {
                workers.add(WorkerProcesses.start(dir, url, env, "w0", "--concurrency", "4"));
                workers.add(WorkerProcesses.start(dir, url, env, "w1", "--concurrency", "4"));
                Map<String, Integer> budget = Map.of("crtsh", CRTSH_BUDGET);
                try (QueuedLookups remote = new QueuedLookups(new TaskQueue(repo), "budget", "alice", budget);
                     CaseStore store = repo.openExisting("budget");
                     Engine engine = new Engine(SourceRegistry.builtIn(), config, store, IndicatorParser.standard(),
                             Clock.systemUTC(), remote);
                     TaskQueue watch = new TaskQueue(repo)) {
                    Files.createDirectories(dir.resolve("data"));
                    NoiseRules noise = NoiseRules.load(IndicatorParser.standard(), dir.resolve("data"), Set.of());
                    Pivot.Options options = new Pivot.Options(3, 5000, null, budget,
                            NoiseRules.DEFAULT_SHARED_THRESHOLD,
                            new Selection(Set.of(SimulatedInternet.SOURCES.split(",")), Set.of(), false, false),
                            new RunOptions(List.of(net.resolver()), false, null, null,
                                    Pivot.resultCap(NoiseRules.DEFAULT_SHARED_THRESHOLD)),
                            Duration.ofSeconds(30), false);
                    Indicator seed = Indicator.fromCanonical(IndicatorType.DOMAIN,
                            SimulatedInternet.DOMAINS.getFirst());
                    Pivot.Result r = new Pivot(engine, store, noise, Clock.systemUTC())
                            .run(List.of(seed), Recipe.load("domain"), options, null);
                    String logs = WorkerProcesses.logs(dir, "w0", "w1");

                    String seen = logs + watch.outcomes(remote.batch()).stream().filter(t -> t[0].equals("crtsh"))
                            .map(t -> String.join(" ", t)).toList() + " " + r.outcomes().stream()
                            .filter(o -> o.source().equals("crtsh")).map(o -> o.indicator().value() + " "
                                    + o.outcome() + " " + o.refusal() + " " + o.message() + " " + o.cached()).toList();
                    // the service saw the budget, no more, from the two workers together
                    assertThat(net.crtsh.requests).as(seen).hasSizeBetween(1, CRTSH_BUDGET);
                    assertThat(watch.budgetLeft(remote.batch())).isEqualTo(Map.of("crtsh", 0));
                    List<SourceOutcome> crtsh = r.outcomes().stream().filter(o -> o.source().equals("crtsh"))
                            .toList();
                    // a budget counts admissions, as in one process: a lookup that was let through may end without a
                    // request, so at most the budget's lookups went through and the rest were refused for it
                    assertThat(crtsh.stream().filter(o -> o.refusal() == null && o.outcome() == Outcome.OK))
                            .as(seen).hasSizeBetween(1, CRTSH_BUDGET);
                    assertThat(crtsh.stream().filter(o -> o.refusal() == Refusal.REQUEST_BUDGET)).as(seen)
                            .hasSizeGreaterThan(10);
                    // the other sources were not held back by crt.sh's budget
                    assertThat(r.outcomes()).filteredOn(o -> !o.source().equals("crtsh") && !o.source().equals(Pivot.SOURCE))
                            .isNotEmpty().allSatisfy(o -> assertThat(o.refusal()).isNotEqualTo(Refusal.REQUEST_BUDGET));
                    // what the summary prints: why it stopped, and what the budget left unfollowed
                    assertThat(r.stopReasons()).contains("crtsh: request budget of " + CRTSH_BUDGET
                            + " reached (shared by the workers)");
                    assertThat(r.unfollowed()).anySatisfy(x -> {
                        assertThat(x.reason()).isEqualTo(Pivot.Unfollowed.REFUSED);
                        assertThat(x.count()).isPositive();
                    });
                    // both workers ran the pivot's tasks
                    assertThat(watch.outcomes(remote.batch()).stream().map(t -> t[3]).distinct())
                            .as(logs).contains("w0", "w1");
                    assertThat(watch.outcomes(remote.batch()).stream()
                            .filter(t -> t[2].equals("refused:REQUEST_BUDGET")).map(t -> t[0]))
                            .isNotEmpty().containsOnly("crtsh");
                }
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
        }
    }
}
