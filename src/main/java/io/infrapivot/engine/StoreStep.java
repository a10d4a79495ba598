package io.infrapivot.engine;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Stores a source's answer in the case (after its slot is given back: it wraps the admission step), once the
 * per-lookup listener heard it. A lookup cut short by our own rate limit or budget keeps its facts but is no
 * cache hit: the next run asks again. A refusal, and a source that stores nothing, pass through.
 */
final class StoreStep implements Step {
    private final CaseStore store;
    private final Clock clock;

    StoreStep(CaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        SourceOutcome o = chain.proceed();
        LookupCall call = chain.call();
        if (o.isRefused() || call.result == null || !call.info().stores()) return o;
        RuntimeException listenerFailed = null;
        try {
            call.hear(o);
        } catch (RuntimeException e) {
            listenerFailed = e; // the answer is stored all the same, then the failure goes on up
        }
        call.session.answered(o);
        Duration ttl = call.heldBack != null ? Duration.ZERO
                : call.settings.find(EngineSettings.TTL).orElse(call.info().defaultTtl());
        LookupRecord rec = store.saveLookup(call.sourceId(), call.indicator, call.params, call.started, clock.instant(),
                call.result, ttl);
        if (listenerFailed != null) throw listenerFailed;
        List<Fact> facts = call.result.observations().isEmpty() ? List.of()
                : store.observationsOfLookup(rec.id()).stream().map(Fact::of).toList();
        SourceOutcome stored = o.withStored(facts, rec.id());
        call.session.publish(new SessionEvent.LookupStored(stored));
        return stored;
    }
}
