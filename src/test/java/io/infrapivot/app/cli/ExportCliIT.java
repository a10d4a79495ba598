package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code infrapivot import} and {@code export} through the real launcher: exit codes, files, messages. */
class ExportCliIT {
    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void importThenExportEveryFormat() throws Exception {
        Path list = Files.writeString(home.resolve("iocs.txt"), "evil[.]example\n198.51.100.3\n=cmd|' /C calc'!A0\n");
        Cli.Result imp = cli.run("import", list.toString(), "--case", "t");
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.err()).contains("imported 2 indicators").contains("import:iocs.txt");

        Cli.Result jsonl = cli.run("export", "--case", "t", "--format", "jsonl");
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        assertThat(jsonl.out()).contains("\"kind\":\"node\"").contains("\"value\":\"evil.example\"")
                .contains("\"relation\":\"contains\"");
        for (String f : new String[] {"csv", "graphml", "gexf", "stix21", "misp", "mtgx", "md", "html"}) {
            Path out = home.resolve("out." + f);
            Cli.Result r = cli.run("export", "--case", "t", "--format", f, "-o", out.toString());
            assertThat(r.exit()).as(f + ": " + r.err()).isZero();
            assertThat(Files.size(out)).as(f).isPositive();
            assertThat(r.err()).contains("wrote 3 indicators");
        }

        Cli.Result seeds = cli.run("import", list.toString(), "--case", "s", "--as-seeds");
        assertThat(seeds.exit()).isZero();
        assertThat(cli.run("case", "show", "s").out()).contains("evil.example");
    }

    @Test
    void badInputHasItsExitCode() throws Exception {
        Path list = Files.writeString(home.resolve("iocs.txt"), "evil.example\n");
        cli.run("import", list.toString(), "--case", "t");
        Cli.Result unknown = cli.run("export", "--case", "t", "--format", "pdf");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown format").doesNotContain("Exception");
        assertThat(cli.run("export", "--case", "nope", "--format", "jsonl").exit()).isEqualTo(5);
        assertThat(cli.run("export", "--case", "t", "--format", "jsonl", "--from", "other.example").exit()).isEqualTo(5);
        assertThat(cli.run("import", home.resolve("missing.json").toString()).exit()).isEqualTo(5);
        Path junk = Files.writeString(home.resolve("junk.json"), "{\"not\": \"stix\"}");
        Cli.Result j = cli.run("import", junk.toString(), "--case", "t");
        assertThat(j.exit()).isEqualTo(2);
        assertThat(j.err()).contains("neither a STIX 2.1 bundle nor a MISP event").doesNotContain("Exception");
        Path partial = Files.writeString(home.resolve("p.jsonl"), "{\"kind\":\"node\",\"type\":\"ip\",\"value\":\"1.2.3\"}\n"
                + "{\"kind\":\"node\",\"type\":\"domain\",\"value\":\"ok.example\"}\n");
        Cli.Result p = cli.run("import", partial.toString(), "--case", "t");
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.err()).contains("1 entries were not valid indicators");
    }
}
