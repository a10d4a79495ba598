package io.infrapivot.source;

import java.time.Instant;
import java.util.List;

/**
 * Options of one run that every source may honour.
 *
 * @param resolvers   DNS resolvers given with --resolver (IP[:port]); empty means the system's
 * @param active      active sources were allowed (--active)
 * @param since       only facts last seen at or after this (--since), or null
 * @param until       only facts last seen at or before this (--until), or null
 * @param maxResults  cap on results per lookup for paginated sources
 */
public record RunOptions(List<String> resolvers, boolean active, Instant since, Instant until, int maxResults) {
    public RunOptions {
        resolvers = List.copyOf(resolvers);
    }

    public static RunOptions defaults() {
        return new RunOptions(List.of(), false, null, null, 1000);
    }
}
