package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors found by exploratory QA, run in-process: exit codes, streams and the words of each error. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UsageErrorsCliTest {
    @TempDir
    Path dir;
    private final InProcessCli cli = new InProcessCli();

    @Test
    void noCommandIsAUsageErrorOnStderrWhileHelpStaysOnStdout() {
        assertThat(cli.run()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("Usage: infrapivot");

        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out()).contains("Usage: infrapivot").contains("141").contains("143");
        assertThat(cli.err()).isEmpty();
    }
}
