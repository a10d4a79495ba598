package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --maltego} through the real launcher: Maltego's TRX protocol answers behind the page's guard. */
class ServeMaltegoIT {
    private static final Pattern TRX = Pattern.compile("TRX\\) answer at (http://127\\.0\\.0\\.1:\\d+)/run/");

    @TempDir
    Path home;

    @Test
    void answersTransformRequestsBehindThePagesGuardAndStoresInTheCase() throws Exception {
        Cli cli = new Cli(home);
        Path out = home.resolve("serve.out");
        Path err = home.resolve("serve.err");
        Process p = cli.startInterruptible(out, err, "serve", "--maltego", "--port", "0", "--case", "web");
        try {
            String base = awaitBase(p, out, err);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String request = """
                    <MaltegoMessage><MaltegoTransformRequestMessage>
                    <Entities><Entity Type="maltego.DNSName">
                    <AdditionalFields><Field Name="fqdn" DisplayName="DNS Name">www.shop.example.co.uk</Field></AdditionalFields>
                    <Value>www.shop.example.co.uk</Value><Weight>100</Weight>
                    </Entity></Entities>
                    <Limits SoftLimit="12" HardLimit="12"/>
                    <TransformFields><Field Name="case">trx-served</Field></TransformFields>
                    </MaltegoTransformRequestMessage></MaltegoMessage>
                    """;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/run/infrapivot.DNSNameToDomain/"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("MaltegoTransformResponseMessage").contains("example.co.uk")
                    .doesNotContain("MaltegoTransformExceptionMessage");

            // the same guard as the page: a GET is not a transform, a foreign Origin is refused
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/run/infrapivot.DNSNameToDomain/"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/run/infrapivot.DNSNameToDomain/")).header("Origin", "http://evil.example")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);
        } finally {
            p.destroy();
            p.waitFor();
        }
        // what Maltego found is in the case the request named
        Cli.Result history = cli.run("history", "--case", "trx-served", "www.shop.example.co.uk");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("example.co.uk");
    }

    private static String awaitBase(Process p, Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = TRX.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) return m.group(1);
            if (!p.isAlive()) break;
            Thread.sleep(100);
        }
        throw new AssertionError("serve --maltego did not print its TRX address; stdout: "
                + (Files.exists(out) ? Files.readString(out) : "") + " stderr: "
                + (Files.exists(err) ? Files.readString(err) : ""));
    }
}
