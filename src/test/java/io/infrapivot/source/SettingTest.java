package io.infrapivot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.SourceInfo.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTest {
    private static final Setting<Integer> PAGES = Setting.integer("max-pages", "pages per lookup", 3);
    private static final Setting<Duration> WAIT = Setting.duration("wait", "how long", Duration.ofSeconds(30));
    private static final Setting<Boolean> DEEP = Setting.flag("deep", "ask more", false);
    private static final Setting<List<String>> LISTS = Setting.list("lists", "zones", "a.example, b.example");
    private static final Setting<Double> RATE = Setting.decimal("rate", "per second", 2.5);
    private static final Setting<List<SourceSettings.Secret>> KEY = Setting.key("the key", true);

    @Test
    void readBackAsTheirType() {
        SourceSettings s = new SourceSettings("x", Map.of("MAX_PAGES", "7", "wait", "2m", "deep", "yes",
                "lists", "c.example,,d.example ", "rate", "0.5", "key", "k1, k2"));
        int pages = s.get(PAGES);
        Duration wait = s.get(WAIT);
        boolean deep = s.get(DEEP);
        assertThat(pages).isEqualTo(7);
        assertThat(wait).isEqualTo(Duration.ofMinutes(2));
        assertThat(deep).isTrue();
        assertThat(s.get(LISTS)).containsExactly("c.example", "d.example");
        assertThat(s.get(RATE)).isEqualTo(0.5);
        assertThat(s.get(KEY)).extracting(SourceSettings.Secret::reveal).containsExactly("k1", "k2");
        assertThat(s.get(KEY).toString()).doesNotContain("k1");
    }

    @Test
    void defaultsWhenUnsetOrBlank() {
        SourceSettings s = new SourceSettings("x", Map.of("wait", "  "));
        assertThat(s.get(PAGES)).isEqualTo(3);
        assertThat(s.get(WAIT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.get(DEEP)).isFalse();
        assertThat(s.get(LISTS)).containsExactly("a.example", "b.example");
        assertThat(s.get(KEY)).isEmpty();
        assertThat(s.find(PAGES)).isEmpty();
        assertThat(WAIT.defaultText()).isEqualTo("30s");
        assertThat(RATE.defaultText()).isEqualTo("2.5");
        assertThat(KEY.defaultText()).isNull();
        assertThat(KEY.secret()).isTrue();
        assertThat(KEY.type()).isEqualTo("secret");
    }

    @Test
    void aValueOfTheWrongTypeIsAClearError() {
        SourceSettings s = new SourceSettings("x", Map.of("max_pages", "many", "deep", "perhaps", "wait", "soon"));
        assertThatThrownBy(() -> s.get(PAGES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[sources.x]").hasMessageContaining("max-pages must be an integer")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> s.get(DEEP)).hasMessageContaining("deep must be a boolean");
        assertThatThrownBy(() -> s.get(WAIT)).hasMessageContaining("wait must be a duration");
    }

    @Test
    void readinessNamesAMissingKeyAndABadValue() {
        Source src = new Source() {
            private final SourceInfo info = SourceInfo.builder("demo").description("demo source")
                    .accepts(IndicatorType.DOMAIN).produces(Relation.RESOLVES_TO).settings(KEY, PAGES).build();

            @Override
            public SourceInfo info() {
                return info;
            }

            @Override
            public LookupResult lookup(io.infrapivot.model.Indicator indicator, LookupContext context) {
                return LookupResult.of(List.of(), List.of());
            }
        };
        Readiness missing = src.readiness(new SourceSettings("demo", Map.of()));
        assertThat(missing.isReady()).isFalse();
        assertThat(missing.reason()).contains("needs key").contains("INFRAPIVOT_DEMO_KEY");
        Readiness bad = src.readiness(new SourceSettings("demo", Map.of("key", "SEKRIT-1", "max_pages", "x")));
        assertThat(bad.isReady()).isFalse();
        assertThat(bad.reason()).contains("max-pages must be an integer").doesNotContain("SEKRIT");
        assertThat(src.readiness(new SourceSettings("demo", Map.of("key", "k", "max-pages", "2"))).isReady()).isTrue();
    }

    @Test
    void builderDefaultsAndChecks() {
        SourceInfo i = SourceInfo.builder("demo").description("d").accepts(IndicatorType.IP)
                .produces(Relation.PTR).build();
        assertThat(i.access()).isEqualTo(Access.PASSIVE);
        assertThat(i.concurrency()).isEqualTo(1);
        assertThat(i.defaultTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(i.stores()).isTrue();
        assertThat(i.rateLimit()).isNull();
        assertThat(i.settings()).isEmpty();
        SourceInfo j = SourceInfo.builder("demo").description("d").accepts(IndicatorType.IP).produces(Relation.PTR)
                .access(Access.ACTIVE).concurrency(4).ttl(Duration.ZERO).notStored().rateLimit(5, Duration.ofSeconds(1))
                .settings(PAGES, WAIT).build();
        assertThat(j.access()).isEqualTo(Access.ACTIVE);
        assertThat(j.concurrency()).isEqualTo(4);
        assertThat(j.stores()).isFalse();
        assertThat(j.rateLimit()).isEqualTo(new SourceInfo.RateLimit(5, Duration.ofSeconds(1)));
        assertThat(j.setting("MAX_PAGES")).isSameAs(PAGES);
        assertThatThrownBy(() -> SourceInfo.builder("demo").description("d").settings(PAGES,
                Setting.text("max_pages", "again", null)).build()).hasMessageContaining("twice");
        assertThatThrownBy(() -> SourceInfo.builder("Bad-Id").description("d").build())
                .hasMessageContaining("lower-case");
    }
}
