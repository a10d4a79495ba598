package io.infrapivot.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** update-data --geo against a stand-in for DB-IP's download server, serving MaxMind's test database gzipped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GeoDataTest {
    static final Path CITY = Path.of("../shared/data/maxmind-test-mmdb/test-data/GeoIP2-City-Test.mmdb")
            .toAbsolutePath().normalize();

    MockWebServer server;
    @TempDir
    Path data;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private String template() {
        return server.url("/free/").toString() + "dbip-city-lite-{month}.mmdb.gz";
    }

    private void enqueueBytes(int code, byte[] body) {
        server.enqueue(new MockResponse.Builder().code(code).body(new Buffer().write(body))
                .setHeader("Content-Type", "application/octet-stream").build());
    }

    @Test
    void downloadsUnpacksChecksAndKeepsTheMonthsFile() throws Exception {
        enqueueBytes(200, gzip(Files.readAllBytes(CITY)));
        GeoData geo = new GeoData(data);
        var d = geo.refresh(template(), LocalDate.of(2026, 12, 2));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/free/dbip-city-lite-2026-12.mmdb.gz");
        assertThat(d.databaseType()).isEqualTo("GeoIP2-City");
        assertThat(d.file()).isEqualTo(data.resolve("geo").resolve("dbip-city-lite.mmdb"));
        assertThat(Files.size(d.file())).isEqualTo(Files.size(CITY));
        assertThat(d.bytes()).isEqualTo(Files.size(CITY));
        try (var files = Files.list(data.resolve("geo"))) {
            assertThat(files).hasSize(1); // no temporary file left
        }
    }

    @Test
    void fallsBackToLastMonthWhenThisMonthsIsNotOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("Not Found").build());
        enqueueBytes(200, gzip(Files.readAllBytes(CITY)));
        var d = new GeoData(data).refresh(template(), LocalDate.of(2027, 1, 1));
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("-2027-01.mmdb.gz");
        assertThat(server.takeRequest().getUrl().encodedPath()).endsWith("-2026-12.mmdb.gz");
        assertThat(d.url()).endsWith("-2026-12.mmdb.gz");
    }

    @Test
    void aFileThatIsNotADatabaseReplacesNothing() throws Exception {
        enqueueBytes(200, gzip(Files.readAllBytes(CITY)));
        GeoData geo = new GeoData(data);
        geo.refresh(template(), LocalDate.of(2026, 12, 2));
        long before = Files.size(geo.file());
        enqueueBytes(200, gzip("<html>maintenance</html>".repeat(50).getBytes()));
        assertThatThrownBy(() -> geo.refresh(template(), LocalDate.of(2026, 12, 2)))
                .hasMessageContaining("is not a MaxMind DB database");
        assertThat(Files.size(geo.file())).isEqualTo(before);
        enqueueBytes(200, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5});
        assertThatThrownBy(() -> geo.refresh(template(), LocalDate.of(2026, 12, 2))).isInstanceOf(java.io.IOException.class);
        assertThat(Files.size(geo.file())).isEqualTo(before);
    }

    @Test
    void serverErrorsAndOversizedAnswersAreClear() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        assertThatThrownBy(() -> new GeoData(data).refresh(template(), LocalDate.of(2026, 12, 2)))
                .hasMessageContaining("HTTP 503");
        enqueueBytes(200, gzip(Files.readAllBytes(CITY)));
        assertThatThrownBy(() -> new GeoData(data, 1000).refresh(template(), LocalDate.of(2026, 12, 2)))
                .hasMessageContaining("more than 1000 bytes");
        assertThat(Files.exists(data.resolve("geo").resolve("dbip-city-lite.mmdb"))).isFalse();
    }
}
