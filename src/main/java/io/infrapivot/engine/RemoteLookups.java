package io.infrapivot.engine;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.RunOptions;
import java.util.function.BooleanSupplier;

/**
 * Makes lookups somewhere else that stores them in this engine's case: the team's workers ({@code pivot
 * --distributed}). An engine built with one ends its chain with a step that hands each (indicator, source) lookup
 * over and reads the lookup back from the shared case's lookup log, in place of asking the source here
 * ({@code selection → cache → coalesce → remote}); the faces, sessions and pivots above it are unchanged.
 */
public interface RemoteLookups {
    /**
     * How a remote lookup ended.
     *
     * @param lookupId the lookup log row it stored, or null (answered from the case there, or refused)
     * @param refusal  why it was not made, or null
     * @param message  the refusal's words, or null
     */
    record Done(Long lookupId, Refusal refusal, String message) {
    }

    /**
     * Hands one lookup over and waits until it is done; null when {@code cancelled} said so first.
     */
    Done run(String source, Indicator indicator, RunOptions options, boolean refresh, BooleanSupplier cancelled)
            throws InterruptedException;
}
