package io.infrapivot.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Options of one run that every source may honour.
 *
 * @param resolvers   DNS resolvers given with --resolver (IP[:port]); empty means the system's
 * @param active      active sources were allowed (--active)
 * @param since       only facts last seen at or after this (--since), or null
 * @param until       only facts last seen at or before this (--until), or null
 * @param maxResults  cap on results per lookup for paginated sources
 * @param namedFiles  local files the analyst named on this run's input, by SHA-256: only a face puts a path here,
 *                    and only one its parser read from the analyst's own input (a {@code Details.File}); never a
 *                    path that came from a source, a case or any other attacker-controlled text. The offline
 *                    {@code file} source reads these and nothing else.
 */
public record RunOptions(List<String> resolvers, boolean active, Instant since, Instant until, int maxResults,
                         Map<String, Path> namedFiles) {
    public RunOptions {
        resolvers = List.copyOf(resolvers);
        namedFiles = Map.copyOf(namedFiles);
    }

    public RunOptions(List<String> resolvers, boolean active, Instant since, Instant until, int maxResults) {
        this(resolvers, active, since, until, maxResults, Map.of());
    }

    /** These options with the local files the analyst named (SHA-256 → path), see {@link #namedFiles}. */
    public RunOptions withNamedFiles(Map<String, Path> files) {
        return new RunOptions(resolvers, active, since, until, maxResults, files);
    }

    public static RunOptions defaults() {
        return new RunOptions(List.of(), false, null, null, 1000);
    }
}
