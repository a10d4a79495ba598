package io.infrapivot.engine;

import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.SourceInfo;
import java.time.Duration;
import java.util.List;

/**
 * How one source did for one indicator in a run. Built by the static factories ({@link #refused},
 * {@link #answered}, {@link #cached}) and changed by the {@code with...} methods, never positionally.
 *
 * @param cached   answered from the case's lookup log within the source's TTL (no request made)
 * @param lookupId the lookup log row, or null when nothing was stored
 * @param refusal  why the engine did not ask the source (the outcome is then {@code SKIPPED}), else null
 */
public record SourceOutcome(Indicator indicator, String source, Access access, Outcome outcome, String message,
                            boolean cached, Duration elapsed, Long total, List<Fact> facts, Long lookupId,
                            Refusal refusal) {
    public SourceOutcome {
        facts = List.copyOf(facts);
        if (refusal != null && outcome != Outcome.SKIPPED) {
            throw new IllegalArgumentException("a refused lookup is skipped");
        }
    }

    /** The engine did not ask the source, for a typed reason; {@code message} says it to a person. */
    public static SourceOutcome refused(Indicator indicator, SourceInfo info, Refusal refusal, String message) {
        return new SourceOutcome(indicator, info.id(), info.access(), Outcome.SKIPPED, message, false, Duration.ZERO,
                null, List.of(), null, refusal);
    }

    /** The source answered; its facts carry no store ids yet. */
    public static SourceOutcome answered(Indicator indicator, SourceInfo info, LookupResult result, Duration elapsed) {
        return new SourceOutcome(indicator, info.id(), info.access(), result.outcome(), result.message(), false,
                elapsed, result.total(), result.observations().stream().map(Fact::of).toList(), null, null);
    }

    /** Answered from the case's lookup log. */
    public static SourceOutcome cached(Indicator indicator, SourceInfo info, LookupRecord record, List<Fact> facts) {
        return new SourceOutcome(indicator, info.id(), info.access(), record.outcome(), record.message(), true,
                Duration.ZERO, record.total(), facts, record.id(), null);
    }

    /** Made elsewhere (a worker) and read back from the shared case's lookup log: not a cache hit here. */
    public static SourceOutcome remote(Indicator indicator, SourceInfo info, LookupRecord record, List<Fact> facts) {
        return new SourceOutcome(indicator, info.id(), info.access(), record.outcome(), record.message(), false,
                Duration.ZERO, record.total(), facts, record.id(), null);
    }

    /** A lookup stored without a chain (bulk resolution): its facts without ids, its lookup log row. */
    public static SourceOutcome stored(Indicator indicator, String source, Access access, LookupResult result,
                                       long lookupId) {
        return new SourceOutcome(indicator, source, access, result.outcome(), result.message(), false, Duration.ZERO,
                result.total(), result.observations().stream().map(Fact::of).toList(), lookupId, null);
    }

    /** This outcome once stored: its facts with their store ids, and the lookup log row. */
    public SourceOutcome withStored(List<Fact> storedFacts, long lookupId) {
        return new SourceOutcome(indicator, source, access, outcome, message, cached, elapsed, total, storedFacts,
                lookupId, refusal);
    }

    /** This outcome as heard by a second asker of the same lookup: no time spent, cached unless skipped. */
    public SourceOutcome asCoalesced() {
        return new SourceOutcome(indicator, source, access, outcome, message, outcome != Outcome.SKIPPED,
                Duration.ZERO, total, facts, lookupId, refusal);
    }

    /** Whether this is what the case already knew (the offline {@code case} source): shown, not stored again. */
    public boolean fromCase() {
        return source.equals(io.infrapivot.source.casedata.CaseSource.ID);
    }

    /** Whether the engine refused to ask the source. */
    public boolean isRefused() {
        return refusal != null;
    }
}
