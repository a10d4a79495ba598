package io.infrapivot.engine;

import java.time.Duration;

/** A token bucket: at most {@code permits} acquisitions per {@code period}, blocking (interruptibly) when empty. */
final class RateLimiter {
    private final int permits;
    private final long periodNanos;
    private double tokens;
    private long last;

    RateLimiter(int permits, Duration period) {
        if (permits < 1) throw new IllegalArgumentException("permits must be at least 1");
        this.permits = permits;
        this.periodNanos = Math.max(1, period.toNanos());
        this.tokens = permits;
        this.last = System.nanoTime();
    }

    /**
     * Takes a permit, waiting at most {@code maxWait}; returns null when taken, else how long the next
     * permit is away (nothing is taken then).
     */
    Duration acquire(Duration maxWait) throws InterruptedException {
        return acquire(maxWait, null);
    }

    /** As {@link #acquire(Duration)}; {@code onWait} hears how long, the first time it has to wait (may be null). */
    Duration acquire(Duration maxWait, java.util.function.Consumer<Duration> onWait) throws InterruptedException {
        boolean told = false;
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(permits, tokens + (now - last) * (double) permits / periodNanos);
                last = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return null;
                }
                waitNanos = (long) ((1 - tokens) * periodNanos / permits);
                if (waitNanos > maxWait.toNanos()) return Duration.ofNanos(waitNanos);
            }
            if (!told && onWait != null) {
                told = true;
                onWait.accept(Duration.ofNanos(waitNanos));
            }
            Thread.sleep(Duration.ofNanos(Math.max(waitNanos, 1_000_000)));
        }
    }

}
