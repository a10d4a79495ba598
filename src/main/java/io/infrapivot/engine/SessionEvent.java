package io.infrapivot.engine;

import io.infrapivot.model.Indicator;
import java.util.List;

/**
 * What a {@link LookupSession} tells its listeners, as it happens: a typed stream that a CLI progress line,
 * a web page's live view or a worker's heartbeat subscribe to with {@link LookupSession#subscribe}.
 * Listeners are called from lookup threads, concurrently: they must be quick and thread-safe.
 */
public sealed interface SessionEvent {
    /** A lookup was queued: the session will run it (or refuse it). */
    record LookupQueued(Indicator indicator, String source) implements SessionEvent {}

    /** A request to the source is about to go (admitted: budget, rate limit and breaker passed). */
    record LookupStarted(Indicator indicator, String source) implements SessionEvent {}

    /** The source answered (or the case's cache did); facts have no store ids yet unless cached. */
    record LookupAnswered(SourceOutcome outcome) implements SessionEvent {}

    /** The answer is stored in the case; its facts carry their ids. */
    record LookupStored(SourceOutcome outcome) implements SessionEvent {}

    /** The engine did not ask the source: {@code outcome.refusal()} says why. */
    record LookupRefused(SourceOutcome outcome) implements SessionEvent {}

    /** An answer held facts. */
    record FactsFound(Indicator indicator, String source, List<Fact> facts) implements SessionEvent {
        public FactsFound {
            facts = List.copyOf(facts);
        }
    }

    /** A pivot scheduled an indicator's lookups at {@code hop}: {@code frontier} indicators pending, {@code nodes} known. */
    record HopProgress(int hop, int frontier, int nodes) implements SessionEvent {}

    /** A source's rate limit holds a lookup back for a while (a progress line names it). */
    record Throttled(String source, int permits, java.time.Duration per, java.time.Duration delay)
            implements SessionEvent {}
}
