package io.infrapivot.source;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the sources of one engine share across lookups (a DNS resolver and its answer cache for each resolver
 * configuration): owned by the engine and handed to each lookup in its {@link LookupContext}, never held
 * process-wide, so that two engines (two tests, two runs in one JVM) never answer from each other's caches.
 */
public final class SharedResources {
    private final ConcurrentHashMap<Object, Object> items = new ConcurrentHashMap<>();

    /** The item under {@code key}, made by {@code make} the first time (keys are compared with equals). */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> make) {
        return (T) items.computeIfAbsent(key, k -> make.get());
    }
}
