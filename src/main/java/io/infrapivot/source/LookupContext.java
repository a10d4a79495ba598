package io.infrapivot.source;

import io.infrapivot.model.IndicatorParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the engine hands a source for one lookup.
 *
 * @param settings this source's settings (keys, base URL, ...)
 * @param timeout  the time the lookup may take in all; the engine interrupts it after that
 * @param clock    the clock to stamp observations with
 * @param parser   the indicator parser (sources build every indicator through it)
 * @param caseView what the case already knows
 * @param options  run-wide options (resolvers, date window, caps)
 * @param gate     asked before each request (rate limit and request budget per request)
 * @param shared   what the engine's sources share across lookups (resolvers and their caches)
 */
public record LookupContext(SourceSettings settings, Duration timeout, Clock clock, IndicatorParser parser,
                            CaseView caseView, RunOptions options, RequestGate gate, SharedResources shared) {
    /** A context with resources of its own (a source called outside the engine, as in tests). */
    public LookupContext(SourceSettings settings, Duration timeout, Clock clock, IndicatorParser parser,
                         CaseView caseView, RunOptions options, RequestGate gate) {
        this(settings, timeout, clock, parser, caseView, options, gate, new SharedResources());
    }

    /** A context whose requests are not counted (a source called outside the engine, as in tests). */
    public LookupContext(SourceSettings settings, Duration timeout, Clock clock, IndicatorParser parser,
                         CaseView caseView, RunOptions options) {
        this(settings, timeout, clock, parser, caseView, options, RequestGate.OPEN);
    }

    public Instant now() {
        return clock.instant();
    }
}
