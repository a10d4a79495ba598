package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors found by exploratory QA, run in-process: exit codes, streams and the words of each error. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UsageErrorsCliTest {
    @TempDir
    Path dir;
    private final InProcessCli cli = new InProcessCli();

    @Test
    void noCommandIsAUsageErrorOnStderrWhileHelpStaysOnStdout() {
        assertThat(cli.run()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("Usage: infrapivot");

        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out()).contains("Usage: infrapivot").contains("141").contains("143");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aCountBelowItsRangeIsAUsageErrorInWords() {
        assertThat(cli.run("why", "evil.test", "--max", "-5", "--case", dir.resolve("c.sqlite").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--max must be 1 or more (got -5)");
        assertThat(cli.run("why", "evil.test", "--max", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--max must be 1 or more (got 0)");
        assertThat(cli.run("serve", "--port", "70000")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--port must be 0 to 65535 (got 70000)");
    }

    @Test
    void maltegoGetsAnOutOfRangeLimitAsAnExceptionInTheXmlToo() {
        assertThat(cli.run("maltego", "--case", dir.resolve("m.sqlite").toString(), "--limit", "-5",
                "domain-to-ip", "evil.test")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.out()).contains("MaltegoTransformExceptionMessage").contains("--limit must be 1 or more (got -5)");
        assertThat(cli.err()).contains("--limit must be 1 or more (got -5)");
    }

    @Test
    void maltegoGetsAnOptionItCannotParseAsAnExceptionInTheXml() {
        assertThat(cli.run("maltego", "--limit", "abc", "domain-to-ip", "evil.test")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.out()).contains("MaltegoTransformExceptionMessage").contains("--limit: 'abc' is not a whole number");
        assertThat(cli.err()).contains("--limit: 'abc' is not a whole number");
        assertThat(cli.run("maltego", "list", "--nosuch")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.out()).isEmpty(); // 'maltego list' is run by a person, not by Maltego
    }

    @Test
    void aValueWithABackslashOrAControlCharacterIsEscapedOnceInAnError() throws Exception {
        assertThat(cli.run("export", "--format", "x\\y")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("unknown format 'x\\y'").doesNotContain("x\\\\y");
        assertThat(cli.run("export", "--format", "x\u001b[31my")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("'x\\u001b[31my'").doesNotContain("\u001b");
        java.nio.file.Path taken = java.nio.file.Files.writeString(dir.resolve("a\\b.txt"), "x");
        assertThat(cli.run("man", "-o", taken.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("a\\b.txt exists").doesNotContain("a\\\\b");
    }

    @Test
    void aBudgetThatIsNotSourceEqualsNIsSaidInWords() {
        assertThat(cli.run("pivot", "--budget", "foo", "evil.test")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--budget: 'foo' is not SOURCE=N").doesNotContain("option option");
        assertThat(cli.run("pivot", "--budget", "virustotal=abc", "evil.test")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--budget: 'abc' is not a whole number");
    }

    @Test
    void aFileThatIsNotASqliteDatabaseIsSaidInWordsNotWithSqlitesCode() throws Exception {
        Path junk = java.nio.file.Files.writeString(dir.resolve("junk.sqlite"),
                "root:x:0:0:root:/root:/bin/bash\n".repeat(200));
        assertThat(cli.run("case", "show", junk.toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(cli.err()).contains("not an infrapivot case (not a SQLite database)").doesNotContain("SQLITE_");
        assertThat(java.nio.file.Files.readString(junk)).startsWith("root:x:0:0"); // left as it was
    }

    @Test
    void serveSaysWhenTheCaseItOpensIsNew() throws Exception {
        Path store = dir.resolve("store");
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // the port is taken: the case is opened first, then listening fails and the command ends
            String port = String.valueOf(taken.getLocalPort());
            assertThat(cli.run("serve", "--store", store.toString(), "--case", "nosuch", "--port", port))
                    .isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(cli.err()).contains("case 'nosuch' is new (created)").contains("cannot listen");
            assertThat(cli.run("serve", "--store", store.toString(), "--case", "nosuch", "--port", port))
                    .isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(cli.err()).doesNotContain("is new").contains("cannot listen");
        }
    }

    @Test
    void aConfigDefaultOfTheWrongTypeIsWarnedAboutAndTheCommandGoesOn() throws Exception {
        Path config = dir.resolve("config.toml");
        java.nio.file.Files.writeString(config, "[defaults]\ncase = 5\n");
        java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(cli.run("case", "list", "--config", config.toString(), "--store", dir.resolve("s").toString()))
                .isZero();
        assertThat(cli.err()).contains("warning: config file: [defaults] case must be a string (in quotes), not a number");
    }

    @Test
    void exportToAnExistingFileNeedsForceLikeEveryOtherOutputOption() throws Exception {
        String store = dir.resolve("store").toString();
        Path list = java.nio.file.Files.writeString(dir.resolve("iocs.txt"), "evil.example\n198.51.100.7\n");
        assertThat(cli.run("import", list.toString(), "--case", "t", "--store", store)).as(cli.err()).isZero();
        Path out = java.nio.file.Files.writeString(dir.resolve("out.csv"), "keep me");
        assertThat(cli.run("export", "--case", "t", "--store", store, "--format", "csv", "-o", out.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("out.csv exists; not overwritten (add --force to replace it)");
        assertThat(java.nio.file.Files.readString(out)).isEqualTo("keep me");
        assertThat(cli.run("export", "--case", "t", "--store", store, "--format", "csv", "-o", out.toString(),
                "--force")).as(cli.err()).isZero();
        assertThat(java.nio.file.Files.readString(out)).contains("evil.example");
    }

    private int withStdin(String input, String... args) {
        java.io.InputStream before = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return cli.run(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void importDashReadsStandardInputSniffedOrAsTheFormatGiven() {
        String store = dir.resolve("store").toString();
        assertThat(withStdin("evil.example\n198.51.100.7\n", "import", "-", "--case", "s", "--store", store))
                .as(cli.err()).isZero();
        assertThat(cli.err()).contains("imported 2 indicators").contains("from standard input (")
                .contains("as source import:stdin").doesNotContain("no file");
        String bundle = """
                {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
                 {"type":"domain-name","spec_version":"2.1","id":"domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5",
                  "value":"bad.example"}]}
                """;
        assertThat(withStdin(bundle, "import", "-", "--format", "stix21", "--case", "s", "--store", store))
                .as(cli.err()).isZero();
        assertThat(cli.err()).contains("imported 1 indicators");
        assertThat(withStdin("evil.example\n", "import", "-", "--format", "misp", "--case", "s", "--store", store))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("cannot read standard input: not valid JSON");
        assertThat(withStdin("", "import", "-", "--format", "stx", "--store", store)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--format: unknown format 'stx'");
    }
}
