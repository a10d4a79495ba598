package io.infrapivot.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesHumanAndIsoForms() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse(" 7d ")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("0s")).isZero();
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration");
    }

    @Test
    void aBareNumberIsRefusedWithTheUnitToWrite() {
        for (String bare : new String[] {"5", "45", " 5 ", "1.5", "-3"}) {
            assertThatThrownBy(() -> Durations.parse(bare)).as(bare).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no unit");
        }
        assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("write 5s");
    }

    @Test
    void overflowingAndNegativeDurationsAreClearErrorsNotArithmeticOnes() {
        for (String huge : new String[] {"99999999999d", "999999999999999999999999s", "3651d", "PT9999999999999999H",
                "P99999999999999D"}) {
            assertThatThrownBy(() -> Durations.parse(huge)).as(huge).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too long");
        }
        assertThatThrownBy(() -> Durations.parse("PT-5S")).hasMessageContaining("negative");
        assertThat(Durations.parse("3650d")).isEqualTo(Durations.MAX);
    }
}
