package io.infrapivot.engine;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Answers from the case's lookup log while the source's last answer is fresh (unless the run refreshes). */
final class CacheStep implements Step {
    private final CaseStore store;
    private final Clock clock;

    CacheStep(CaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        if (!call.info().stores() || call.refresh) return chain.proceed();
        Optional<LookupRecord> fresh = store.freshLookup(call.sourceId(), call.indicator, call.params, clock.instant());
        if (fresh.isEmpty()) return chain.proceed();
        LookupRecord rec = fresh.get();
        List<Fact> facts = store.observationsOfLookup(rec.id()).stream().map(Fact::of).toList();
        return SourceOutcome.cached(call.indicator, call.info(), rec, facts);
    }
}
