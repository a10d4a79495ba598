package io.infrapivot.source.whois;

import io.infrapivot.source.registration.RegistrationStatus;
import java.util.List;
import java.util.Locale;

/**
 * Recognises the answers that carry no registration data: rate limits (→ throttled), "not found" (→ available)
 * and reserved names (→ reserved), in the wording of the registries in the server table.
 */
public final class AnswerClass {
    /** Rate-limit and refusal wording. */
    static final List<String> THROTTLED = List.of("limit exceeded", "quota exceeded", "query rate limit",
            "rate limit", "exceeded the maximum", "too many queries", "too many requests", "queries exceeded",
            "query limit", "maximum number of queries", "number of allowed queries", "exceeded allowed",
            "%error:201: access denied", "connection refused; access control", "please try again later",
            "you have exceeded", "request limit", "temporarily blocked", "quota", "exceeded the limit",
            "excessive querying", "maximum number of requests", "slow down", "limit reached",
            "too many connections", "request denied", "temporarily denied", "max queries", "queries per",
            "query_status: 440", "try again in", "exceeded the max", "too frequent", "too often",
            "rate is too high", "ip address blocked", "has been blocked", "blacklisted", "are not permitted",
            "not permitted to query", "query refused", "queries is limited", "per hour exceeded",
            "access denied", "permission denied", "not authorised", "not authorized", "unauthorized",
            "unauthorised", "access is restricted", "access restricted", "connection refused", "been refused",
            "denied access", "been banned", "is banned", "rate-limit", "ratelimit", "rate limited", "throttl",
            "exceeded");
    /**
     * A server's own failure or an answer that is no WHOIS text at all (an HTML error page, a timeout notice): not
     * data and never "not found", whatever else it says ("Service unavailable, no match could be performed").
     */
    static final List<String> FAILED = List.of("internal error", "server error", "system error", "database error",
            "an error occurred", "error occurred", "service unavailable", "temporarily unavailable",
            "server unavailable", "server is unavailable", "database unavailable", "database is unavailable",
            "service is unavailable", "whois unavailable", "under maintenance", "maintenance mode",
            "scheduled maintenance", "timed out", "timeout", "<html", "<!doctype", "<body", "unable to process",
            "cannot process", "could not be processed", "no whois server", "whois server not found",
            "backend failure", "upstream", "unexpected error", "general failure", "not currently available",
            "service not available", "try later");
    /** "No such object" wording, one entry per registry family. */
    static final List<String> NOT_FOUND = List.of("no match for", "no match!!", "not found", "no entries found",
            "no data found", "no matching record", "no object found", "object does not exist",
            "status: free", " is free", "status: available",
            "no such domain", "domain is available", "is available for registration", "%error:101",
            "the queried object does not exist", "no information available", "does not exist in database",
            "not registered", "nothing found", "no match", "do not have an entry", "no entry found",
            "not been registered", "no found", "220 available", "object_not_found", "no data was found",
            "no se encuentra registrado", "dominio disponible", "is available for", "is not registered",
            "domain not exist", "no records found", "no record found", "status: not registered", ": no existe",
            "no se encontr", "no existe el dominio", "no such object", "domain unknown", "unknown domain",
            "does not exist", "no records matching", "has no matches", "object not found", "domain status: free",
            "domain status: available", "domain status: no object found", "is not registered");
    /** Reserved / blocked wording. */
    static final List<String> RESERVED = List.of("status: reserved", "reserved by the registry",
            "reserved name", "is reserved", "reserved domain", "this name is reserved", "registry reserved",
            "status: blocked", "prohibited string", "status: unassignable", "reserved for",
            "status: excluded", "is a restricted", "restricted domain", "status: withheld", "status: prohibited");
    /** The registry refuses the name itself (its syntax or its policy). */
    static final List<String> INVALID = List.of("invalid domain", "invalid query", "invalid input", "invalid request",
            "invalid name", "is not a valid", "not a valid domain", "status: invalid", "status: not allowed",
            "domain name not allowed", "name is not allowed", "is not allowed", "malformed", "syntax error",
            "wrong top level domain", "unsupported tld", "tld is not supported", "bad request", "incorrect domain",
            "contravenes", "not a legal", "invalid characters", "cannot be registered because",
            "status: forbidden", "domain name is forbidden");

    private AnswerClass() {}

    /**
     * The status an answer without registration data has, or null when the text reads like data.
     *
     * @param text    the answer
     * @param hasData whether a parser found registration data in it (then only a rate-limit short answer counts)
     */
    public static RegistrationStatus classify(String text, boolean hasData) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[ \t]+", " ");
        if (!hasData && containsAny(t, THROTTLED)) return RegistrationStatus.THROTTLED;
        if (hasData) return null;
        if (containsAny(t, FAILED) || garbled(text)) return RegistrationStatus.UNKNOWN;
        if (containsAny(t, RESERVED)) return RegistrationStatus.RESERVED;
        if (containsAny(t, INVALID)) return RegistrationStatus.INVALID;
        if (containsAny(t, NOT_FOUND)) return RegistrationStatus.AVAILABLE;
        return null;
    }

    /**
     * Whether the text is not readable WHOIS: more than one character in twenty a control character or the
     * replacement character (binary, a wrong charset, a cut multi-byte stream).
     */
    static boolean garbled(String text) {
        int bad = 0;
        int n = Math.min(text.length(), 65_536);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD' || c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') bad++;
        }
        return n > 0 && bad * 20 > n;
    }

    /** Whether the text is a rate-limit answer. */
    public static boolean isThrottled(String text) {
        return containsAny(text.toLowerCase(Locale.ROOT), THROTTLED);
    }

    private static boolean containsAny(String t, List<String> words) {
        for (String w : words) if (t.contains(w)) return true;
        return false;
    }
}
