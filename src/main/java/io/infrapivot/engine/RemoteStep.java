package io.infrapivot.engine;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The chain's end of an engine whose lookups run elsewhere ({@link RemoteLookups}): hands the lookup over, waits,
 * and answers with the lookup the other side stored in the shared case (its facts with their store ids), as the
 * store step would have. A refusal over there is the same typed refusal here.
 */
final class RemoteStep implements Step {
    private final CaseStore store;
    private final Clock clock;
    private final RemoteLookups remote;

    RemoteStep(CaseStore store, Clock clock, RemoteLookups remote) {
        this.store = store;
        this.clock = clock;
        this.remote = remote;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        // the session's deadline (--time-budget): nothing new is handed over after it, as none is asked here
        java.time.Instant deadline = call.session.deadline();
        if (deadline != null && !clock.instant().isBefore(deadline)) {
            return call.refuse(Refusal.TIME_BUDGET, "time budget reached");
        }
        call.session.publish(new SessionEvent.LookupStarted(call.indicator, call.sourceId()));
        RemoteLookups.Done done = remote.run(call.sourceId(), call.indicator, call.options, call.refresh,
                call.session::isCancelled);
        if (done == null) return call.refuse(Refusal.CANCELLED, "cancelled");
        if (done.refusal() != null) return call.refuse(done.refusal(), done.message());
        Optional<LookupRecord> rec = done.lookupId() != null
                ? store.lookupsAbout(call.indicator).stream().filter(l -> l.id() == done.lookupId()).findFirst()
                // answered from the case over there: the fresh row it answered with
                : store.freshLookup(call.sourceId(), call.indicator, call.params, clock.instant())
                        .or(() -> store.lookupsAbout(call.indicator).stream()
                                .filter(l -> l.source().equals(call.sourceId())).findFirst());
        if (rec.isEmpty()) return call.refuse(Refusal.NOT_READY, "the worker stored no lookup");
        List<Fact> facts = store.observationsOfLookup(rec.get().id()).stream().map(Fact::of).toList();
        SourceOutcome o = SourceOutcome.remote(call.indicator, call.info(), rec.get(), facts);
        call.session.publish(new SessionEvent.LookupStored(o));
        return o;
    }
}
