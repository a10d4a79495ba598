package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher, as a process: output, exit codes, the case on disk. */
class CliIT {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) nodes.add(M.readTree(line));
        return nodes;
    }

    @Test
    void parseRefangsAndCanonicalisesAsJson() throws Exception {
        var r = cli.run("parse", "--json", "hxxps://evil[.]example(.)com/a", "1.2.3[.]4", "john[@]mail[.]ru",
                "a.b.example.co.uk", "AS15169", "2001:DB8:0:0:0:0:0:1");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> n = jsonLines(r.out());
        assertThat(n).hasSize(6);
        assertThat(n.get(0).get("type").asText()).isEqualTo("url");
        assertThat(n.get(0).get("value").asText()).isEqualTo("https://evil.example.com/a");
        assertThat(n.get(0).get("host").asText()).isEqualTo("evil.example.com");
        assertThat(n.get(1).get("value").asText()).isEqualTo("1.2.3.4");
        assertThat(n.get(1).get("version").asInt()).isEqualTo(4);
        assertThat(n.get(2).get("type").asText()).isEqualTo("email");
        assertThat(n.get(2).get("value").asText()).isEqualTo("john@mail.ru");
        assertThat(n.get(3).get("type").asText()).isEqualTo("host");
        assertThat(n.get(3).get("registrable_domain").asText()).isEqualTo("example.co.uk");
        assertThat(n.get(3).get("public_suffix").asText()).isEqualTo("co.uk");
        assertThat(n.get(3).get("suffix_section").asText()).isEqualTo("icann");
        assertThat(n.get(4).get("value").asText()).isEqualTo("AS15169");
        assertThat(n.get(5).get("value").asText()).isEqualTo("2001:db8::1");
        assertThat(n.get(5).get("flags").toString()).contains("documentation");
    }

    @Test
    void parsePrivateSectionNamesTheIcannRegistrableDomain() throws Exception {
        var r = cli.run("parse", "--json", "alice.github.io");
        assertThat(r.exit()).isZero();
        JsonNode n = jsonLines(r.out()).get(0);
        assertThat(n.get("type").asText()).isEqualTo("domain");
        assertThat(n.get("registrable_domain").asText()).isEqualTo("alice.github.io");
        assertThat(n.get("suffix_section").asText()).isEqualTo("private");
        assertThat(n.get("icann_registrable_domain").asText()).isEqualTo("github.io");
    }

    @Test
    void unparseableInputIsOneLineOnStderrExitTwoAndNothingStored() throws Exception {
        var r = cli.run("lookup", "not a domain!!");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().split("\n")).hasSize(1);
        assertThat(r.err()).startsWith("infrapivot: cannot parse 'not a domain!!'");
        assertThat(home.resolve("data/cases")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void ambiguousInputListsCandidatesAndExitsThree() throws Exception {
        var r = cli.run("parse", "--json", "123456");
        assertThat(r.exit()).isEqualTo(3);
        JsonNode n = jsonLines(r.out()).get(0);
        assertThat(n.get("type").asText()).isEqualTo("ambiguous");
        List<String> types = new ArrayList<>();
        n.get("candidates").forEach(c -> types.add(c.get("type").asText()));
        assertThat(types).contains("asn", "ip");
        var forced = cli.run("parse", "--json", "--type", "asn", "123456");
        assertThat(forced.exit()).isZero();
        assertThat(jsonLines(forced.out()).get(0).get("value").asText()).isEqualTo("AS123456");
    }

    @Test
    void controlCharactersInInputAreEscapedOnTheTerminal() throws Exception {
        var r = cli.run("parse", "evil\u001b[31m.com");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\u001b").contains("\\u001b");
    }

    @Test
    void lookupStoresClassificationAndAnswersTheSecondTimeFromTheCache() throws Exception {
        var first = cli.run("lookup", "--json", "--case", "t1", "www.example.co.uk");
        assertThat(first.exit()).as(first.err()).isZero();
        List<JsonNode> lines = jsonLines(first.out());
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("observation");
            assertThat(n.get("relation").asText()).isEqualTo("subdomain-of");
            assertThat(n.get("object").get("value").asText()).isEqualTo("example.co.uk");
            assertThat(n.get("sources").toString()).contains("classify");
        });
        JsonNode classifyStatus = lines.stream().filter(n -> n.get("kind").asText().equals("source-status")
                && n.get("source").asText().equals("classify")).findFirst().orElseThrow();
        assertThat(classifyStatus.get("outcome").asText()).isEqualTo("ok");
        assertThat(classifyStatus.get("cached").asBoolean()).isFalse();

        var second = cli.run("lookup", "--json", "--case", "t1", "www.example.co.uk");
        assertThat(second.exit()).isZero();
        JsonNode again = jsonLines(second.out()).stream().filter(n -> n.get("kind").asText().equals("source-status")
                && n.get("source").asText().equals("classify")).findFirst().orElseThrow();
        assertThat(again.get("cached").asBoolean()).isTrue();
        // the case source now reports what the first run stored
        assertThat(jsonLines(second.out())).anySatisfy(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("source-status");
            assertThat(n.get("source").asText()).isEqualTo("case");
            assertThat(n.get("outcome").asText()).isEqualTo("ok");
        });

        var refreshed = cli.run("lookup", "--json", "--refresh", "--case", "t1", "www.example.co.uk");
        JsonNode fresh = jsonLines(refreshed.out()).stream().filter(n -> n.get("kind").asText().equals("source-status")
                && n.get("source").asText().equals("classify")).findFirst().orElseThrow();
        assertThat(fresh.get("cached").asBoolean()).isFalse();

        var list = cli.run("case", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("t1");
        var history = cli.run("history", "--case", "t1", "www.example.co.uk");
        assertThat(history.exit()).isZero();
        assertThat(history.out()).contains("subdomain-of").contains("example.co.uk").contains("classify");
        var show = cli.run("case", "show", "t1");
        assertThat(show.out()).contains("www.example.co.uk").contains("subdomain-of");
    }

    @Test
    void humanReportGroupsBySectionAndShowsEverySourceStatus() throws Exception {
        var r = cli.run("lookup", "--case", "t2", "https://login.example.com/x?y=1", "10.1.2.3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("== https://login.example.com/x?y=1 (url) ==")
                .contains("url-host").contains("login.example.com")
                .contains("== 10.1.2.3 (ip) ==").contains("private")
                .containsPattern("sources \\d+: \\d+ ok, .*\\d+ skipped").contains("-v lists each");
        assertThat(r.out()).doesNotContain("\u001b["); // not a terminal: no colour
        // -v lists every source's status, the case's own too
        var v = cli.run("lookup", "--case", "t2", "-v", "10.1.2.3");
        assertThat(v.exit()).as(v.err()).isZero();
        assertThat(v.out()).containsPattern("(?m)^  classify +ok").containsPattern("(?m)^  case ");
    }

    @Test
    void offlineSkipsNetworkSourcesAndActiveNeedsTheFlag() throws Exception {
        // enabled, so that --offline and --active decide (they are skipped before touching the network)
        cli.env.put("INFRAPIVOT_DNS_ENABLED", "true");
        cli.env.put("INFRAPIVOT_AXFR_ENABLED", "true");
        var r = cli.run("lookup", "--json", "--offline", "--case", "t3", "example.org");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> status = jsonLines(r.out()).stream()
                .filter(n -> n.get("kind").asText().equals("source-status")).toList();
        // offline sources ran; every enabled other one was skipped for --offline
        assertThat(status).anySatisfy(n -> {
            assertThat(n.get("access").asText()).isEqualTo("offline");
            assertThat(n.get("outcome").asText()).isNotEqualTo("skipped");
        });
        assertThat(status).filteredOn(n -> n.get("source").asText().equals("dns")).singleElement().satisfies(n -> {
            assertThat(n.get("outcome").asText()).isEqualTo("skipped");
            assertThat(n.get("refusal").asText()).isEqualTo("offline");
            assertThat(n.get("message").asText()).startsWith("--offline");
        });
        assertThat(status).filteredOn(n -> !n.get("access").asText().equals("offline")).isNotEmpty()
                .allSatisfy(n -> {
                    assertThat(n.get("outcome").asText()).isEqualTo("skipped");
                    assertThat(n.get("refusal").asText()).isIn("offline", "disabled");
                });

        // an active source is skipped without --active, and says which flag allows it
        var passive = cli.run("lookup", "--json", "--sources", "axfr", "--case", "t3", "example.org");
        assertThat(passive.exit()).as(passive.err()).isZero();
        JsonNode axfr = jsonLines(passive.out()).stream().filter(n -> n.get("kind").asText().equals("source-status"))
                .findFirst().orElseThrow();
        assertThat(axfr.get("access").asText()).isEqualTo("active");
        assertThat(axfr.get("outcome").asText()).isEqualTo("skipped");
        assertThat(axfr.get("refusal").asText()).isEqualTo("active-not-allowed");
        assertThat(axfr.get("message").asText()).contains("--active");
    }

    @Test
    void unknownSourceIsBadInput() throws Exception {
        var r = cli.run("lookup", "--sources", "nosuch", "example.org");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown source 'nosuch'").contains("classify");
    }

    @Test
    void missingEvidenceAndCaseAreNotFound() throws Exception {
        cli.run("lookup", "--case", "t4", "example.org");
        var r = cli.run("evidence", "--case", "t4", "999999");
        assertThat(r.exit()).isEqualTo(5);
        assertThat(r.err()).contains("no evidence 999999");
        var c = cli.run("case", "show", "nosuchcase");
        assertThat(c.exit()).isEqualTo(5);
        var d = cli.run("case", "delete", "t4");
        assertThat(d.exit()).isZero();
        assertThat(cli.run("case", "list").out()).doesNotContain("t4");
    }

    @Test
    void sourcesListsKindsAndNeverPrintsKeys() throws Exception {
        Path config = home.resolve("config.toml");
        Files.writeString(config, "[sources.classify]\nkey = \"SEKRIT-abc123\"\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        cli.env.put("INFRAPIVOT_CASE_KEY", "ENVSEKRIT-xyz789");
        var r = cli.run("sources", "--json", "-v");
        assertThat(r.exit()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("SEKRIT-abc123").doesNotContain("ENVSEKRIT-xyz789");
        assertThat(r.err()).contains("readable by other users");
        List<JsonNode> n = jsonLines(r.out());
        assertThat(n).anySatisfy(s -> {
            assertThat(s.get("id").asText()).isEqualTo("classify");
            assertThat(s.get("access").asText()).isEqualTo("offline");
            assertThat(s.get("ready").asBoolean()).isTrue();
        });
        var human = cli.run("sources", "-v");
        assertThat(human.out() + human.err()).doesNotContain("SEKRIT");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        assertThat(cli.run("sources").err()).doesNotContain("readable by other users");
    }

    @Test
    void invalidConfigFileIsAnEnvironmentError() throws Exception {
        Files.writeString(home.resolve("config.toml"), "[sources\nbroken = ");
        var r = cli.run("sources");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).startsWith("infrapivot: cannot read config file");
    }

    @Test
    void updateDataInstallsANewerSuffixListAndRejectsGarbage() throws Exception {
        String bundled;
        try (var in = getClass().getResourceAsStream("/io/infrapivot/model/public_suffix_list.dat")) {
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(cli.run("parse", "--json", "alice.blogs.infrapivot-test.com").out()).contains("\"type\":\"host\"");
        String newer = "// VERSION: 2099-01-01_00-00-00_UTC\n" + bundled.replace("// ===END PRIVATE DOMAINS===",
                "blogs.infrapivot-test.com\n// ===END PRIVATE DOMAINS===");
        Path file = home.resolve("psl.dat");
        Files.writeString(file, newer);
        var r = cli.run("update-data", "--only", "psl", "--psl-url", file.toUri().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("2099-01-01");
        var p = cli.run("parse", "--json", "alice.blogs.infrapivot-test.com");
        JsonNode n = jsonLines(p.out()).get(0);
        assertThat(n.get("type").asText()).isEqualTo("domain");
        assertThat(n.get("public_suffix").asText()).isEqualTo("blogs.infrapivot-test.com");

        Path garbage = home.resolve("garbage.dat");
        Files.writeString(garbage, "<html>503 Service Unavailable</html>");
        var g = cli.run("update-data", "--only", "psl", "--psl-url", garbage.toString());
        assertThat(g.exit()).isEqualTo(4);
        assertThat(g.err()).contains("not a Public Suffix List");
        assertThat(cli.run("update-data", "--status").out()).contains("2099-01-01");
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        var help = cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("lookup").contains("parse").contains("Exit codes");
        var bad = cli.run("lookup", "--no-such-option", "example.com");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--no-such-option");
    }

    @Test
    void launcherSaysClearlyWhenNoJdk21IsFound() throws Exception {
        Path fakeBin = Files.createDirectories(home.resolve("bin"));
        Path oldJava = fakeBin.resolve("java");
        Files.writeString(oldJava, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        oldJava.toFile().setExecutable(true);
        cli.env.put("PATH", fakeBin + ":/usr/bin:/bin");
        cli.env.remove("JAVA_HOME");
        cli.env.put("INFRAPIVOT_JVM_DIRS", "/nonexistent");
        var r = cli.run("parse", "example.com");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("needs a Java Development Kit 21 or newer");
    }

    @Test
    void selftestChecksTheInstallationOffline() throws Exception {
        var r = cli.run("selftest");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.outLines()).contains("ok  parser (9 samples)").anyMatch(l -> l.startsWith("ok  pivot ("))
                .last().asString().startsWith("selftest passed: 6 checks");
        // it works in a temporary folder: nothing is left in the user's data folder
        assertThat(home.resolve("data").resolve("cases")).doesNotExist();
    }

    @Test
    void launcherRecordsTheClassArchiveOncePerBuildAndKeepsStandardOutputClean() throws Exception {
        // a copy of the project with the built jar and no sources: the launcher has nothing to build
        Path repo = Files.createDirectories(home.resolve("copy"));
        Files.createDirectories(repo.resolve("scripts"));
        Files.createDirectories(repo.resolve("target"));
        Path real = cli.repo;
        Files.copy(real.resolve("infrapivot"), repo.resolve("infrapivot"));
        Files.copy(real.resolve("scripts/find-java.sh"), repo.resolve("scripts/find-java.sh"));
        Files.copy(real.resolve("target/infrapivot-all.jar"), repo.resolve("target/infrapivot-all.jar"));
        Cli copy = new Cli(home, repo);
        copy.env.remove("INFRAPIVOT_NO_BUILD");

        var first = copy.run("parse", "--json", "8.8.8.8");
        assertThat(first.exit()).as(first.err()).isZero();
        // one line says what the wait is; no JVM log line reaches either stream
        assertThat(first.err()).isEqualTo("infrapivot: recording the JVM's class archive for faster starts (once per"
                + " build)…\n");
        assertThat(first.outLines()).hasSize(1).allSatisfy(l -> assertThat(l).startsWith("{"));
        List<Path> archives;
        try (var s = Files.list(repo.resolve("target"))) {
            // an AOT cache on JDK 25+, a CDS archive before
            archives = s.filter(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")).toList();
        }
        assertThat(archives).hasSize(1);
        var made = Files.getLastModifiedTime(archives.get(0));

        // the next run maps it (these options make the JVM fail when it cannot) and does not record it again
        copy.env.put("INFRAPIVOT_JAVA_OPTS", archives.get(0).toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on");
        var second = copy.run("parse", "--json", "8.8.8.8");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(Files.getLastModifiedTime(archives.get(0))).isEqualTo(made);

        // a newer jar (a new build) gets a new archive; a stale one is never used
        Files.setLastModifiedTime(repo.resolve("target/infrapivot-all.jar"),
                java.nio.file.attribute.FileTime.fromMillis(made.toMillis() + 5_000));
        copy.env.remove("INFRAPIVOT_JAVA_OPTS");
        var third = copy.run("parse", "--json", "8.8.8.8");
        assertThat(third.exit()).as(third.err()).isZero();
        assertThat(Files.getLastModifiedTime(archives.get(0)).toMillis()).isGreaterThan(made.toMillis());

        // the CDS kind (what JDK 21-24 get) on demand: recorded, then mapped
        copy.env.put("INFRAPIVOT_CLASS_ARCHIVE", "cds");
        assertThat(copy.run("parse", "8.8.8.8").exit()).isZero();
        assertThat(repo.resolve("target/" + archives.get(0).getFileName().toString().replaceFirst("\\.(aot|jsa)$", ".jsa")))
                .exists();
        copy.env.put("INFRAPIVOT_JAVA_OPTS", "-Xshare:on");
        var cds = copy.run("parse", "--json", "8.8.8.8");
        assertThat(cds.exit()).as(cds.err()).isZero();
        assertThat(cds.err()).isEmpty();
        assertThat(cds.out()).isEqualTo(first.out());
        // off: nothing is recorded or used; a wrong value is one line and exit 4
        copy.env.remove("INFRAPIVOT_JAVA_OPTS");
        copy.env.put("INFRAPIVOT_CLASS_ARCHIVE", "off");
        Files.setLastModifiedTime(repo.resolve("target/infrapivot-all.jar"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        var off = copy.run("parse", "8.8.8.8");
        assertThat(off.exit()).isZero();
        assertThat(off.err()).isEmpty();
        copy.env.put("INFRAPIVOT_CLASS_ARCHIVE", "sometimes");
        var bad = copy.run("parse", "8.8.8.8");
        assertThat(bad.exit()).isEqualTo(4);
        assertThat(bad.err()).isEqualTo("infrapivot: INFRAPIVOT_CLASS_ARCHIVE must be auto, aot, cds or off, not"
                + " 'sometimes'\n");
    }
}
