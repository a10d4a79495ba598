package io.infrapivot.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code infrapivot shell}: JShell from the JDK running infrapivot (the one the launcher found, so never an older
 * default {@code jshell}), with the jar on the class path and the API imported. JShell runs as a child sharing the
 * terminal; this process ignores Ctrl-C meanwhile (JShell uses it to stop a running snippet).
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Open JShell with infrapivot's API imported (var ip = Infrapivot.open(\"case\")).",
                "Further arguments go to jshell (e.g. -q, a script file)."})
final class ShellCommand implements Callable<Integer> {
    /** What every session starts with, after JShell's default imports. */
    static final String STARTUP = """
            import io.infrapivot.api.*;
            import io.infrapivot.model.*;
            import io.infrapivot.engine.*;
            import java.time.*;
            """;

    /** Everything after {@code shell} goes to jshell as it is (options such as -q, a script file). */
    @picocli.CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        if (!Files.isExecutable(jshell)) {
            throw new CliException(ExitCodes.ENVIRONMENT, "no jshell in " + System.getProperty("java.home")
                    + " (a runtime without the JDK tools); install a JDK 21+ or set INFRAPIVOT_JAVA_HOME to one");
        }
        Path jar = jar();
        Path startup = Files.createTempFile("infrapivot-shell", ".jsh");
        try {
            Files.writeString(startup, STARTUP, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(command(jshell, jar, startup));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            ignoreInterrupts();
            return p.waitFor();
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /** The jshell command line: the jar on the class path, JShell's defaults plus the API imports. */
    static List<String> command(Path jshell, Path jar, Path startup) {
        return List.of(jshell.toString(), "--class-path", jar.toString(), "-R--enable-native-access=ALL-UNNAMED",
                "--startup", "DEFAULT", "--startup", startup.toString());
    }

    /** The jar (or classes folder) this class was loaded from. */
    static Path jar() {
        try {
            return Path.of(ShellCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot tell where infrapivot's jar is: " + e.getMessage());
        }
    }

    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> { }); // JShell, on the same terminal, handles Ctrl-C
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no signals here: Ctrl-C ends both, as before
            java.util.logging.Logger.getLogger(ShellCommand.class.getName()).fine("signals: " + e);
        }
    }
}
