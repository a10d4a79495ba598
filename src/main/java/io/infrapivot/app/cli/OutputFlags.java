package io.infrapivot.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Option;

/**
 * {@code -q/--silent} (the found values only, one a line, for shell pipelines) and {@code -o FILE} (the
 * output into a new file; {@code --force} replaces an existing one, never through a symbolic link).
 */
final class OutputFlags {
    @Option(names = {"-q", "--quiet", "--silent"}, description = "Only the found values, one a line (for pipelines); no progress line.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE (a new file; --force replaces one).")
    Path output;

    @Option(names = "--force", description = "With -o: replace an existing file.")
    boolean force;

    private final Set<String> printed = ConcurrentHashMap.newKeySet();

    /** The terminal to print to: the command's, or one whose standard output is the file of {@code -o}. */
    Terminal terminal(Terminal t) {
        if (output == null) return t;
        OutputStream file = create(output, force);
        return new Terminal(new PrintStream(new java.io.BufferedOutputStream(file), true, StandardCharsets.UTF_8), t.err(),
                false, false);
    }

    /** Prints a found value once (for {@code -q}): escaped, one a line. */
    void value(Terminal t, String value) {
        if (value != null && printed.add(value)) t.println(Terminal.v(value));
    }

    /**
     * Opens a new file for writing; an existing file (or a symbolic link, even dangling) is refused with exit 2
     * unless {@code force}, and even then a symbolic link is never followed.
     */
    static OutputStream create(Path file, boolean force) {
        try {
            checkTarget(file, force);
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) Files.createDirectories(dir); // as export and man do
            if (force) {
                return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw exists(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot write " + file + ": "
                    + io.infrapivot.engine.data.FailureReason.of(e));
        }
    }

    /**
     * Refuses, before anything is done, a target {@code -o} must not write: a symbolic link (even dangling), a
     * directory, or an existing file unless {@code force} (every command's -o FILE, export's too).
     */
    static void checkTarget(Path file, boolean force) {
        if (Files.isSymbolicLink(file)) {
            throw new CliException(ExitCodes.BAD_INPUT, file + " is a symbolic link; not written (give another path)");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(ExitCodes.BAD_INPUT, file + " is a directory");
        }
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) throw exists(file);
    }

    /** The refusal of an existing file without --force. */
    static CliException exists(Path file) {
        return new CliException(ExitCodes.BAD_INPUT, file + " exists; not overwritten (add --force to replace it)");
    }
}
