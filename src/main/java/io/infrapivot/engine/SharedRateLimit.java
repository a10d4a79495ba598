package io.infrapivot.engine;

import java.time.Duration;

/**
 * A source's rate limit held together with other processes (the team's workers): asked by the admission step
 * for every request of a lookup — its first and each later page or retry (through the lookup's
 * {@link io.infrapivot.source.RequestGate}) — after this process's own limiter let it go.
 */
public interface SharedRateLimit {
    /**
     * Takes one of {@code permits} per {@code per} for {@code source}, waiting at most {@code maxWait}; null when
     * taken, else how long until one would be free (nothing taken).
     */
    Duration acquire(String source, int permits, Duration per, Duration maxWait) throws InterruptedException;
}
