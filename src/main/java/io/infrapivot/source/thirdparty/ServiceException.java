package io.infrapivot.source.thirdparty;

/**
 * A service answered, but not with data: an invalid key, a spent quota, a malformed body, an error
 * written into a 200 answer. Parsers throw it so that such answers are never taken for "no results".
 * Messages never contain keys (they are built from the service's text, escaped and shortened).
 */
public final class ServiceException extends Exception {
    /** What kind of refusal it was. */
    public enum Kind {
        /** The key is missing, wrong or not allowed this call. */
        AUTH("invalid or unauthorised key"),
        /** Quota or rate limit spent. */
        QUOTA("quota exceeded"),
        /** The service says the query is malformed. */
        BAD_QUERY("query refused"),
        /** The body is not what the service documents (HTML, truncated JSON, garbage). */
        MALFORMED("malformed answer"),
        /** The service reports an internal failure. */
        SERVER("service error"),
        /** Not asked: our own rate limit or request budget held the request back (what came before stands). */
        HELD("held back");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String detail;

    public ServiceException(Kind kind, String detail) {
        super(kind.label() + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.kind = kind;
        this.detail = detail == null ? "" : detail;
    }

    public ServiceException(Kind kind, String detail, Throwable cause) {
        this(kind, detail);
        initCause(cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The message without the kind's label. */
    public String detail() {
        return detail;
    }
}
