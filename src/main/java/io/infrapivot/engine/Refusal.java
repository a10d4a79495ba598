package io.infrapivot.engine;

/**
 * Why the engine did not ask a source: a typed cause with behaviour, never a message to parse. A refused
 * lookup's {@link SourceOutcome} is {@code SKIPPED}, carries the refusal and a human message.
 */
public enum Refusal {
    /** Turned off in the config file. */
    DISABLED("disabled", false, false, false),
    /** {@code --offline}: the source needs the network. */
    OFFLINE("offline", false, false, false),
    /** An active source (it touches the target's own servers) without {@code --active}. */
    ACTIVE_NOT_ALLOWED("active-not-allowed", false, false, false),
    /** The source lacks a setting (an API key ...). */
    NOT_READY("not-ready", false, false, false),
    /** The session's deadline passed: no new request. */
    TIME_BUDGET("time-budget", true, true, true),
    /** The session's request budget for this source is spent. */
    REQUEST_BUDGET("request-budget", false, true, true),
    /** The source's rate limit had no permit within the lookup's time. */
    RATE_LIMITED("rate-limited", false, false, true),
    /** The source's circuit breaker is open after consecutive errors. */
    BREAKER_OPEN("breaker-open", false, false, true),
    /** The session was cancelled. */
    CANCELLED("cancelled", true, true, true);

    private final String id;
    private final boolean stopsPivot;
    private final boolean sessionOwn;
    private final boolean retryable;

    Refusal(String id, boolean stopsPivot, boolean sessionOwn, boolean retryable) {
        this.id = id;
        this.stopsPivot = stopsPivot;
        this.sessionOwn = sessionOwn;
        this.retryable = retryable;
    }

    /** A stable lower-case id for JSON and logs. */
    public String id() {
        return id;
    }

    /** Whether a pivot stops expanding (no later lookup of the session can go): the deadline or a cancel. */
    public boolean stopsPivot() {
        return stopsPivot;
    }

    /**
     * Whether the refusal belongs to one session (its budget, its cancel), not to the source: another session
     * waiting on the same coalesced lookup asks the source itself instead of taking this answer.
     */
    public boolean sessionOwn() {
        return sessionOwn;
    }

    /** Whether the same lookup may well go through later (a budget, a limit, a breaker); not a setting. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether a budget of the session was reached (time or requests). */
    public boolean isBudget() {
        return this == TIME_BUDGET || this == REQUEST_BUDGET;
    }
}
