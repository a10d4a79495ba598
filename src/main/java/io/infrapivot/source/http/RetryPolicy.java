package io.infrapivot.source.http;

import io.infrapivot.source.ErrorClass;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of HTTP requests: whether and when to ask again after a failure of a given
 * {@link ErrorClass}. Only {@link ErrorClass#retryable()} classes are retried, at most {@code maxRetries} times;
 * the server's Retry-After is honoured when it is no longer than {@code maxRetryAfter} (a longer one ends the
 * lookup as rate limited); otherwise exponential backoff from {@code backoff} with as much again of random
 * jitter. Every retry is a request: the caller's gate (rate limit, request budget) is asked before it.
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxRetryAfter) {
    /** Never retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("retries must not be negative");
    }

    /**
     * How long to wait before attempt {@code attempt + 1} after {@code failure}, or null to stop.
     *
     * @param attempt    the attempt that failed, from 0
     * @param retryAfter the server's Retry-After, or null
     */
    public Duration next(ErrorClass failure, int attempt, Duration retryAfter) {
        if (failure == null || !failure.retryable() || attempt >= maxRetries) return null;
        if (retryAfter != null) return retryAfter.compareTo(maxRetryAfter) > 0 ? null : retryAfter;
        long base = backoff.toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base + 1));
    }
}
