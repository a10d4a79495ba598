package io.infrapivot.app.cli;

import io.infrapivot.model.Details;
import io.infrapivot.model.ParsedIndicator;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local files the analyst named on a command's input, for the {@code file} source. Only what the face's own
 * parser read as a local file from the analyst's arguments or input lines (a {@link Details.File}, made only by a
 * parser that reads files) is kept: a FILE indicator from a source, the case or an import carries no path, so no
 * attacker-controlled text ever names a file the tool reads.
 */
final class NamedFiles {
    private NamedFiles() {}

    static void add(Map<String, Path> files, ParsedIndicator p) {
        if (p.details() instanceof Details.File f) files.put(f.sha256(), Path.of(f.path()));
    }
}
