package io.infrapivot.source.geoip;

import java.nio.file.Path;

/** A database file that cannot be opened or read: says which file and why, in one line. */
final class GeoDatabaseException extends Exception {
    private final transient Path path;

    GeoDatabaseException(Path path, String why, Throwable cause) {
        super("geoip database " + io.infrapivot.model.Safe.oneLine(String.valueOf(path.getFileName())) + " " + why,
                cause);
        this.path = path;
    }

    Path path() {
        return path;
    }
}
