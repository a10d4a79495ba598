package io.infrapivot.engine;

/** Refuses a source the run may not use: disabled, network under --offline, active without --active, not ready. */
final class SelectionStep implements Step {
    private final Engine engine;

    SelectionStep(Engine engine) {
        this.engine = engine;
    }

    @Override
    public SourceOutcome intercept(Chain chain) throws InterruptedException {
        LookupCall call = chain.call();
        Engine.Skip skip = engine.skip(call.source, call.selection);
        if (skip != null) return call.refuse(skip.refusal(), skip.message());
        return chain.proceed();
    }
}
