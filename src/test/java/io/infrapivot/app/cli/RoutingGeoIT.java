package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher: {@code update-data --only geo} downloads a geolocation database (MaxMind's test database
 * served gzipped by a stand-in for DB-IP), and {@code lookup} then places an address with it in the location
 * section, without any setting naming the file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RoutingGeoIT {
    static final Path CITY = Path.of("../shared/data/maxmind-test-mmdb/test-data/GeoIP2-City-Test.mmdb")
            .toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void downloadedDatabaseLocatesAnAddressInTheReport() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(Files.readAllBytes(CITY));
        }
        try (MockWebServer dbip = new MockWebServer()) {
            dbip.start(InetAddress.getLoopbackAddress(), 0);
            dbip.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(gz.toByteArray())).build());
            Cli cli = new Cli(home);
            cli.env.put("INFRAPIVOT_GEOIP_ENABLED", "true");
            var u = cli.run("update-data", "--only", "geo", "--geo-url",
                    dbip.url("/free/").toString() + "dbip-city-lite-{month}.mmdb.gz");
            assertThat(u.exit()).as(u.err()).isZero();
            assertThat(u.out()).contains("GeoIP2-City").contains("DB-IP").contains("CC BY 4.0");
            assertThat(dbip.takeRequest().getUrl().encodedPath()).matches("/free/dbip-city-lite-\\d{4}-\\d{2}\\.mmdb\\.gz");

            var r = cli.run("lookup", "--sources", "geoip", "81.2.69.142");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("location").contains("GeoIP2-City (").contains("GB").contains("London")
                    .contains("±10 km");

            var j = cli.run("lookup", "--json", "--sources", "geoip", "81.2.69.142");
            assertThat(j.out()).contains("\"geolocation\"").contains("\"build_date\"");
        }
    }
}
