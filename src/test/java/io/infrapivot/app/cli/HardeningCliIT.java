package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardened command line through the real launcher: input, errors, output files, install helpers. */
class HardeningCliIT {
    @TempDir
    Path home;

    @Test
    void badLinesAreReportedWithTheirNumberTheRestIsLookedUpAndTheExitSaysSo() throws Exception {
        Cli cli = new Cli(home);
        Path in = home.resolve("in.txt");
        byte[] text = ("john@mail.evil.test\nnot an indicator !!\n" + "x".repeat(9000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xff, 'a', '\n', 'b', 'o', 'b', '@', 'o', 't', 'h', 'e', 'r', '.', 't', 'e', 's', 't', '\n'};
        byte[] all = new byte[text.length + bad.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(bad, 0, all, text.length, bad.length);
        Files.write(in, all);
        var r = cli.run("lookup", "--case", "t", "--sources", "classify", "-q", "-f", in.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("in.txt:2: cannot parse").contains("in.txt:3: line longer than 8192 bytes")
                .contains("in.txt:4: not valid UTF-8").contains("3 bad input lines skipped")
                .doesNotContain("Exception");
        // both good lines were looked up: -q prints the values found (each email's domain), one a line
        assertThat(r.outLines()).contains("mail.evil.test", "other.test");
    }

    @Test
    void standardInputIsReadWithoutArgumentsAndWithDash() throws Exception {
        Cli cli = new Cli(home);
        var piped = cli.runWithInput("john@mail.evil.test\n", "lookup", "--case", "t", "--sources", "classify", "-q");
        assertThat(piped.exit()).isZero();
        assertThat(piped.outLines()).containsExactly("mail.evil.test");
        var dash = cli.runWithInput("bob@other.test\n", "lookup", "--case", "t", "--sources", "classify", "-q", "-");
        assertThat(dash.exit()).isZero();
        assertThat(dash.outLines()).containsExactly("other.test");
        var parse = cli.runWithInput("evil[.]test\n", "parse", "-");
        assertThat(parse.out()).contains("evil.test");
    }

    @Test
    void typosGetSuggestionsAndAnUnknownCommandIsExit2EvenWithHelp() throws Exception {
        Cli cli = new Cli(home);
        var help = cli.run("lookpu", "--help");
        assertThat(help.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(help.err()).contains("unknown command 'lookpu'").contains("did you mean 'lookup'");
        assertThat(help.out()).isEmpty();
        var option = cli.run("lookup", "--timout", "5s", "x.test");
        assertThat(option.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(option.err()).contains("did you mean '--timeout'");
        var source = cli.run("lookup", "--sources", "crt.sh", "x.test");
        assertThat(source.err()).contains("did you mean 'crtsh'");
        var recipe = cli.run("pivot", "--recipe", "domian", "x.test");
        assertThat(recipe.err()).contains("did you mean 'domain'");
        var sub = cli.run("case", "delet", "x");
        assertThat(sub.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(sub.err()).contains("did you mean 'delete'");
    }

    @Test
    void durationsNeedAUnitAndStayInRange() throws Exception {
        Cli cli = new Cli(home);
        for (List<String> args : List.of(List.of("lookup", "--timeout", "5", "x.test"),
                List.of("lookup", "--timeout", "99999999999d", "x.test"),
                List.of("pivot", "--time-budget", "PT-5S", "x.test"),
                List.of("pivot", "--budget", "dns=-1", "x.test"),
                List.of("resolve", "--timeout", "5", "x.test"))) {
            var r = cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", args)).doesNotContain("internal error").doesNotContain("Exception");
        }
        assertThat(cli.run("lookup", "--timeout", "5", "x.test").err()).contains("has no unit").contains("5s");
    }

    @Test
    void outputFilesAreNeverOverwrittenOrFollowedWithoutForce() throws Exception {
        Cli cli = new Cli(home);
        Path out = home.resolve("out.txt");
        assertThat(cli.run("lookup", "--case", "t", "--sources", "classify", "-q", "-o", out.toString(),
                "john@mail.evil.test").exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo("mail.evil.test\n");
        var again = cli.run("lookup", "--case", "t", "--sources", "classify", "-q", "-o", out.toString(), "a@b.test");
        assertThat(again.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("exists").contains("--force");
        assertThat(Files.readString(out)).isEqualTo("mail.evil.test\n");
        Path target = home.resolve("precious.txt");
        Files.writeString(target, "keep");
        Path link = home.resolve("link.txt");
        Files.createSymbolicLink(link, target);
        var viaLink = cli.run("lookup", "--case", "t", "--sources", "classify", "-q", "--force", "-o", link.toString(),
                "a@b.test");
        assertThat(viaLink.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void caseDeleteRefusesWhatIsNotACase() throws Exception {
        Cli cli = new Cli(home);
        Path notes = home.resolve("notes.txt");
        Files.writeString(notes, "mine");
        var r = cli.run("case", "delete", "--yes", notes.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("not a case file");
        assertThat(notes).exists();
        assertThat(cli.run("lookup", "--case", "gone", "--sources", "classify", "a@b.test").exit()).isZero();
        var d = cli.run("case", "delete", "gone");
        assertThat(d.exit()).isZero();
        assertThat(home.resolve("data/cases/gone.sqlite")).doesNotExist();
    }

    @Test
    void evidenceVerifiesItsSha256AndSaysWhenTheBodyWasChanged() throws Exception {
        Path file = home.resolve("ev.sqlite");
        var parser = io.infrapivot.model.IndicatorParser.standard();
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        try (var store = io.infrapivot.store.SqliteCaseStore.open(file, "ev")) {
            var raw = io.infrapivot.model.RawAnswer.text("whois", "evil.test", "Domain Name: EVIL.TEST\n",
                    "text/plain", "ok", now, java.time.Duration.ofMillis(5));
            store.saveLookup("whois", parser.parse("evil.test").orElseThrow().indicator(), null, now, now,
                    io.infrapivot.source.LookupResult.of(List.of(), List.of(raw)), java.time.Duration.ofHours(1));
        }
        long id;
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement();
             var rs = st.executeQuery("SELECT max(id) FROM evidence")) {
            rs.next();
            id = rs.getLong(1);
        }
        Cli cli = new Cli(home);
        var intact = cli.run("evidence", Long.toString(id), "--case", file.toString());
        assertThat(intact.exit()).isZero();
        assertThat(intact.out()).contains("(verified)");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.executeUpdate("UPDATE evidence SET response = CAST('Domain Name: GOOD.TEST' AS BLOB) WHERE id = " + id);
        }
        var tampered = cli.run("evidence", Long.toString(id), "--case", file.toString());
        assertThat(tampered.exit()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(tampered.err()).contains("does not match its stored SHA-256");
        var json = cli.run("evidence", Long.toString(id), "--case", file.toString(), "--json");
        assertThat(json.out()).contains("\"sha256_verified\":false");
        Path saved = home.resolve("body.bin");
        Files.writeString(saved, "old");
        var overwrite = cli.run("evidence", Long.toString(id), "--case", file.toString(), "-o", saved.toString());
        assertThat(overwrite.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(saved)).isEqualTo("old");
        cli.run("evidence", Long.toString(id), "--case", file.toString(), "-o", saved.toString(), "--force");
        assertThat(Files.readString(saved)).isEqualTo("Domain Name: GOOD.TEST");
    }

    @Test
    void versionCompletionAndTheLauncherThroughASymlink() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path launcher = new Cli(home).repo.resolve("infrapivot");
        Files.createSymbolicLink(bin.resolve("infrapivot"), launcher);
        Cli viaLink = new Cli(home, bin); // runs bin/infrapivot, a link to the launcher
        var v = viaLink.run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).containsPattern("infrapivot \\d+\\.\\d+\\.\\d+").contains("Java " + Runtime.version().feature());
        var bash = viaLink.run("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("lookup").contains("--timeout");
        var fish = viaLink.run("completion", "fish");
        assertThat(fish.out()).contains("complete -c infrapivot -n __fish_use_subcommand -a 'lookup'")
                .contains("-l timeout");
        assertThat(viaLink.run("completion", "tcsh").exit()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aClosedPipeStopsAStreamingCommandAtOnce() throws Exception {
        Cli cli = new Cli(home);
        // 200,000 names to parse; the reader takes one line and goes away
        Path in = home.resolve("names.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200_000; i++) b.append("host").append(i).append(".example.test\n");
        Files.writeString(in, b);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "'" + cli.repo.resolve("infrapivot") + "' parse -f '" + in
                + "' | head -1; echo \"rc=${PIPESTATUS[0]}\"").directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(cli.env);
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("host0.example.test").contains("rc=141").doesNotContain("Exception");
        assertThat(out.lines().filter(l -> l.startsWith("host")).count()).isEqualTo(1);
    }

    @Test
    void shellOpensJShellWithTheApiImported() throws Exception {
        Cli cli = new Cli(home);
        Path script = home.resolve("s.jsh");
        Files.writeString(script, """
                System.out.println("API " + Infrapivot.class.getSimpleName() + " " + IndicatorType.DOMAIN.id())
                /exit
                """);
        var r = cli.run("shell", "-q", script.toString());
        assertThat(r.out()).contains("API Infrapivot domain");
        assertThat(r.exit()).isZero();
    }
}
