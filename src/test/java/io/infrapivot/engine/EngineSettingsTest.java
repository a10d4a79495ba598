package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.SourceSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
    private static SourceInfo whoxy() {
        return SourceRegistry.builtIn().byId("whoxy").orElseThrow().info();
    }

    @Test
    void theEngineSettingsAreTypedAndRead() {
        SourceSettings s = new SourceSettings("whoxy", Map.of("parallel_lookups", "3", "ttl", "2d",
                "breaker-threshold", "9", "enabled", "false"));
        assertThat(s.get(EngineSettings.PARALLEL_LOOKUPS)).isEqualTo(3);
        assertThat(s.get(EngineSettings.TTL)).isEqualTo(Duration.ofDays(2));
        assertThat(s.get(EngineSettings.BREAKER_THRESHOLD)).isEqualTo(9);
        assertThat(s.get(EngineSettings.BREAKER_COOLDOWN)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.get(EngineSettings.ENABLED)).isFalse();
        assertThat(s.get(EngineSettings.RATE_LIMIT)).as("the source's own unless set").isNull();
        assertThat(EngineSettings.ALL).extracting(SourceInfo.Setting::name).containsExactly("enabled",
                "parallel_lookups", "rate_limit", "ttl", "breaker_threshold", "breaker_cooldown");
    }

    @Test
    void defaultsFollowTheSourcesOwnDeclaration() {
        SourceInfo w = whoxy();
        assertThat(EngineSettings.defaultFor(EngineSettings.TTL, w)).isEqualTo("7d");
        assertThat(EngineSettings.defaultFor(EngineSettings.PARALLEL_LOOKUPS, w)).isEqualTo("1");
        assertThat(EngineSettings.defaultFor(EngineSettings.RATE_LIMIT, w)).isEqualTo("5");
        assertThat(EngineSettings.defaultFor(EngineSettings.BREAKER_THRESHOLD, w)).isEqualTo("5");
        SourceInfo classify = SourceRegistry.builtIn().byId("classify").orElseThrow().info();
        assertThat(EngineSettings.defaultFor(EngineSettings.RATE_LIMIT, classify)).isNull();
    }

    @Test
    void unknownSettingsAreWarnedWithTheLikelyIntendedOne() {
        SourceSettings given = new SourceSettings("whoxy", Map.of("key", "SEKRIT", "tll", "2d",
                "breaker_treshold", "3", "timeuot", "5s", "data_folder", "/x", "completely_different_thing", "1",
                "URL", "http://x"));
        List<String> w = EngineSettings.unknown(whoxy(), given);
        assertThat(w).hasSize(4);
        assertThat(w).anySatisfy(l -> assertThat(l).contains("unknown setting tll").contains("did you mean ttl?"));
        assertThat(w).anySatisfy(l -> assertThat(l).contains("breaker_treshold")
                .contains("did you mean breaker_threshold?"));
        assertThat(w).anySatisfy(l -> assertThat(l).contains("timeuot").contains("did you mean timeout?"));
        assertThat(w).anySatisfy(l -> assertThat(l).contains("completely_different_thing")
                .doesNotContain("did you mean"));
        assertThat(String.join("\n", w)).doesNotContain("SEKRIT").contains("[sources.whoxy]");
    }

    @Test
    void noBuiltInSourceDeclaresASettingTheEngineReads() {
        for (var s : SourceRegistry.builtIn().all()) {
            for (var e : EngineSettings.ALL) {
                assertThat(s.info().setting(e.name())).as("%s declares %s", s.info().id(), e.name()).isNull();
            }
            assertThat(EngineSettings.unknown(s.info(), new SourceSettings(s.info().id(), Map.of()))).isEmpty();
        }
    }
}
