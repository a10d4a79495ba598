package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caught exception is logged with the exception attached, and a source's key never reaches the log. */
class EngineLoggingTest {
    static final String KEY = "sk-live-4f9a1c77e2b04d5e";

    @TempDir
    Path dir;

    @Test
    void aSourceFailureIsLoggedWithItsExceptionAndWithoutItsKey() throws Exception {
        EngineTest.FakeSource keyed = new EngineTest.FakeSource("keyed", Access.PASSIVE, 2,
                List.of(SourceInfo.Setting.key("API key", true)), (i, c) -> {
                    String key = c.settings().get("key").orElseThrow();
                    throw new IllegalStateException("GET https://api.example/v1/" + i.value() + "?apikey=" + key
                            + " failed", new java.io.IOException("connection reset (key " + key + ")"));
                });
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("io.infrapivot.source.keyed");
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL); // whatever another test in this JVM made of the root logger
        logger.addHandler(capture);
        try (CaseStore store = new SqliteCaseRepository(dir).open("log");
             Engine e = new Engine(new SourceRegistry(List.of(keyed)),
                     Config.load(Map.of("INFRAPIVOT_KEYED_KEY", KEY), dir.toString()), store,
                     IndicatorParser.standard(), Clock.systemUTC())) {
            SourceOutcome o = e.lookup(List.of(Indicator.fromCanonical(IndicatorType.DOMAIN, "example.com")),
                    Selection.all(), io.infrapivot.source.RunOptions.defaults(), java.time.Duration.ofSeconds(5), false,
                    null).get(0);
            assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(o.message()).contains("apikey=" + Redaction.MASK).doesNotContain(KEY);
            assertThat(store.lookups().toString()).doesNotContain(KEY);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getThrown()).as("the exception is attached").isNotNull();
            StringWriter all = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(all));
            String text = r.getMessage() + "\n" + all;
            assertThat(text).doesNotContain(KEY).contains("IllegalStateException").contains("IOException")
                    .contains("connection reset (key " + Redaction.MASK + ")")
                    .contains("EngineLoggingTest"); // the stack where it was thrown
        });
    }
}
