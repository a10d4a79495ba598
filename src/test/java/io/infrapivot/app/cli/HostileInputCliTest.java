package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a new analyst meets with odd input, run in-process: every command's help and every command group without a
 * subcommand, {@code -o FILE} in a folder that does not exist, paths that name no file, broken files to import,
 * odd case names, and the wording of errors (one line, no "internal error", no doubled escapes).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputCliTest {
    @TempDir
    Path dir;
    private final InProcessCli cli = new InProcessCli();

    private int run(String... args) {
        return cli.run(args);
    }

    /** Every command path of the tree ("lookup", "case list", …) and whether it has subcommands. */
    private static java.util.Map<List<String>, Boolean> commandPaths() {
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        java.util.Map<List<String>, Boolean> paths = new java.util.LinkedHashMap<>();
        collect(new CommandLine(new Main(new AppContext(t))), List.of(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, java.util.Map<List<String>, Boolean> into) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getValue().getCommandName().equals(e.getKey())) { // aliases once
                List<String> p = new ArrayList<>(path);
                p.add(e.getKey());
                into.put(p, !e.getValue().getSubcommands().isEmpty());
                collect(e.getValue(), p, into);
            }
        }
    }

    @Test
    void everyCommandsHelpAndEveryGroupWithoutASubcommandAnswerWithoutAnInternalError() {
        var paths = commandPaths();
        assertThat(paths.keySet()).extracting(p -> String.join(" ", p))
                .contains("lookup", "case list", "registration parse");
        for (List<String> path : paths.keySet()) {
            List<String> help = new ArrayList<>(path);
            help.add("--help");
            int exit = run(help.toArray(String[]::new));
            assertThat(exit).as(help + ": " + cli.err()).isZero();
            assertThat(cli.out()).as(help.toString()).contains("Usage: infrapivot " + String.join(" ", path));
        }
        for (List<String> path : paths.keySet()) {
            if (path.equals(List.of("help"))) continue; // `help --version` is help about the --version option
            List<String> version = new ArrayList<>(path);
            version.add("--version");
            assertThat(run(version.toArray(String[]::new))).as(version + ": " + cli.err()).isZero();
            assertThat(cli.out()).as(version.toString()).startsWith("infrapivot ").contains("Java ");
        }
        List<List<String>> groups = paths.keySet().stream().filter(paths::get).toList();
        assertThat(groups).contains(List.of("registration"), List.of("case"));
        for (List<String> group : groups) {
            int exit = run(group.toArray(String[]::new)); // `registration` alone once cast its command to Main
            assertThat(exit).as(group + ": " + cli.err()).isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
            assertThat(cli.err()).as(group.toString()).doesNotContain("internal error").doesNotContain("Exception");
        }
    }

    @Test
    void anUnknownCommandAfterHelpGetsADidYouMean() {
        assertThat(run("help", "lookp")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("unknown command 'lookp'").contains("did you mean 'lookup'")
                .doesNotContain("infrapivot  --help");
        assertThat(run("help", "lookup")).isZero();
        assertThat(cli.out()).contains("Usage: infrapivot lookup");
    }

    @Test
    void outputFilesGoIntoFoldersThatDoNotExistYet() throws Exception {
        Path store = dir.resolve("cases");
        Path lookupOut = dir.resolve("new/deeper/report.txt");
        assertThat(run("lookup", "--store", store.toString(), "--case", "qa", "--offline", "-o", lookupOut.toString(),
                "example.org")).as(cli.err()).isZero();
        assertThat(Files.readString(lookupOut)).contains("example.org");

        Path mtz = dir.resolve("maltego/bundle/infrapivot.mtz");
        assertThat(run("maltego", "config", "-o", mtz.toString())).as(cli.err()).isZero();
        assertThat(Files.size(mtz)).isPositive();

        // the folder cannot be made (a file is in the way): one line in words, exit 4, never an internal error
        Files.writeString(dir.resolve("plain"), "x");
        for (String[] args : List.of(
                new String[] {"lookup", "--store", store.toString(), "--case", "qa", "--offline", "-o",
                        dir.resolve("plain/sub/out.txt").toString(), "example.org"},
                new String[] {"maltego", "config", "-o", dir.resolve("plain/sub/x.mtz").toString()})) {
            assertThat(run(args)).as(String.join(" ", args) + ": " + cli.err()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(cli.err()).startsWith("infrapivot: ").doesNotContain("internal error").hasLineCount(1);
        }
    }

    @Test
    void aPathThatNamesNoFileIsSaidToBeOne() throws Exception {
        Files.createDirectories(dir.resolve("samples"));
        assertThat(run("parse", "./no-such-sample.exe", dir.resolve("missing/x.bin").toString(),
                dir.resolve("samples").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "infrapivot: cannot parse './no-such-sample.exe': no such file",
                "infrapivot: cannot parse '" + dir.resolve("missing/x.bin") + "': no such file",
                "infrapivot: cannot parse '" + dir.resolve("samples")
                        + "': a directory, not a file (its files' indicators: infrapivot extract DIR)");
        // a protocol-relative URL is not a path
        run("parse", "//evil.example/x");
        assertThat(cli.err()).doesNotContain("no such file");
    }

    @Test
    void errorsShowTheInputAsTypedWithControlCharactersEscapedOnce() {
        assertThat(run("parse", "a\\b.com")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("'a\\b.com'").doesNotContain("a\\\\b");
        assertThat(run("parse", "a\u001b[31mred.com")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("a\\u001b[31mred.com").doesNotContain("\u001b");
    }

    @Test
    void brokenFilesToImportAreRefusedInOneLine() throws Exception {
        Path store = dir.resolve("cases");
        Path truncated = Files.writeString(dir.resolve("we\\ird.json"),
                "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\"}\n");
        assertThat(run("import", "--store", store.toString(), "--case", "qa", truncated.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).hasLineCount(1).contains("cannot read " + truncated + ": not valid JSON at line 2")
                .contains("ends inside a value").doesNotContain("REDACTED").doesNotContain("\\\\");

        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertThat(run("import", "--store", store.toString(), "--case", "qa", folder.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("is a directory");
        assertThat(run("import", "--store", store.toString(), "--case", "qa", dir.resolve("none.json").toString()))
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void anEmptyCaseNameOrAFolderAsCaseIsRefusedNotReplacedByTheDefault() throws Exception {
        Path store = dir.resolve("cases");
        assertThat(run("lookup", "--store", store.toString(), "--case", "", "--offline", "example.org"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--case is empty");
        assertThat(store.resolve("default.sqlite")).doesNotExist();

        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertThat(run("lookup", "--store", store.toString(), "--case", folder.toString(), "--offline",
                "example.org")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).hasLineCount(1).contains("is a folder").doesNotContain("SQLITE");

        // a name with ../ is a path; a new case file there only with the .sqlite extension, never a bare file
        Path outside = dir.resolve("evil");
        assertThat(run("lookup", "--store", store.toString(), "--case", store.resolve("../evil").toString(),
                "--offline", "example.org")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("must end in .sqlite");
        assertThat(outside).doesNotExist();
        assertThat(run("lookup", "--store", store.toString(), "--case", dir.resolve("elsewhere/op.sqlite").toString(),
                "--offline", "example.org")).as(cli.err()).isZero();
        assertThat(dir.resolve("elsewhere/op.sqlite")).isRegularFile();
    }

    @Test
    void optionValuesThatCannotWorkAreRefusedBeforeAnythingIsStored() {
        Path store = dir.resolve("cases");
        for (String resolver : List.of("1.2.3.4:99999", "999.1.1.1", "resolver.example")) {
            assertThat(run("lookup", "--store", store.toString(), "--resolver", resolver, "example.org"))
                    .as(resolver).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(cli.err()).hasLineCount(1).contains("--resolver: bad resolver");
        }
        assertThat(run("lookup", "--store", store.toString(), "--offline", "--since", "2025-01-01", "--until",
                "2024-01-01", "example.org")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("is after --until");
        assertThat(run("pivot", "--store", store.toString(), "--offline", "--budget", "crtshh=3", "example.org"))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--budget: unknown source 'crtshh'").contains("did you mean 'crtsh'");
        assertThat(store).doesNotExist();
    }

    @Test
    void aDeviceNamedAsInputIsRefusedNotReadForEver() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertThat(run("parse", "-f", "/dev/zero")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("cannot read /dev/zero: a device, not a file");
        assertThat(run("extract", "/dev/zero")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("/dev/zero is a device, not a file");
        assertThat(LocalDevices.isDevice(dir)).isFalse();
    }

    @Test
    void aValueOfTheWrongTypeIsSaidInWordsNotJavaTypes() {
        assertThat(run("evidence", "abc")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("ID: 'abc' is not a whole number").doesNotContain("long")
                .doesNotContain("index 0");
        assertThat(run("pivot", "--depth", "abc", "example.org")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--depth: 'abc' is not a whole number").doesNotContain(" int");
        assertThat(run("export", "--format", "csv", "--min-rank", "high")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--min-rank: 'high' is not a number").doesNotContain("double");
    }

    @Test
    void aStoreThatIsNeitherAFolderNorPostgresqlIsRefused() throws Exception {
        assertThat(run("--store", "mysql://db.example/cases", "case", "list")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--store: 'mysql://…' is not a store");
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThat(run("--store", file.toString(), "case", "list")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("is a file, not a folder of cases");
        assertThat(run("--store", dir.resolve("fresh").toString(), "case", "list")).as(cli.err()).isZero();
    }

    @Test
    void anUncaughtFileErrorIsAnEnvironmentErrorInWordsAndAMessagelessOneNeverSaysNull() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        assertThat(Main.handle(t, new NoSuchFileException("/gone/x.txt"))).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(Main.handle(t, new IllegalArgumentException())).isEqualTo(ExitCodes.BAD_INPUT);
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.lines()).hasSize(2);
        assertThat(said).contains("no such file").contains("/gone/x.txt").doesNotContain("internal error")
                .doesNotContain("null").doesNotContain("NoSuchFileException");
    }

    @Test
    void anUnreachableServiceIsSaidInWords() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }
        assertThat(SourcesCommand.unreachable("http://127.0.0.1:" + closed + "/"))
                .contains("connection was refused").doesNotContain("Exception");
    }
}
