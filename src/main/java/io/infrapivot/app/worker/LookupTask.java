package io.infrapivot.app.worker;

/**
 * One lookup a worker is to make: which case, which source, which indicator ({@code type:value}), whether active
 * sources are allowed, and who asked. Stored in the shared queue as JSON; it holds nothing secret.
 *
 * @param batch the enqueue run it belongs to (its progress is followed by this id)
 */
public record LookupTask(String caseName, String source, String indicator, boolean active, boolean refresh,
                         String analyst, String batch) {
}
