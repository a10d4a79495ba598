package io.infrapivot.app.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A source's rate limit held by the whole fleet: a sliding window of admitted requests in the shared store
 * ({@code infrapivot.source_requests}), counted and added under a per-source advisory lock, so that a service
 * allowing N requests per period gets N per period from all workers together, not N from each.
 */
final class SharedLimit implements io.infrapivot.engine.SharedRateLimit {
    /** The first key of the advisory locks that serialise admissions (the second is the source's hash). */
    static final int LOCK_CLASS = 0x1f0b;
    private static final long MAX_PAUSE_MS = 1_000;

    private final DataSource shared;

    SharedLimit(DataSource shared) {
        this.shared = shared;
    }

    /** Asked by the engine for every request (the first of a lookup, each later page or retry). */
    @Override
    public Duration acquire(String source, int permits, Duration per, Duration maxWait) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxWait.toMillis();
        while (true) {
            long wait = tryAcquire(source, permits, per.toMillis(), true);
            if (wait <= 0) return null;
            long left = deadline - System.currentTimeMillis();
            if (wait > left) return Duration.ofMillis(wait);
            Thread.sleep(Math.min(wait, MAX_PAUSE_MS));
        }
    }

    /**
     * Waits until the window of {@code source} has room for one more request, taking nothing: a worker waits here
     * before it starts a task's lookup, so that a task waits in line instead of being refused.
     */
    void awaitRoom(String source, int permits, Duration per) throws InterruptedException {
        while (true) {
            long wait = tryAcquire(source, permits, per.toMillis(), false);
            if (wait <= 0) return;
            Thread.sleep(Math.min(wait, MAX_PAUSE_MS));
        }
    }

    /**
     * Takes a permit (with {@code take}) and returns 0, or returns how long until the oldest request in the window
     * leaves it.
     */
    long tryAcquire(String source, int permits, long perMs, boolean take) {
        try (Connection c = shared.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setString(2, source);
                    ps.execute();
                }
                long now = System.currentTimeMillis();
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM source_requests WHERE source = ? AND at_ms <= ?")) {
                    ps.setString(1, source);
                    ps.setLong(2, now - perMs);
                    ps.executeUpdate();
                }
                long count;
                long oldest;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), min(at_ms) FROM source_requests WHERE source = ?")) {
                    ps.setString(1, source);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count = rs.getLong(1);
                        oldest = rs.getLong(2);
                    }
                }
                if (count >= permits) {
                    c.commit();
                    return Math.max(1, oldest + perMs - now);
                }
                if (!take) {
                    c.commit();
                    return 0;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO source_requests (source, at_ms) VALUES (?, ?)")) {
                    ps.setString(1, source);
                    ps.setLong(2, now);
                    ps.executeUpdate();
                }
                c.commit();
                return 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a shared rate-limit permit for " + source + ": "
                    + e.getMessage(), e);
        }
    }
}
