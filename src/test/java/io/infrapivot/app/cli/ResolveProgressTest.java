package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolveProgressTest {
    @Test
    void drawsABarWhenTheTotalIsKnownAndACountOtherwise() {
        assertThat(ResolveCommand.progressLine(50, 200, 2.0)).isEqualTo(
                "[#######-----------------------]  25% 50/200, 25/s");
        assertThat(ResolveCommand.progressLine(200, 200, 1.0)).startsWith("[" + "#".repeat(30) + "] 100%");
        assertThat(ResolveCommand.progressLine(1000, -1, 0.5)).isEqualTo("1000 answers, 2000/s");
    }
}
