package io.infrapivot.engine;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SharedResources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The chain's end: asks the source. An exception from it becomes an error outcome (logged with the exception
 * attached, secrets taken out); an answer that breaks the source's contract (an undeclared relation) too.
 */
final class SourceStep implements Step {
    private final IndicatorParser parser;
    private final Clock clock;
    private final CaseView caseView;
    private final SharedResources shared;

    SourceStep(IndicatorParser parser, Clock clock, CaseView caseView, SharedResources shared) {
        this.parser = parser;
        this.clock = clock;
        this.caseView = caseView;
        this.shared = shared;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        LookupContext ctx = new LookupContext(call.settings, call.timeout, clock, parser, caseView, call.options,
                call.gate, shared);
        long t0 = System.nanoTime();
        LookupResult r;
        try {
            r = call.source.lookup(call.indicator, ctx);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
            Redaction secrets = Redaction.of(call.source, call.settings);
            String msg = secrets.apply(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            System.getLogger("io.infrapivot.source." + call.sourceId()).log(System.Logger.Level.WARNING,
                    call.sourceId() + " failed on " + call.indicator.key() + ": " + msg, secrets.apply(e));
            r = LookupResult.error("failed: " + msg, List.of());
        }
        r = checked(call, r);
        call.result = r;
        return SourceOutcome.answered(call.indicator, call.info(), r, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Guards the engine against a source that breaks its contract. */
    static LookupResult checked(LookupCall call, LookupResult r) {
        if (r == null) return LookupResult.error("source returned nothing", List.of());
        Set<Relation> allowed = call.info().produces();
        for (Observation o : r.observations()) {
            if (!allowed.contains(o.relation())) {
                System.getLogger("io.infrapivot.source." + call.sourceId()).log(System.Logger.Level.WARNING,
                        call.sourceId() + " produced the undeclared relation " + o.relation().id());
                return LookupResult.error("source produced undeclared relation " + o.relation(), r.evidence());
            }
        }
        return r;
    }
}
