package io.infrapivot.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code infrapivot man}: the man page ({@code infrapivot.1}) of every command, written from the commands. */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = "Print the man page (troff) of every command and option.",
        footer = {"%nInstall: infrapivot man -o ~/.local/share/man/man1/infrapivot.1; then: man infrapivot"})
final class ManCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the page to FILE (a new file; --force replaces one).")
    Path output;

    @Option(names = "--force", description = "With -o: replace an existing file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String version = new Main.Version().getVersion()[0].replaceFirst("^infrapivot ", "");
        String page = ManPage.of(spec.root().commandLine(), version, LocalDate.now(ZoneOffset.UTC));
        Terminal t = Main.context(spec).terminal();
        if (output == null) {
            t.out().print(page);
            t.out().flush();
            return ExitCodes.OK;
        }
        Path dir = output.toAbsolutePath().getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot make the folder of " + output);
        }
        try (var out = OutputFlags.create(output, force)) {
            out.write(page.getBytes(StandardCharsets.UTF_8));
        }
        t.err().println("man page written to " + Terminal.v(output.toString()) + " (man " + Terminal.v(output.toString()) + ")");
        return ExitCodes.OK;
    }
}
