package io.infrapivot.engine;

import java.util.List;

/**
 * One link of the lookup chain, in the spirit of OkHttp's interceptors: it looks at the call, answers it
 * itself (a cached answer, a typed refusal) or passes it on with {@link Chain#proceed()} and may act on what
 * comes back. The engine's chain is
 * {@code selection → cache → coalesce → store → admission → timeout → source}: the store step wraps admission
 * so that it stores the answer after the source's slot is given back.
 */
interface Step {
    SourceOutcome intercept(Chain chain) throws InterruptedException;

    /** The rest of the chain from one step on. */
    final class Chain {
        private final List<Step> steps;
        private final int index;
        private final LookupCall call;

        Chain(List<Step> steps, int index, LookupCall call) {
            this.steps = steps;
            this.index = index;
            this.call = call;
        }

        static Chain of(List<Step> steps, LookupCall call) {
            return new Chain(List.copyOf(steps), 0, call);
        }

        LookupCall call() {
            return call;
        }

        /** Runs the next step (the chain's end is an error: the last step must answer). */
        SourceOutcome proceed() throws InterruptedException {
            if (index >= steps.size()) throw new IllegalStateException("the chain ended without an answer");
            return steps.get(index).intercept(new Chain(steps, index + 1, call));
        }
    }
}
