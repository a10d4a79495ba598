package io.infrapivot.engine;

import io.infrapivot.source.LookupResult;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives the rest of the chain (the source) the lookup's time and no more: past it, the source is interrupted
 * and the lookup is an error. The call runs on its own virtual thread, which the session can cancel.
 */
final class TimeoutStep implements Step {
    private static final System.Logger LOG = System.getLogger("io.infrapivot.engine");
    private final ExecutorService executor;

    TimeoutStep(ExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        Future<SourceOutcome> f = executor.submit(chain::proceed);
        call.session.track(f);
        try {
            return f.get(call.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            LOG.log(System.Logger.Level.DEBUG, () -> call.sourceId() + " " + call.indicator.key() + " timed out", e);
            call.result = LookupResult.error("timed out after " + Engine.human(call.timeout), List.of());
            return SourceOutcome.answered(call.indicator, call.info(), call.result, call.timeout);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            if (c instanceof InterruptedException ie) throw ie;
            throw new IllegalStateException(c);
        } catch (CancellationException e) {
            throw new InterruptedException("cancelled");
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } finally {
            call.session.untrack(f);
        }
    }
}
