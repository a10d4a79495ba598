package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code infrapivot extract} in-process: the JSON Lines schema, exit codes, --loose, --type, --unique. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExtractCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        return Main.run(new AppContext(t), args);
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
        }
        return l;
    }

    @Test
    void jsonLinesCarryTypeValueFoundFileOffsetAndContext() throws IOException {
        Path f = dir.resolve("report.txt");
        Files.writeString(f, "C2 hxxps://bad[.]example[.]com/gate\nand 192.0.2.1\u001b[31m\n");
        assertThat(run("extract", "--json", f.toString())).isEqualTo(ExitCodes.OK);
        List<JsonNode> l = lines();
        JsonNode url = l.stream().filter(n -> n.path("type").asText().equals("url")).findFirst().orElseThrow();
        assertThat(url.path("value").asText()).isEqualTo("https://bad.example.com/gate");
        assertThat(url.path("found").asText()).isEqualTo("hxxps://bad[.]example[.]com/gate");
        assertThat(url.path("file").asText()).isEqualTo(f.toString());
        assertThat(url.path("path").asText()).isEmpty();
        assertThat(url.path("offset").asLong()).isEqualTo(3);
        JsonNode ip = l.stream().filter(n -> n.path("type").asText().equals("ip")).findFirst().orElseThrow();
        assertThat(ip.path("value").asText()).isEqualTo("192.0.2.1");
        assertThat(ip.path("context").asText()).contains("192.0.2.1\u001b[31m");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b");
    }

    @Test
    void typeFilterUniqueAndLoose() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "1.2.3.4 evil.com 1.2.3.4 evil.com invoice.pdf\n");
        assertThat(run("extract", "-q", "--type", "ip", f.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1.2.3.4\n");
        out.reset();
        assertThat(run("extract", "--unique", "--json", f.toString())).isZero();
        assertThat(lines()).extracting(n -> n.path("value").asText()).containsExactly("1.2.3.4", "evil.com");
        out.reset();
        assertThat(run("extract", "--unique", "--loose", "--json", f.toString())).isZero();
        assertThat(lines()).extracting(n -> n.path("value").asText()).contains("invoice.pdf");
    }

    @Test
    void aBombIsAWarningAndExitOneTheRestIsReported() throws IOException {
        Path ok = dir.resolve("ok.txt");
        Files.writeString(ok, "fine.example.com");
        Path bomb = dir.resolve("zeros.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            o.write(new byte[8 << 20]);
        }
        assertThat(run("extract", "--json", bomb.toString(), ok.toString())).isEqualTo(ExitCodes.PARTIAL);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: bomb: " + bomb);
        assertThat(lines()).extracting(n -> n.path("value").asText()).containsExactly("fine.example.com");
    }

    @Test
    void missingFileIsBadInputOthersStillRead() throws IOException {
        Path ok = dir.resolve("ok.txt");
        Files.writeString(ok, "fine.example.com");
        assertThat(run("extract", dir.resolve("nope").toString(), ok.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file or directory");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("fine.example.com");
        assertThat(run("extract", "--strict", "--loose", ok.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("extract", "--type", "bogus", ok.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void userAllowlistExtendsTheBundledOne() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "partner.example.com and evil.example.net");
        Path allow = dir.resolve("allow.txt");
        Files.writeString(allow, "# ours\nexample.com\n");
        assertThat(run("extract", "-q", "--allowlist", allow.toString(), f.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("evil.example.net\n");
    }
}
