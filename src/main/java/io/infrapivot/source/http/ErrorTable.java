package io.infrapivot.source.http;

import io.infrapivot.source.ErrorClass;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table from an HTTP service's answer to an {@link ErrorClass}: the status first, then, for services
 * that explain in their body, the error code (or documented error sentence) they put there. {@link #STANDARD}
 * holds what HTTP says; a service that differs declares it as data on a copy —
 * {@code STANDARD.said("QuotaExceededError", QUOTA).notFoundIsEmpty()} — never as a keyword guess in code.
 * Immutable.
 */
public final class ErrorTable {
    /**
     * 401/403 auth, 402 quota, 429 (and 503 with Retry-After) rate limited, 404 not found, other 4xx bad
     * request, 5xx server error; a body code not declared is a server error.
     */
    public static final ErrorTable STANDARD = new ErrorTable(Map.of(), Map.of(), Map.of(), ErrorClass.SERVER, false);

    private final Map<Integer, ErrorClass> statuses;
    private final Map<String, ErrorClass> said;
    private final Map<String, ErrorClass> prefixes;
    private final ErrorClass otherwise;
    private final boolean notFoundIsEmpty;

    private ErrorTable(Map<Integer, ErrorClass> statuses, Map<String, ErrorClass> said,
                       Map<String, ErrorClass> prefixes, ErrorClass otherwise, boolean notFoundIsEmpty) {
        this.statuses = Map.copyOf(statuses);
        this.said = Map.copyOf(said);
        this.prefixes = Map.copyOf(prefixes);
        this.otherwise = otherwise;
        this.notFoundIsEmpty = notFoundIsEmpty;
    }

    /** This table with {@code status} meaning {@code errorClass} (a service that answers 403 for a spent quota). */
    public ErrorTable status(int status, ErrorClass errorClass) {
        Map<Integer, ErrorClass> m = new TreeMap<>(statuses);
        m.put(status, errorClass);
        return new ErrorTable(m, said, prefixes, otherwise, notFoundIsEmpty);
    }

    /**
     * This table with the service's error code {@code code} (or a documented error sentence, compared without case
     * and trailing punctuation) meaning {@code errorClass}.
     */
    public ErrorTable said(String code, ErrorClass errorClass) {
        Map<String, ErrorClass> m = new TreeMap<>(said);
        m.put(normal(code), errorClass);
        return new ErrorTable(statuses, m, prefixes, otherwise, notFoundIsEmpty);
    }

    /**
     * This table with a documented message that starts with {@code prefix} (compared without case) and goes on with
     * variable text ("No DNS A records found for 192.0.2.1") meaning {@code errorClass}.
     */
    public ErrorTable saidStarting(String prefix, ErrorClass errorClass) {
        Map<String, ErrorClass> m = new TreeMap<>(prefixes);
        m.put(normal(prefix), errorClass);
        return new ErrorTable(statuses, said, m, otherwise, notFoundIsEmpty);
    }

    /** This table with a body error the service did not declare meaning {@code errorClass}. */
    public ErrorTable otherwise(ErrorClass errorClass) {
        return new ErrorTable(statuses, said, prefixes, errorClass, notFoundIsEmpty);
    }

    /** This table for a service whose 404 means "nothing known about it" (an empty result, not an error). */
    public ErrorTable notFoundIsEmpty() {
        return new ErrorTable(statuses, said, prefixes, otherwise, true);
    }

    /** Whether a 404 is an empty answer. */
    public boolean emptyOnNotFound() {
        return notFoundIsEmpty;
    }

    /** The class of an HTTP status, or null for 1xx-3xx (not an error). */
    public ErrorClass ofStatus(int status, boolean retryAfterGiven) {
        ErrorClass declared = statuses.get(status);
        if (declared != null) return declared;
        if (status < 400) return null;
        return switch (status) {
            case 401, 403 -> ErrorClass.AUTH;
            case 402 -> ErrorClass.QUOTA;
            case 404, 410 -> ErrorClass.NOT_FOUND;
            case 408 -> ErrorClass.TIMEOUT;
            case 429 -> ErrorClass.RATE_LIMITED;
            case 503 -> retryAfterGiven ? ErrorClass.RATE_LIMITED : ErrorClass.SERVER;
            default -> status < 500 ? ErrorClass.BAD_REQUEST : ErrorClass.SERVER;
        };
    }

    /** The class of an HTTP status given without Retry-After. */
    public ErrorClass ofStatus(int status) {
        return ofStatus(status, false);
    }

    /** The class of an error code or sentence the service wrote in its body ({@link #otherwise} when undeclared). */
    public ErrorClass ofCode(String code) {
        ErrorClass c = declared(code);
        return c != null ? c : otherwise;
    }

    private ErrorClass declared(String code) {
        if (code == null) return null;
        String n = normal(code);
        ErrorClass c = said.get(n);
        if (c != null) return c;
        for (Map.Entry<String, ErrorClass> p : prefixes.entrySet()) {
            if (n.startsWith(p.getKey())) return p.getValue();
        }
        return null;
    }

    /** The class of a numeric code in a body: a declared code first, else read as an HTTP status. */
    public ErrorClass ofNumber(long code) {
        ErrorClass c = said.get(Long.toString(code));
        if (c != null) return c;
        ErrorClass s = code >= 100 && code < 600 ? ofStatus((int) code) : null;
        return s != null ? s : otherwise;
    }

    /**
     * The class of a body that carries a code or sentence and/or a number: a declared code first, then the number
     * (a declared one, else as an HTTP status), else {@link #otherwise}.
     */
    public ErrorClass of(String code, Long number) {
        ErrorClass c = declared(code);
        if (c != null) return c;
        return number != null ? ofNumber(number) : otherwise;
    }

    /** Whether {@code code} is one the table declares. */
    public boolean declares(String code) {
        return declared(code) != null;
    }

    private static String normal(String code) {
        String s = code.strip().toLowerCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && ".!;:".indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(0, end).strip();
    }
}
