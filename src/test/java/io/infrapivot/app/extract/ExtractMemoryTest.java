package io.infrapivot.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB log, generated here, extracted by the real command in a JVM whose heap (64 MiB) is well below the size of the file:
 * the run can only succeed if memory does not grow with the input (the design streams it window by window).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ExtractMemoryTest {
    @TempDir
    Path dir;

    @Test
    void hundredMegabyteLogInASmallHeap() throws IOException, InterruptedException {
        Path log = dir.resolve("big.log");
        long size = 0;
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            w.write("first-sentinel.example.com\n");
            for (long i = 0; size < 100L << 20; i++) {
                String line = "2024-01-01T00:00:00Z host=web01 src=10.0." + (i % 50) + "." + (i % 200 + 1)
                        + " req=GET /index.html ua=\"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0\" ref=hxxp://ref"
                        + (i % 100) + "[.]example[.]org/p?id=" + i + "\n";
                w.write(line);
                size += line.length();
            }
            w.write("last-sentinel.example.net\n");
        }
        assertThat(Files.size(log)).isGreaterThan(100L << 20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "io.infrapivot.app.cli.Main", "extract", "-q", "-t", "host,ip",
                log.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("INFRAPIVOT_CONFIG", dir.resolve("config.toml").toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(280, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        List<String> values = Files.readAllLines(out);
        assertThat(values).contains("first-sentinel.example.com", "last-sentinel.example.net", "ref0.example.org",
                "ref99.example.org", "10.0.0.1", "10.0.49.200");
        // 100 referrer hosts, 50 x 200 addresses seen (i % 50, i % 200 + 1 pair up 200 ways), 2 sentinels
        assertThat(values).hasSize(100 + 200 + 2);
    }
}
