package io.infrapivot.source.http;

import java.io.IOException;
import java.time.Duration;

/**
 * An HTTP exchange that gave no usable answer. {@link #getMessage()} is one clear sentence that names the host
 * but never a key; {@link #partialBody()} keeps what arrived (bounded) for the evidence.
 */
public final class HttpError extends IOException {
    /** What went wrong. */
    public enum Kind {
        /** connect, read or whole-call timeout */
        TIMEOUT,
        /** the answer exceeded the size cap and was cut */
        TOO_LARGE,
        /** 429 (or 503 with Retry-After) longer than the helper may wait */
        RATE_LIMITED,
        /** a status the caller did not accept (after retries for 5xx) */
        STATUS,
        /** an HTML page where JSON was expected (a login wall, an error page, a captive portal) */
        HTML_NOT_JSON,
        /** a redirect to an address the helper does not follow (internal, plain http elsewhere, too many) */
        REDIRECT_REFUSED,
        /** connection refused, reset, DNS failure, TLS failure */
        NETWORK,
        /** a retry that the caller's gate (rate limit, request budget) held back */
        HELD
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final transient byte[] partialBody;

    public HttpError(Kind kind, String message, int status, Duration retryAfter, byte[] partialBody, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.partialBody = partialBody == null ? new byte[0] : partialBody;
    }

    public Kind kind() {
        return kind;
    }

    /** The error's class under the standard table (a service's own table may read a status differently). */
    public io.infrapivot.source.ErrorClass errorClass() {
        return errorClass(ErrorTable.STANDARD);
    }

    /** The error's class, statuses read by {@code table}. */
    public io.infrapivot.source.ErrorClass errorClass(ErrorTable table) {
        return switch (kind) {
            case TIMEOUT -> io.infrapivot.source.ErrorClass.TIMEOUT;
            case TOO_LARGE, HTML_NOT_JSON, REDIRECT_REFUSED -> io.infrapivot.source.ErrorClass.GARBAGE;
            case RATE_LIMITED -> io.infrapivot.source.ErrorClass.RATE_LIMITED;
            case STATUS -> {
                var c = table.ofStatus(status, retryAfter != null);
                yield c == null ? io.infrapivot.source.ErrorClass.SERVER : c;
            }
            case NETWORK -> io.infrapivot.source.ErrorClass.NETWORK;
            case HELD -> io.infrapivot.source.ErrorClass.HELD;
        };
    }

    /** HTTP status, or 0 when none arrived. */
    public int status() {
        return status;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** What arrived before the error (cut at the size cap), possibly empty. */
    public byte[] partialBody() {
        return partialBody.clone();
    }
}
