package io.infrapivot.app.cli;

import io.infrapivot.model.Safe;
import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the code's {@link System.Logger} records go on the command line (the JDK's own logging is the
 * backend): nowhere by default, warnings on stderr with {@code -v}, warnings and debug records with their
 * stack traces with {@code --debug}. Every line is escaped (a message may quote a server's answer); the
 * engine takes secrets out before it logs.
 */
final class Logging {
    enum Level { QUIET, WARNINGS, DEBUG }

    private Logging() {}

    static void configure(PrintStream err, Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        java.util.logging.Level jul = switch (level) {
            case QUIET -> java.util.logging.Level.OFF;
            case WARNINGS -> java.util.logging.Level.WARNING;
            case DEBUG -> java.util.logging.Level.FINE;
        };
        root.setLevel(jul);
        if (level == Level.QUIET) return;
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                // the JDK logs every System.exit with a stack trace at debug level: not the user's business
                if (!isLoggable(r) || "java.lang.Runtime".equals(r.getLoggerName())) return;
                String line = getFormatter().format(r);
                synchronized (err) {
                    err.print(line);
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        h.setLevel(jul);
        h.setFormatter(new LineFormatter(level == Level.DEBUG));
        root.addHandler(h);
    }

    /** {@code infrapivot: warning: LOGGER: message (Exception: message)}, and the stack trace when asked. */
    static final class LineFormatter extends Formatter {
        private final boolean stacks;

        LineFormatter(boolean stacks) {
            this.stacks = stacks;
        }

        @Override
        public String format(LogRecord r) {
            String kind = r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue() ? "error"
                    : r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() ? "warning" : "debug";
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName().replaceFirst("^io\\.infrapivot\\.", "");
            StringBuilder b = new StringBuilder("infrapivot: ").append(kind).append(": ").append(Safe.oneLine(logger))
                    .append(": ").append(Safe.oneLine(formatMessage(r)));
            Throwable t = r.getThrown();
            if (t != null && !stacks) b.append(" (").append(Safe.oneLine(t.toString())).append(')');
            b.append('\n');
            if (t != null && stacks) {
                for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                    b.append(c == t ? "  " : "  caused by: ").append(Safe.oneLine(c.toString())).append('\n');
                    for (StackTraceElement e : c.getStackTrace()) b.append("    at ").append(e).append('\n');
                }
            }
            return b.toString();
        }
    }
}
