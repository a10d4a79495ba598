package io.infrapivot.app.worker;

import io.infrapivot.engine.SharedRequestBudget;
import java.util.Map;

/**
 * A distributed pivot's {@code --budget} as one worker's task sees it: every request to a budgeted source takes one
 * from the batch's row of that source in the shared store ({@code infrapivot.run_budgets}), atomically, so that all
 * workers together make at most the budget's requests for the run. {@code "*"} is the budget of each source
 * without its own, as in a single-process pivot.
 */
final class RunBudget implements SharedRequestBudget {
    private final TaskQueue queue;
    private final String batch;
    private final Map<String, Integer> budget;

    RunBudget(TaskQueue queue, String batch, Map<String, Integer> budget) {
        this.queue = queue;
        this.batch = batch;
        this.budget = Map.copyOf(budget);
    }

    /** The budget of {@code source} (its own, else {@code "*"}), or null. */
    static Integer limitOf(Map<String, Integer> budget, String source) {
        Integer own = budget.get(source);
        return own != null ? own : budget.get("*");
    }

    @Override
    public String take(String sourceId) {
        Integer limit = limitOf(budget, sourceId);
        if (limit == null) return null;
        return queue.takeBudget(batch, sourceId, limit) ? null : RunBudget.reached(limit);
    }

    @Override
    public void giveBack(String sourceId) {
        if (limitOf(budget, sourceId) != null) queue.giveBackBudget(batch, sourceId);
    }

    /** The refusal's words, the same on the worker and in the pivot's summary. */
    static String reached(int limit) {
        return "request budget of " + limit + " reached (shared by the workers)";
    }
}
