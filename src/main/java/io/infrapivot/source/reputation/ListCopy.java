package io.infrapivot.source.reputation;

import io.infrapivot.source.Readiness;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an offline list source's downloaded copy is ({@code <data_folder>/<id>/} unless its folder setting names
 * one), whether it is ready (a copy, not stale), and the cache key that makes a refreshed copy be asked again.
 */
public record ListCopy(String id, SourceInfo.Setting<String> folder, SourceInfo.Setting<Duration> staleAfter) {
    /** The folder holding the downloaded list(s). */
    public Optional<Path> folderOf(SourceSettings s) {
        return s.find(folder).map(Path::of).or(() -> s.get("data_folder").map(d -> Path.of(d, id)));
    }

    /** Answers are kept per downloaded copy: a refreshed list is asked again, not answered from the cache. */
    public String cacheKey(SourceSettings s) {
        return "copy " + folderOf(s).map(ListFiles::modified).orElse(0L);
    }

    /** Not ready without a downloaded copy; stale when the copy is older than the stale-after setting. */
    public Readiness readiness(SourceSettings s, Instant now) {
        return ListFiles.readiness(folderOf(s), s.get(staleAfter), now);
    }
}
