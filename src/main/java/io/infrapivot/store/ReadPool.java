package io.infrapivot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A few idle read connections kept for reuse; more are opened when all are busy and closed when returned
 * beyond {@link #MAX_IDLE}. In WAL mode readers never wait for the writer.
 */
final class ReadPool implements AutoCloseable {
    /** A read run on a pooled connection. */
    @FunctionalInterface
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Opens a new connection for the pool. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    static final int MAX_IDLE = 8;

    private final Opener connections;
    private final java.time.Duration patience;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReadPool(Opener connections) {
        this(connections, java.time.Duration.ZERO);
    }

    /**
     * A pool whose reads that fail by a lost connection ({@link ConnectionLoss}: the server restarted) drop the
     * idle connections (lost with it) and run again on new ones, for up to {@code patience}.
     */
    ReadPool(Opener connections, java.time.Duration patience) {
        this.connections = connections;
        this.patience = patience;
    }

    <T> T read(Read<T> read) throws SQLException {
        if (patience.isZero()) return readOnce(read);
        return ConnectionLoss.retry(patience, () -> {
            try {
                return readOnce(read);
            } catch (SQLException | RuntimeException e) {
                if (ConnectionLoss.isLost(e)) dropIdle();
                throw e;
            }
        });
    }

    private void dropIdle() {
        synchronized (idle) {
            idle.forEach(ReadPool::closeQuietly);
            idle.clear();
        }
    }

    private <T> T readOnce(Read<T> read) throws SQLException {
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = read.run(c);
            healthy = true;
            return result;
        } finally {
            giveBack(c, healthy);
        }
    }

    private Connection borrow() throws SQLException {
        synchronized (idle) {
            if (closed) throw new IllegalStateException("the case store is closed");
            Connection c = idle.pollFirst();
            if (c != null) return c;
        }
        return StatementCache.wrap(connections.open());
    }

    private void giveBack(Connection c, boolean healthy) {
        synchronized (idle) {
            if (healthy && !closed && idle.size() < MAX_IDLE) {
                idle.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(ReadPool::closeQuietly);
            idle.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a read connection holds nothing to save
        }
    }
}
