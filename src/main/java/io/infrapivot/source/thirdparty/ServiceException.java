package io.infrapivot.source.thirdparty;

import io.infrapivot.source.ErrorClass;
import java.time.Duration;

/**
 * A service answered, but not with data: an invalid key, a spent quota, a malformed body, an error
 * written into a 200 answer. Parsers throw it so that such answers are never taken for "no results".
 * Its class is typed ({@link ErrorClass}, from the service's {@link io.infrapivot.source.http.ErrorTable});
 * the message is for people only. Messages never contain keys (they are built from the service's text,
 * escaped and shortened, and redacted again by {@link ServiceCall}).
 */
public final class ServiceException extends Exception {
    private final ErrorClass errorClass;
    private final String detail;
    private final Duration retryAfter;

    public ServiceException(ErrorClass errorClass, String detail) {
        this(errorClass, detail, null, null);
    }

    public ServiceException(ErrorClass errorClass, String detail, Throwable cause) {
        this(errorClass, detail, null, cause);
    }

    public ServiceException(ErrorClass errorClass, String detail, Duration retryAfter, Throwable cause) {
        super(errorClass.label() + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
        this.errorClass = errorClass;
        this.detail = detail == null ? "" : detail;
        this.retryAfter = retryAfter;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The message without the class's label. */
    public String detail() {
        return detail;
    }

    /** The service's Retry-After for {@link ErrorClass#RATE_LIMITED}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
