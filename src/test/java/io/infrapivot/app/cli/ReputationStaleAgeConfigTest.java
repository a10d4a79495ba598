package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The age after which the reputation section calls a verdict stale comes from the config or the environment. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReputationStaleAgeConfigTest {
    @TempDir
    Path dir;

    private Config config(String toml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, toml);
        var e = new java.util.HashMap<>(env);
        e.put("INFRAPIVOT_CONFIG", file.toString());
        e.put("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString());
        return Config.load(e, dir.toString());
    }

    @Test
    void defaultsToThirtyDaysAndFollowsTheConfigAndTheEnvironment() throws Exception {
        assertThat(ReputationSection.maxAge(config("", Map.of()))).isEqualTo(Duration.ofDays(30));
        assertThat(ReputationSection.maxAge(config("[defaults]\nverdict_max_age = \"7d\"\n", Map.of())))
                .isEqualTo(Duration.ofDays(7));
        assertThat(ReputationSection.maxAge(config("[defaults]\nverdict_max_age = \"7d\"\n",
                Map.of("INFRAPIVOT_DEFAULT_VERDICT_MAX_AGE", "12h")))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aBadAgeIsAClearInputError() throws Exception {
        Config bad = config("[defaults]\nverdict_max_age = \"soon\"\n", Map.of());
        assertThatThrownBy(() -> ReputationSection.maxAge(bad)).isInstanceOf(CliException.class)
                .hasMessageContaining("verdict_max_age is not a duration");
    }
}
