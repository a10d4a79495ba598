package io.infrapivot.app.cli;

/** The documented exit codes (docs/cli.md). */
public final class ExitCodes {
    /** Everything asked for was done (sources may have been empty or skipped). */
    public static final int OK = 0;
    /** Partial failure: at least one source lookup ended in error; the others' results were kept. */
    public static final int PARTIAL = 1;
    /**
     * Bad input or usage: unparseable indicator, unknown option or source; nothing was stored. Also when some
     * lines of {@code -f FILE}/standard input were bad: each was reported with its line number and skipped,
     * every other line was processed (and stored).
     */
    public static final int BAD_INPUT = 2;
    /** Ambiguous input: the candidates were printed; choose one with --type. */
    public static final int AMBIGUOUS = 3;
    /** Environment: config file, case store, data files or the JDK could not be used. */
    public static final int ENVIRONMENT = 4;
    /** Not found: the case, evidence or indicator asked for does not exist. */
    public static final int NOT_FOUND = 5;
    /** Interrupted (Ctrl-C); what finished before is stored. */
    public static final int INTERRUPTED = 130;

    /** Standard output was closed by its reader ({@code | head -1}): stopped at once, as after SIGPIPE. */
    public static final int OUTPUT_CLOSED = 141;

    /**
     * Terminated (SIGTERM, systemd's stop): the JVM's exit after the shutdown hooks let what was running finish
     * and stored it ({@code worker} leaves the rest of its queue to others). Not returned by a command.
     */
    public static final int TERMINATED = 143;

    private ExitCodes() {}
}
