package io.infrapivot.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The one place the model reads local files: hashing a file the analyst names. */
final class LocalFiles {
    private static final int BUFFER = 1 << 16;

    private final Path workingDir;

    /** Relative paths resolve against {@code workingDir} (the process's working directory in normal use). */
    LocalFiles(Path workingDir) {
        this.workingDir = workingDir;
    }

    /** The path, when {@code text} names an existing regular file and reading files is allowed. */
    Optional<Path> existing(String text, boolean readFiles) {
        if (!readFiles || text.isEmpty() || text.contains("://")) return Optional.empty();
        try {
            Path p = path(text);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Text written as a local path that names no readable file ({@code /tmp/x.exe}, {@code ./sample}, {@code ../a},
     * {@code ~/b}): why it is not one, or null when the text is not written as a path. A protocol-relative
     * {@code //host/path} is not a path.
     */
    String missingPath(String text, boolean readFiles) {
        boolean path = (text.startsWith("/") && !text.startsWith("//")) || text.startsWith("./")
                || text.startsWith("../") || text.equals("~") || text.startsWith("~/");
        if (!path) return null;
        if (!readFiles) return "a local file path (reading local files is turned off here)";
        try {
            Path p = path(text);
            if (Files.isDirectory(p)) return "a directory, not a file (its files' indicators: infrapivot extract DIR)";
            if (Files.exists(p)) return "not a regular file";
        } catch (InvalidPathException | SecurityException e) {
            return "not a usable file path";
        }
        return "no such file";
    }

    /** Text that can only be a path (holds a separator or starts with ~). */
    static boolean hasPathSyntax(String text) {
        return text.indexOf('/') >= 0 || text.indexOf('\\') >= 0 || text.startsWith("~");
    }

    private Path path(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""));
        }
        return workingDir.resolve(text);
    }

    /** Streams the file once through MD5, SHA-1, SHA-256 and SHA-512. */
    ParsedIndicator hash(String text) {
        Path p;
        try {
            p = path(text);
        } catch (InvalidPathException e) {
            throw new BadInput("not a file path: " + e.getReason());
        }
        if (!Files.isRegularFile(p)) throw new BadInput("no such file: " + Safe.oneLine(text));
        try (InputStream in = Files.newInputStream(p)) {
            FileDigests digests = new FileDigests();
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) digests.update(buf, 0, n);
            FileDigests.Hex h = digests.finish();
            Details.File d = new Details.File(p.toAbsolutePath().normalize().toString(), h.size(), h.md5(), h.sha1(),
                    h.sha256(), h.sha512());
            return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.FILE, h.sha256()), text, d, List.of());
        } catch (IOException e) {
            throw new BadInput("cannot read file: " + e.getClass().getSimpleName());
        }
    }
}
