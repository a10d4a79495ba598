package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** -v shows warnings as one escaped line each; --debug adds the stack; by default nothing. */
class LoggingTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    final System.Logger log = System.getLogger("io.infrapivot.source.test");

    @AfterEach
    void reset() {
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").addHandler(new java.util.logging.ConsoleHandler());
    }

    void warn() {
        log.log(System.Logger.Level.WARNING, "test failed on domain:evil\u001b[31m.example",
                new IllegalStateException("garbage\nin answer"));
        log.log(System.Logger.Level.DEBUG, "a detail");
    }

    @Test
    void quietByDefault() {
        Logging.configure(ps, Logging.Level.QUIET);
        warn();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void verboseShowsOneEscapedLinePerWarning() {
        Logging.configure(ps, Logging.Level.WARNINGS);
        warn();
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("infrapivot: warning: source.test: test failed on domain:evil\\u001b[31m.example"
                + " (java.lang.IllegalStateException: garbage\\nin answer)\n");
    }

    @Test
    void debugShowsTheStackAndDebugRecords() {
        Logging.configure(ps, Logging.Level.DEBUG);
        warn();
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("infrapivot: warning: source.test: test failed")
                .contains("  java.lang.IllegalStateException: garbage\\nin answer\n")
                .contains("    at io.infrapivot.app.cli.LoggingTest.warn")
                .contains("infrapivot: debug: source.test: a detail");
        assertThat(text).doesNotContain("\u001b");
    }

    @Test
    void debugLeavesOutTheJdksRecordOfEveryExit() {
        Logging.configure(ps, Logging.Level.DEBUG);
        System.getLogger("java.lang.Runtime").log(System.Logger.Level.DEBUG, "Runtime.exit() called with status: 2",
                new Throwable("Runtime.exit(2)"));
        log.log(System.Logger.Level.DEBUG, "a detail");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("infrapivot: debug: source.test: a detail\n");
    }
}
