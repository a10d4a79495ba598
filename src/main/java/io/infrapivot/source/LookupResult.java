package io.infrapivot.source;

import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import java.util.List;

/**
 * What one lookup returned.
 *
 * @param outcome      ok, empty, truncated (a page of a larger answer), error or skipped
 * @param observations the facts found (each may point at one of {@code evidence})
 * @param evidence     every raw answer received, including error answers
 * @param message      the reason for error/skipped, a remark otherwise (null when none); for display only —
 *                     decisions read {@code errorClass}
 * @param total        for truncated or reverse lookups: how many results the service says exist, or null
 * @param errorClass   why an error (or a lookup cut short) happened, typed; null when there was none or the
 *                     source does not classify it
 */
public record LookupResult(Outcome outcome, List<Observation> observations, List<RawAnswer> evidence, String message,
                           Long total, ErrorClass errorClass) {
    public LookupResult {
        observations = List.copyOf(observations);
        evidence = List.copyOf(evidence);
    }

    /** A result without an error class. */
    public LookupResult(Outcome outcome, List<Observation> observations, List<RawAnswer> evidence, String message,
                        Long total) {
        this(outcome, observations, evidence, message, total, null);
    }

    public static LookupResult of(List<Observation> observations, List<RawAnswer> evidence) {
        return new LookupResult(observations.isEmpty() ? Outcome.EMPTY : Outcome.OK, observations, evidence, null,
                null);
    }

    public static LookupResult error(String message, List<RawAnswer> evidence) {
        return new LookupResult(Outcome.ERROR, List.of(), evidence, message, null);
    }

    /** An error of a known class. */
    public static LookupResult error(ErrorClass errorClass, String message, List<RawAnswer> evidence) {
        return new LookupResult(Outcome.ERROR, List.of(), evidence, message, null, errorClass);
    }

    public static LookupResult skipped(String message) {
        return new LookupResult(Outcome.SKIPPED, List.of(), List.of(), message, null);
    }

    public static LookupResult truncated(List<Observation> observations, List<RawAnswer> evidence, long total,
                                         String message) {
        return new LookupResult(Outcome.TRUNCATED, observations, evidence, message, total);
    }
}
