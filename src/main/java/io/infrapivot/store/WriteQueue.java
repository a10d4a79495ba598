package io.infrapivot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * One writer connection fed by a queue. Callers from any number of (virtual) threads {@link #submit} work and
 * block until it is committed; a single writer thread takes whatever is queued (up to {@link #MAX_BATCH}) and
 * runs it in one transaction, each piece of work inside its own savepoint so that one failing piece is rolled
 * back alone and the rest still commit. When another connection holds the database lock the whole batch is
 * rolled back and retried with a growing pause, up to {@link #BUSY_GIVE_UP_MS}.
 */
final class WriteQueue implements AutoCloseable {
    /** A piece of work run on the writer connection inside the batch's transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger("infrapivot.store");
    static final int MAX_BATCH = 256;
    static final long BUSY_GIVE_UP_MS = 120_000;

    private record Task<T>(Work<T> work, CompletableFuture<T> done) {
    }

    private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private Connection connection; // only the writer thread replaces it (after a lost connection)
    private final ReadPool.Opener reopen;
    private final String beginSql;
    private final Predicate<Throwable> retryable;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread writer;
    private boolean closed;

    /**
     * @param connection the writer connection, in auto-commit mode; owned (closed) by this queue
     * @param beginSql   the statement that opens a write transaction
     * @param retryable  which failures mean "another writer holds the lock, try the batch again"
     * @param name       names the writer thread
     */
    WriteQueue(Connection connection, String beginSql, Predicate<Throwable> retryable, String name) {
        this(connection, null, beginSql, retryable, name);
    }

    /**
     * A queue whose writer connection is opened again by {@code reopen} when it is lost ({@link ConnectionLoss}: the
     * server restarted): the batch that met the loss is rolled back with the connection and run again on the new
     * one, for up to {@link #BUSY_GIVE_UP_MS}. {@code reopen} null: a lost connection fails the batch.
     */
    WriteQueue(Connection connection, ReadPool.Opener reopen, String beginSql, Predicate<Throwable> retryable,
               String name) {
        this.connection = connection;
        this.reopen = reopen;
        this.beginSql = beginSql;
        this.retryable = retryable;
        this.writer = Thread.ofPlatform().daemon().name("infrapivot-store-writer-" + name).start(this::loop);
    }

    /**
     * Runs the work in the next batch and returns its result once committed. A caller interrupted while
     * waiting gets an {@link IllegalStateException}, but its work may still commit.
     */
    <T> T submit(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        closing.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("the case store is closed");
            queue.add(new Task<>(work, done));
        } finally {
            closing.readLock().unlock();
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the case store to commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new StoreException("could not write to the case store: " + cause.getMessage(), cause);
        }
    }

    /** Commits everything queued, stops the writer and closes its connection. Safe to call twice. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            queue.add(STOP);
        } finally {
            closing.writeLock().unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing is pending any more; a failing close leaves nothing to save
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, by STOP, so nothing queued is ever dropped
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.remove(STOP);
            try {
                if (!batch.isEmpty()) runWithRetry(batch);
            } catch (Throwable fatal) { // an Error: fail this batch's callers rather than leave them waiting
                rollbackQuietly();
                for (Task<?> t : batch) t.done().completeExceptionally(fatal);
            }
        }
        // close() adds nothing after STOP, but fail anything that raced in rather than leave a caller waiting
        for (Task<?> t; (t = queue.poll()) != null; ) {
            t.done().completeExceptionally(new IllegalStateException("the case store is closed"));
        }
    }

    private void runWithRetry(List<Task<?>> batch) {
        long giveUp = System.currentTimeMillis() + BUSY_GIVE_UP_MS;
        long pause = 5;
        while (true) {
            try {
                complete(batch, runBatch(batch));
                return;
            } catch (SQLException | RuntimeException e) {
                boolean lost = reopen != null && ConnectionLoss.isLost(e);
                if (lost) {
                    LOG.log(System.Logger.Level.WARNING, "the store's writer connection was lost; opening it again", e);
                    if (reopenUntil(giveUp)) continue;
                } else {
                    rollbackQuietly();
                }
                if (lost || !retryable.test(e) || System.currentTimeMillis() > giveUp) {
                    for (Task<?> t : batch) t.done().completeExceptionally(e);
                    return;
                }
                sleep(pause + ThreadLocalRandom.current().nextLong(pause));
                pause = Math.min(pause * 2, 500);
            }
        }
    }

    /**
     * Drops the lost writer connection and opens a new one, trying again with a growing pause until {@code giveUp}
     * (the server restarting); false when it did not come back in time.
     */
    private boolean reopenUntil(long giveUp) {
        closeQuietly(connection);
        controls.clear();
        long pause = 50;
        while (System.currentTimeMillis() <= giveUp) {
            try {
                connection = reopen.open();
                return true;
            } catch (SQLException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "the store is not back yet", e);
                sleep(pause);
                pause = Math.min(pause * 2, 1_000);
            }
        }
        return false;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // lost already
        }
    }

    /**
     * Runs the batch in one transaction; returns each task's result or failure, in order. The connection stays
     * in auto-commit mode and the transaction is driven by plain statements (BEGIN, SAVEPOINT, RELEASE,
     * ROLLBACK TO, COMMIT), which both SQLite and PostgreSQL understand.
     */
    private List<Object> runBatch(List<Task<?>> batch) throws SQLException {
        List<Object> results = new ArrayList<>(batch.size());
        control(beginSql).execute();
        for (Task<?> task : batch) {
            control("SAVEPOINT lookup").execute();
            try {
                results.add(task.work().run(connection));
                control("RELEASE SAVEPOINT lookup").execute();
            } catch (SQLException | RuntimeException e) {
                if (retryable.test(e)) throw e;
                control("ROLLBACK TO SAVEPOINT lookup").execute();
                control("RELEASE SAVEPOINT lookup").execute();
                results.add(new Failure(e));
            }
        }
        control("COMMIT").execute();
        return results;
    }

    /** The transaction statements, prepared once on the writer connection (only the writer thread uses them). */
    private final java.util.Map<String, java.sql.PreparedStatement> controls = new java.util.HashMap<>();

    private java.sql.PreparedStatement control(String sql) throws SQLException {
        java.sql.PreparedStatement ps = controls.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            controls.put(sql, ps);
        }
        return ps;
    }

    private record Failure(Throwable cause) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void complete(List<Task<?>> batch, List<Object> results) {
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture future = batch.get(i).done();
            Object r = results.get(i);
            if (r instanceof Failure f) future.completeExceptionally(f.cause());
            else future.complete(r);
        }
    }

    private void rollbackQuietly() {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
