package io.infrapivot.app.worker;

import java.util.List;
import java.util.Map;

/**
 * One lookup a worker is to make: which case, which source, which indicator ({@code type:value}), whether active
 * sources are allowed, and who asked. Stored in the shared queue as JSON; it holds nothing secret.
 *
 * @param batch      the enqueue run it belongs to (its progress is followed by this id)
 * @param resolvers  the asker's {@code --resolver}s (null or empty: the worker's own)
 * @param maxResults the asker's cap on results of a paging source (null: the default)
 * @param budget     the asker's {@code --budget}: requests per source id ({@code "*"}: each other source) for the
 *                   whole batch, taken by all workers together from the batch's rows in {@code infrapivot.run_budgets}
 *                   (null or empty: none)
 */
public record LookupTask(String caseName, String source, String indicator, boolean active, boolean refresh,
                         String analyst, String batch, List<String> resolvers, Integer maxResults,
                         Map<String, Integer> budget) {
    public LookupTask(String caseName, String source, String indicator, boolean active, boolean refresh,
                      String analyst, String batch, List<String> resolvers, Integer maxResults) {
        this(caseName, source, indicator, active, refresh, analyst, batch, resolvers, maxResults, null);
    }

    public LookupTask(String caseName, String source, String indicator, boolean active, boolean refresh,
                      String analyst, String batch) {
        this(caseName, source, indicator, active, refresh, analyst, batch, null, null);
    }
}
