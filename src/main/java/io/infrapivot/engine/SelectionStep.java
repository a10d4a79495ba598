package io.infrapivot.engine;

/** Refuses a source the run may not use: disabled, network under --offline, active without --active, not ready. */
final class SelectionStep implements Step {
    private final Engine engine;
    /** Lookups made by the workers: whether a source is ready (its key, its data) is theirs to say. */
    private final boolean remote;

    SelectionStep(Engine engine) {
        this(engine, false);
    }

    SelectionStep(Engine engine, boolean remote) {
        this.engine = engine;
        this.remote = remote;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        Engine.Skip skip = engine.skip(call.source, call.selection);
        if (skip != null && !(remote && skip.refusal() == Refusal.NOT_READY)) {
            return call.refuse(skip.refusal(), skip.message());
        }
        return chain.proceed();
    }
}
