package io.infrapivot.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Asks a source once for identical lookups under way at the same time, from any session: a second asker
 * waits for the first's answer. A refusal that belongs to the first asker's session (its budget, its cancel)
 * or a failure is not passed on: the second asker then asks for itself, under its own session.
 */
final class CoalesceStep implements Step {
    private final Map<String, CompletableFuture<SourceOutcome>> inflight = new ConcurrentHashMap<>();

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        String key = call.sourceId() + "|" + call.indicator.key() + "|" + call.refresh + "|" + call.selection.active()
                + "|" + call.selection.offline() + "|" + call.params;
        CompletableFuture<SourceOutcome> mine = new CompletableFuture<>();
        CompletableFuture<SourceOutcome> first = inflight.putIfAbsent(key, mine);
        if (first != null) {
            try {
                SourceOutcome o = first.get();
                if (o.refusal() == null || !o.refusal().sessionOwn()) return o.asCoalesced();
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                // the first ask failed or was cancelled: ask ourselves
            }
            return chain.proceed();
        }
        try {
            SourceOutcome o = chain.proceed();
            mine.complete(o);
            return o;
        } catch (InterruptedException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    /** Lookups under way (for tests). */
    int inflight() {
        return inflight.size();
    }
}
