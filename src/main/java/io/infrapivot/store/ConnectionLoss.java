package io.infrapivot.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * A lost database connection (the server restarted, went away, or is starting up), told by SQLSTATE: class
 * {@code 08} (connection exception) and the server's shutdown codes {@code 57P01} (admin shutdown, which
 * {@code pg_ctl stop -m fast} sends every session), {@code 57P02} (crash shutdown) and {@code 57P03} (cannot
 * connect now: starting up). Never told by message text. Work that failed so is worth running again on a new
 * connection once the server is back.
 */
public final class ConnectionLoss {
    private static final Set<String> SHUTDOWN = Set.of("57P01", "57P02", "57P03");
    /** The longest pause between two attempts while the server is away. */
    private static final long MAX_PAUSE_MS = 1_000;

    private ConnectionLoss() {
    }

    /** True when {@code e} (or a cause, or a chained SQLException) says the connection was lost. */
    public static boolean isLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                for (SQLException s = se; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("08") || SHUTDOWN.contains(state))) return true;
                }
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** Work against the database that may be run again (a read, an idempotent write). */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code attempt}, running it again (after a growing pause) while it fails by a lost connection, for up to
     * {@code patience}; any other failure, or a loss that outlasts the patience, is thrown as it came.
     */
    public static <T> T retry(Duration patience, Attempt<T> attempt) throws SQLException {
        long giveUp = System.nanoTime() + patience.toNanos();
        long pause = 50;
        while (true) {
            try {
                return attempt.run();
            } catch (SQLException | RuntimeException e) {
                if (!isLost(e) || System.nanoTime() > giveUp) throw e;
                pause(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
            }
        }
    }

    /** Sleeps {@code ms}; an interrupt is kept and ends the wait. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database to come back", e);
        }
    }
}
