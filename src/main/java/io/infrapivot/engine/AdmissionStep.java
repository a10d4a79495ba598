package io.infrapivot.engine;

import io.infrapivot.source.Access;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RequestGate;
import io.infrapivot.source.SourceInfo;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;

/**
 * Lets a lookup's first request go, or refuses it with a typed cause: it takes one of the source's slots
 * (held while the source is asked, given back before the answer is stored), then the circuit breaker, the
 * session's budget (deadline, requests per source) and the source's rate limit must agree. Nothing is counted
 * when refused. Each later request of the lookup (a next page) passes the budget and rate limit again
 * through the {@link RequestGate} it hands the source. The breaker hears how the call went.
 */
final class AdmissionStep implements Step {
    private final Engine engine;

    AdmissionStep(Engine engine) {
        this.engine = engine;
    }

    /** A refusal with the words for a person. */
    record No(Refusal refusal, String message) {}

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        if (call.session.isCancelled()) return call.refuse(Refusal.CANCELLED, "cancelled");
        CircuitBreaker breaker = engine.breaker(call.source, call.settings);
        Semaphore slots = engine.slots(call.source, call.settings);
        slots.acquire();
        try {
            String open = breaker.refusal(); // checked once a slot is ours: queued calls see earlier failures
            if (open != null) return call.refuse(Refusal.BREAKER_OPEN, open);
            No no = admit(call, call.timeout);
            if (no != null) {
                breaker.abandonTrial();
                return call.refuse(no.refusal(), no.message());
            }
            long deadline = System.nanoTime() + call.timeout.toNanos();
            call.gate = new Gate(call, deadline);
            call.started = engine.clock().instant();
            call.session.publish(new SessionEvent.LookupStarted(call.indicator, call.sourceId()));
            SourceOutcome o = chain.proceed();
            if (o.outcome() == Outcome.ERROR) breaker.failure(o.message());
            else breaker.success();
            return o;
        } finally {
            slots.release();
        }
    }

    /**
     * One request to the source: the session's budget counts it, then the rate limit gives a permit (waiting at
     * most {@code maxWait}). Null when it may go; else why not, and nothing is counted.
     */
    No admit(LookupCall call, Duration maxWait) throws InterruptedException {
        SourceInfo info = call.info();
        boolean offline = info.access() == Access.OFFLINE;
        No no = offline ? null : call.session.spend(info.id());
        if (no != null) return no;
        no = rateLimitWait(call, maxWait);
        if (no != null && !offline) call.session.refund(info.id()); // counted, but not sent
        return no;
    }

    private No rateLimitWait(LookupCall call, Duration maxWait) throws InterruptedException {
        SourceInfo info = call.info();
        if (info.rateLimit() == null) return null;
        int permits = call.settings.find(EngineSettings.RATE_LIMIT).orElse(info.rateLimit().permits());
        Duration away = engine.rateLimiter(info, permits).acquire(maxWait, wait -> {
            if (wait.toMillis() >= 200) {
                call.session.publish(new SessionEvent.Throttled(info.id(), permits, info.rateLimit().per(), wait));
            }
        });
        SharedRateLimit fleet = engine.sharedRateLimit();
        if (away == null && fleet != null) {
            away = fleet.acquire(info.id(), permits, info.rateLimit().per(), maxWait);
        }
        if (away == null) return null;
        return new No(Refusal.RATE_LIMITED, "rate limit of " + permits + " per " + Engine.human(info.rateLimit().per())
                + " reached; next request possible in " + Engine.human(away.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * One lookup's {@link RequestGate}: its first request was let through before the source was called; each
     * later one passes the budget and the rate limit, within the lookup's time.
     */
    private final class Gate implements RequestGate {
        private final LookupCall call;
        private final long deadline;
        private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        Gate(LookupCall call, long deadline) {
            this.call = call;
            this.deadline = deadline;
        }

        @Override
        public String next() throws InterruptedException {
            if (asked.getAndIncrement() == 0) return null;
            No no = admit(call, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (no == null) return null;
            call.heldBack = no.refusal();
            return no.message();
        }
    }
}
