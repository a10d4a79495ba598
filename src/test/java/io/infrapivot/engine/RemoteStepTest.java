package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The remote chain's end ({@code pivot --distributed}) keeps the session's deadline: nothing is handed over after. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RemoteStepTest {
    @TempDir
    Path dir;

    @Test
    void aSessionPastItsTimeBudgetHandsNothingOver() throws Exception {
        EngineTest.FakeSource source = new EngineTest.FakeSource("p", Access.PASSIVE, 1, List.of(),
                (i, c) -> LookupResult.of(List.of(), List.of()));
        AtomicInteger handedOver = new AtomicInteger();
        RemoteLookups remote = (s, i, o, refresh, cancelled) -> {
            handedOver.incrementAndGet();
            return new RemoteLookups.Done(null, Refusal.NOT_READY, "no worker here");
        };
        Indicator example = Indicator.fromCanonical(IndicatorType.DOMAIN, "example.com");
        Selection selection = new Selection(Set.of("p"), Set.of(), false, false);
        try (CaseStore store = new SqliteCaseRepository(dir).open("remote");
             Engine engine = new Engine(new SourceRegistry(List.of(source)), Config.load(Map.of(), dir.toString()),
                     store, IndicatorParser.standard(), Clock.systemUTC(), remote)) {
            try (LookupSession late = engine.session(SessionOptions.unlimited().withTimeBudget(Duration.ZERO))) {
                List<SourceOutcome> o = late.lookup(List.of(example), selection, RunOptions.defaults(),
                        Duration.ofSeconds(5), true, null, null);
                assertThat(o).singleElement().satisfies(x -> assertThat(x.refusal()).isEqualTo(Refusal.TIME_BUDGET));
                assertThat(handedOver).hasValue(0);
            }
            try (LookupSession inTime = engine.session(SessionOptions.unlimited()
                    .withTimeBudget(Duration.ofMinutes(5)))) {
                List<SourceOutcome> o = inTime.lookup(List.of(example), selection, RunOptions.defaults(),
                        Duration.ofSeconds(5), true, null, null);
                assertThat(o).singleElement().satisfies(x -> assertThat(x.refusal()).isEqualTo(Refusal.NOT_READY));
                assertThat(handedOver).hasValue(1);
            }
        }
    }
}
