package io.infrapivot.engine;

import java.time.Duration;
import java.util.Map;

/**
 * What one {@link LookupSession} may spend.
 *
 * @param requestBudget requests per source id ({@code "*"} for every source without its own); empty: no limit
 * @param timeBudget    no new request this long after the session began (null: none)
 */
public record SessionOptions(Map<String, Integer> requestBudget, Duration timeBudget) {
    public SessionOptions {
        requestBudget = Map.copyOf(requestBudget);
    }

    /** No budget. */
    public static SessionOptions unlimited() {
        return new SessionOptions(Map.of(), null);
    }

    public SessionOptions withRequestBudget(Map<String, Integer> perSource) {
        return new SessionOptions(perSource, timeBudget);
    }

    public SessionOptions withTimeBudget(Duration budget) {
        return new SessionOptions(requestBudget, budget);
    }

    /** The most requests {@code sourceId} may make, or null for no limit. */
    public Integer budgetOf(String sourceId) {
        return requestBudget.getOrDefault(sourceId, requestBudget.get("*"));
    }
}
