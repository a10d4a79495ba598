package io.infrapivot.engine;

/**
 * A request budget held outside this session and shared with others: a distributed pivot's {@code --budget}, which
 * every worker running the pivot's lookups takes from (the run's row in the team's store). Asked by a
 * {@link LookupSession} for every request to a source, after its own budget.
 */
public interface SharedRequestBudget {
    /** Takes one request of {@code sourceId}'s budget: null when taken (or the source has none), else why not. */
    String take(String sourceId);

    /** Gives back a request taken but not sent (the rate limit held it back). */
    void giveBack(String sourceId);
}
