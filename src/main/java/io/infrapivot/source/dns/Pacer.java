package io.infrapivot.source.dns;

/** Spaces out events to at most {@code perSecond}, shared by threads (a simple rate limit). */
public final class Pacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public Pacer(double perSecond) {
        if (perSecond <= 0) throw new IllegalArgumentException("rate must be positive");
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    /** Waits for the next slot. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (next < now) next = now;
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
