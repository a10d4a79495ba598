package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.source.file.TestBinaries;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher on a local file: {@code lookup ./sample.exe} gives the file's hashes and PE facts (offline), and
 * {@code pivot ./sample.exe --recipe file --depth 2} asks a hash service (hashlookup on MockWebServer) by those
 * hashes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FileLookupIT {
    @TempDir
    java.nio.file.Path home;

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
        return l;
    }

    @Test
    void aLocalFileGivesHashesAndHeaderFactsThenTheHashServices() throws Exception {
        Files.write(home.resolve("sample.exe"), TestBinaries.pe(null));
        Cli cli = new Cli(home);
        var r = cli.run("lookup", "--json", "--offline", "--case", "f", "./sample.exe");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> out = lines(r.out());
        assertThat(out.stream().filter(n -> "has-hash".equals(n.path("relation").asText())).count()).isEqualTo(4);
        JsonNode prop = out.stream().filter(n -> "file-property".equals(n.path("relation").asText())).findFirst()
                .orElseThrow();
        assertThat(prop.toString()).contains("bd277891bc63b9b30906f4b2093bca22", "e3fc995c592d71d366974d296ad129ea");

        try (MockWebServer hashlookup = new MockWebServer()) {
            hashlookup.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
                    .body("{\"message\": \"Non existing MD5\"}").build());
            for (int i = 0; i < 3; i++) {
                hashlookup.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body("{\"FileName\": \"sample.exe\", \"SHA-1\": \"00112233445566778899aabbccddeeff00112233\","
                                + " \"source\": \"NSRL\", \"hashlookup:trust\": 50}").build());
            }
            hashlookup.start(InetAddress.getLoopbackAddress(), 0);
            cli.env.put("INFRAPIVOT_HASHLOOKUP_ENABLED", "true");
            cli.env.put("INFRAPIVOT_HASHLOOKUP_URL", hashlookup.url("/").toString());
            var p = cli.run("pivot", "--json", "--case", "f", "--recipe", "file", "--depth", "2",
                    "--sources", "file,hashlookup", "./sample.exe");
            assertThat(p.exit()).as(p.err()).isIn(0, 1);
            // the MD5, SHA-1 and SHA-256 of the file were asked (SHA-512 is not a kind hashlookup takes)
            assertThat(hashlookup.getRequestCount()).isEqualTo(3);
            assertThat(p.out()).contains("\"verdict\"").contains("NSRL");
        }
    }

    @Test
    void aSavedPageGivesItsAnalyticsIdsOfflineAndItsHostileTitleEscaped() throws Exception {
        Files.writeString(home.resolve("page.html"), "<!-- saved from url=(0031)https://lure.savedpage.test/in -->"
                + "<html><head><title>\u001b[2J\u001b]0;owned\u0007 Bank</title>"
                + "<meta name=\"google-site-verification\" content=\"tok3n-AbC_123\">"
                + "<script>ga('create', 'UA-24681357-3', 'auto');</script></head></html>");
        Cli cli = new Cli(home);
        var r = cli.run("lookup", "--json", "--offline", "--case", "p", "./page.html");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> out = lines(r.out());
        assertThat(out).anySatisfy(n -> {
            assertThat(n.path("relation").asText()).isEqualTo("uses-analytics-id");
            assertThat(n.toString()).contains("UA-24681357-3");
        });
        assertThat(out).anySatisfy(n -> assertThat(n.path("relation").asText()).isEqualTo("verification-token"));
        assertThat(out).anySatisfy(n -> assertThat(n.toString()).contains("downloaded-from", "lure.savedpage.test"));
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007");

        var plain = cli.run("lookup", "--offline", "--case", "p", "./page.html");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("UA-24681357-3").contains("owned").doesNotContain("\u001b")
                .doesNotContain("\u0007");
    }
}
