package io.infrapivot.engine;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * How one source did for one indicator in a run.
 *
 * @param cached   answered from the case's lookup log within the source's TTL (no request made)
 * @param lookupId the lookup log row, or null when nothing was stored
 */
public record SourceOutcome(Indicator indicator, String source, Access access, Outcome outcome, String message,
                            boolean cached, Duration elapsed, Long total, List<Fact> facts, Long lookupId) {
    public SourceOutcome {
        facts = List.copyOf(facts);
    }
}
