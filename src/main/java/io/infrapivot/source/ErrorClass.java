package io.infrapivot.source;

/**
 * Why a lookup (or one request of it) gave no data: the one classification of failures, decided on types — an
 * HTTP status, a service's declared error code, a transport failure — never on a message's text. Each class
 * carries the behaviour that follows from it, so callers ask the class instead of reading a message.
 */
public enum ErrorClass {
    /** The key is missing, wrong or not allowed this call (401, 403, a service's "bad key" code). */
    AUTH("invalid or unauthorised key", false, false, true),
    /** The account's quota or credit is spent (402, a service's "quota" code). */
    QUOTA("quota exceeded", false, true, true),
    /** Too many requests for now (429, 503 with Retry-After); {@code retryAfter} says how long, when known. */
    RATE_LIMITED("rate limited", true, true, true),
    /** The service knows no such object (404 where the service does not mean "nothing known"). */
    NOT_FOUND("not found", false, false, false),
    /** The service refused the query as malformed (400, other 4xx, a service's "invalid query" code). */
    BAD_REQUEST("query refused", false, false, false),
    /** The service failed (5xx, a service's "internal error"). */
    SERVER("service error", true, false, true),
    /**
     * The answer is not what the service documents: HTML instead of JSON, cut, too large, unparsable, a redirect
     * to where the tool does not go.
     */
    GARBAGE("malformed answer", false, false, true),
    /** No answer in time (connect, read or whole-call timeout). */
    TIMEOUT("timed out", true, false, true),
    /** No exchange: connection refused or reset, name not resolved, TLS failure. */
    NETWORK("network error", true, false, true),
    /** Not asked: our own rate limit or request budget held the request back (what came before stands). */
    HELD("held back", false, false, false);

    private final String label;
    private final boolean retryable;
    private final boolean otherKeyMayHelp;
    private final boolean serviceFault;

    ErrorClass(String label, boolean retryable, boolean otherKeyMayHelp, boolean serviceFault) {
        this.label = label;
        this.retryable = retryable;
        this.otherKeyMayHelp = otherKeyMayHelp;
        this.serviceFault = serviceFault;
    }

    /** A few words for messages ("quota exceeded"). */
    public String label() {
        return label;
    }

    /** Whether asking again (after a backoff or the server's Retry-After) may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether another of the user's keys (several may be configured) may succeed where this one failed. */
    public boolean otherKeyMayHelp() {
        return otherKeyMayHelp;
    }

    /**
     * Whether the failure says the source cannot serve now (counted by a circuit breaker): false for a refused
     * query, an unknown object or a request we held back ourselves.
     */
    public boolean serviceFault() {
        return serviceFault;
    }

    /** The id used in JSON and stored rows ({@code rate-limited}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
