package io.infrapivot.app.cli;

import io.infrapivot.model.Safe;
import java.io.Console;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output and error for the CLI: UTF-8, colour only on a terminal, every value escaped. */
public final class Terminal {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;
    private final boolean interactive;
    private final boolean errInteractive;
    /** The width human output is folded to: {@code COLUMNS}, else 80 (see {@link Fold}). */
    private int width = Fold.width(System.getenv());

    public Terminal(PrintStream out, PrintStream err, boolean colour, boolean interactive) {
        this(out, err, colour, interactive, interactive);
    }

    /** {@code errInteractive}: standard error is a terminal (a progress line goes there). */
    public Terminal(PrintStream out, PrintStream err, boolean colour, boolean interactive, boolean errInteractive) {
        this.out = out;
        this.err = err;
        this.colour = colour;
        this.interactive = interactive;
        this.errInteractive = errInteractive;
    }

    public static Terminal system(boolean noColour) {
        boolean tty = isTerminal();
        boolean colour = tty && !noColour && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(new PrintStream(new ClosingAware(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
                true, StandardCharsets.UTF_8), new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8), colour, tty, stderrIsTerminal(tty));
    }

    /**
     * Whether standard error is a terminal: a progress line goes there, so it shows even when the output is
     * redirected to a file (Linux: /proc/self/fd/2; elsewhere whether the console is a terminal).
     */
    static boolean stderrIsTerminal(boolean consoleIsTerminal) {
        try {
            String target = java.nio.file.Path.of("/proc/self/fd/2").toRealPath().toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | RuntimeException e) {
            return consoleIsTerminal;
        }
    }

    /**
     * Thrown when standard output can no longer be written (the reader went away: {@code | head -1}); a
     * {@link PrintStream} would swallow the error and let the command run on for nothing. Commands end at once.
     */
    public static final class OutputClosed extends java.io.UncheckedIOException {
        OutputClosed(java.io.IOException cause) {
            super("standard output closed", cause);
        }
    }

    /** Standard output that turns a failed write into {@link OutputClosed} (through PrintStream's catch). */
    static final class ClosingAware extends java.io.FilterOutputStream {
        ClosingAware(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (java.io.IOException e) {
                throw new OutputClosed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new OutputClosed(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (java.io.IOException e) {
                throw new OutputClosed(e);
            }
        }
    }

    /** Whether standard output is a terminal (Console.isTerminal on JDK 22+, console presence before). */
    static boolean isTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean interactive() {
        return interactive;
    }

    /** Whether standard error is a terminal. */
    public boolean errInteractive() {
        return errInteractive;
    }

    /** Prints a line of trusted layout text. Values inside must already be escaped with {@link #v}. */
    public void println(String line) {
        out.println(line);
    }

    /**
     * Prints a line of trusted layout text folded to the width ({@code COLUMNS}, else 80), each continuation
     * indented by {@code indent} so that it stays in its column.
     */
    public void printlnFolded(String line, int indent) {
        for (String l : Fold.lines(line, width, indent)) out.println(l);
    }

    /** The width human output is folded to. */
    public int width() {
        return width;
    }

    /** Folds to {@code columns} from now on (a test's terminal). */
    void width(int columns) {
        this.width = columns;
    }

    /** Escapes an untrusted value for a one-line terminal field. */
    public static String v(Object value) {
        return value == null ? "" : Safe.oneLine(String.valueOf(value));
    }

    public String bold(String s) {
        return colour ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    public String dim(String s) {
        return colour ? "\u001b[2m" + s + "\u001b[0m" : s;
    }

    public String red(String s) {
        return colour ? "\u001b[31m" + s + "\u001b[0m" : s;
    }

    public String green(String s) {
        return colour ? "\u001b[32m" + s + "\u001b[0m" : s;
    }

    public String yellow(String s) {
        return colour ? "\u001b[33m" + s + "\u001b[0m" : s;
    }

    public void error(String message) {
        err.println("infrapivot: " + Safe.message(message)); // idempotent: a message of escaped values stays as it is
    }

    public void warn(String message) {
        err.println("infrapivot: warning: " + Safe.message(message));
    }
}
