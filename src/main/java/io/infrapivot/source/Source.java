package io.infrapivot.source;

import io.infrapivot.model.Indicator;

/**
 * One data source. It turns one indicator into observations and nothing else: no printing, no storing.
 * Implementations must be thread-safe: the engine calls {@link #lookup} concurrently (up to
 * {@link SourceInfo#concurrency()}), on virtual threads, and interrupts it on timeout or Ctrl-C.
 */
public interface Source {
    SourceInfo info();

    /**
     * Whether it can run with these settings (required ones present, every given one of its type). Must not touch
     * the network.
     */
    default Readiness readiness(SourceSettings settings) {
        for (SourceInfo.Setting<?> s : info().settings()) {
            if (s.required() && !settings.isSet(s)) {
                return Readiness.needs(settings, s.name());
            }
            try {
                settings.find(s);
            } catch (IllegalArgumentException e) {
                return Readiness.notReady(e.getMessage());
            }
        }
        return Readiness.ready();
    }

    /**
     * What of the run's options its answer depends on, as a short text: the engine keeps (and coalesces) its
     * answers per key, so that a run with other such options is not answered from another's cache. Empty
     * (the default) when the answer depends on the indicator alone.
     */
    default String cacheKey(RunOptions options) {
        return "";
    }

    /**
     * {@link #cacheKey(RunOptions)} for a source whose answer also depends on its settings (the DNS sources: the
     * {@code resolvers} setting, when no {@code --resolver} is given). The engine calls this one.
     */
    default String cacheKey(RunOptions options, SourceSettings settings) {
        return cacheKey(options);
    }

    /**
     * Looks one indicator up. Errors the source understands (HTTP 401, quota, garbage) come back as
     * {@link LookupResult#error}; an exception is treated the same way by the engine.
     */
    LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException;
}
