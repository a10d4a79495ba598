package io.infrapivot.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a source that keeps failing: after {@code threshold} consecutive errors it opens for
 * {@code cooldown}; then one trial call is let through (half-open), whose success closes it again.
 */
final class CircuitBreaker {
    private final int threshold;
    private final Duration cooldown;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private String lastError;
    private boolean trialRunning;

    CircuitBreaker(int threshold, Duration cooldown, Clock clock) {
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** Null when a call may go ahead; else why not. */
    synchronized String refusal() {
        if (openUntil == null) return null;
        if (clock.instant().isBefore(openUntil) || trialRunning) {
            return "circuit open after " + failures + " consecutive errors (last: " + lastError + ")";
        }
        trialRunning = true; // half-open: one trial call
        return null;
    }

    /** The trial call let through by {@link #refusal()} did not go after all (refused by a budget). */
    synchronized void abandonTrial() {
        trialRunning = false;
    }

    synchronized void success() {
        failures = 0;
        openUntil = null;
        trialRunning = false;
    }

    synchronized void failure(String message) {
        failures++;
        lastError = message;
        trialRunning = false;
        if (failures >= threshold) openUntil = clock.instant().plus(cooldown);
    }
}
