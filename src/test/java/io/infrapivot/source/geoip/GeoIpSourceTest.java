package io.infrapivot.source.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The geoip source on MaxMind's own test databases (../shared/data/maxmind-test-mmdb, see its README). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GeoIpSourceTest {
    static final Path DATA = Path.of("../shared/data/maxmind-test-mmdb/test-data").toAbsolutePath().normalize();
    static final Path CITY = DATA.resolve("GeoIP2-City-Test.mmdb");
    static final Path COUNTRY = DATA.resolve("GeoIP2-Country-Test.mmdb");
    static final Path ASN = DATA.resolve("GeoLite2-ASN-Test.mmdb");
    static final Path ANON = DATA.resolve("GeoIP2-Anonymous-IP-Test.mmdb");
    static final Path BROKEN = DATA.resolve("GeoIP2-City-Test-Broken-Double-Format.mmdb");
    static final Path BROKEN_POINTERS = DATA.resolve("MaxMind-DB-test-broken-pointers-24.mmdb");

    private final GeoIpSource source = new GeoIpSource();

    private LookupResult lookup(String ip, Path... dbs) throws InterruptedException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("databases", String.join(",", java.util.Arrays.stream(dbs).map(Path::toString).toList()));
        LookupContext ctx = new LookupContext(new SourceSettings(GeoIpSource.ID, m), Duration.ofSeconds(30),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), IndicatorParser.standard(),
                CaseView.EMPTY, RunOptions.defaults());
        LookupResult r = source.lookup(Indicator.of(IndicatorType.IP, ip), ctx);
        for (Observation o : r.observations()) assertThat(source.info().produces()).contains(o.relation());
        return r;
    }

    private static List<JsonNode> geo(LookupResult r) {
        return r.observations().stream().filter(o -> o.relation() == Relation.GEOLOCATION).map(Observation::value)
                .toList();
    }

    @Test
    void cityDatabasePlacesLondonWithBuildDateAndAccuracy() throws Exception {
        LookupResult r = lookup("81.2.69.142", CITY);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        JsonNode v = geo(r).get(0);
        assertThat(v.get("database").asText()).isEqualTo("GeoIP2-City");
        assertThat(v.get("city").asText()).isEqualTo("London");
        assertThat(v.get("country").asText()).isEqualTo("GB");
        assertThat(v.get("region").asText()).isEqualTo("England");
        assertThat(v.get("latitude").asDouble()).isEqualTo(51.5142);
        assertThat(v.get("longitude").asDouble()).isEqualTo(-0.0931);
        assertThat(v.get("accuracy_radius_km").asLong()).isEqualTo(10);
        assertThat(v.get("network").asText()).isEqualTo("81.2.69.142/31");
        Instant built = Instant.parse(v.get("build_date").asText());
        assertThat(built).isAfter(Instant.parse("2010-01-01T00:00:00Z"));
        assertThat(r.evidence()).hasSize(1);
        assertThat(r.evidence().get(0).request()).contains("GeoIP2-City-Test.mmdb").contains("81.2.69.142");
    }

    @Test
    void ipv6AddressInCityDatabase() throws Exception {
        JsonNode v = geo(lookup("2001:480:10::1", CITY)).get(0);
        assertThat(v.get("city").asText()).isEqualTo("San Diego");
        assertThat(v.get("region").asText()).isEqualTo("California");
        assertThat(v.get("time_zone").asText()).isEqualTo("America/Los_Angeles");
    }

    @Test
    void asnDatabaseGivesAnnouncedBy() throws Exception {
        LookupResult r = lookup("1.128.0.0", ASN);
        assertThat(r.observations()).singleElement().satisfies(o -> {
            assertThat(o.relation()).isEqualTo(Relation.ANNOUNCED_BY);
            assertThat(o.object().value()).isEqualToIgnoringCase("AS1221");
            assertThat(o.value().get("as_name").asText()).isEqualTo("Telstra Pty Ltd");
            assertThat(o.value().get("prefix").asText()).isEqualTo("1.128.0.0/11");
        });
    }

    @Test
    void severalDatabasesEachAnswer() throws Exception {
        LookupResult r = lookup("81.2.69.142", CITY, COUNTRY, ASN);
        assertThat(geo(r)).extracting(v -> v.get("database").asText())
                .containsExactlyInAnyOrder("GeoIP2-City", "GeoIP2-Country");
        assertThat(geo(r)).allSatisfy(v -> assertThat(v.get("country").asText()).isEqualTo("GB"));
        assertThat(r.evidence()).hasSize(3);
    }

    @Test
    void genericReaderUnderstandsTheNestedLayoutToo() throws Exception {
        try (GeoDatabase db = GeoDatabase.open(CITY, true)) {
            assertThat(db.kind()).isEqualTo(GeoDatabase.Kind.GENERIC);
            GeoAnswer a = db.lookup(InetAddress.getByName("81.2.69.142")).orElseThrow();
            assertThat(a.city()).isEqualTo("London");
            assertThat(a.country()).isEqualTo("GB");
            assertThat(a.accuracyKm()).isEqualTo(10L);
            assertThat(a.network()).isEqualTo("81.2.69.142/31");
        }
    }

    @Test
    void anonymousIpDatabaseReadsButPlacesNothing() throws Exception {
        LookupResult r = lookup("1.2.0.1", ANON);
        assertThat(r.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(r.evidence().get(0).status()).isEqualTo("found");
    }

    @Test
    void addressNotInTheDatabaseIsEmpty() throws Exception {
        LookupResult r = lookup("192.0.2.1", CITY);
        assertThat(r.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(r.evidence().get(0).status()).isEqualTo("not found");
    }

    @Test
    void brokenDatabaseIsAClearErrorAndKeepsTheOthers() throws Exception {
        LookupResult alone = lookup("1.1.1.32", BROKEN_POINTERS);
        assertThat(alone.outcome()).as(alone.message()).isEqualTo(Outcome.ERROR);
        assertThat(alone.message()).contains("MaxMind-DB-test-broken-pointers-24.mmdb").doesNotContain("\n");
        LookupResult broken = lookup("2001:220::1", BROKEN);
        assertThat(broken.outcome()).as(broken.message()).isEqualTo(Outcome.ERROR);
        assertThat(broken.message()).contains("GeoIP2-City-Test-Broken-Double-Format.mmdb");
        LookupResult r = lookup("2001:220::1", BROKEN, CITY);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).contains("Broken-Double-Format");
        assertThat(geo(r)).extracting(v -> v.get("country").asText()).containsExactly("KR");
    }

    @Test
    void notADatabaseAtAllIsAOneLineError(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mmdb"), "this is not a database\n".repeat(100));
        LookupResult r = lookup("81.2.69.142", junk);
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.GARBAGE);
        assertThat(r.message()).contains("junk.mmdb").contains("not a valid MaxMind DB file").doesNotContain("\n");
        LookupResult missing = lookup("81.2.69.142", dir.resolve("absent.mmdb"), CITY);
        assertThat(missing.outcome()).isEqualTo(Outcome.OK);
        assertThat(missing.message()).contains("absent.mmdb").contains("is not a file");
    }

    @Test
    void aFolderIsReadAsItsMmdbFiles(@TempDir Path dir) throws Exception {
        Files.copy(CITY, dir.resolve("a.mmdb"));
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        LookupResult r = lookup("81.2.69.142", dir);
        assertThat(geo(r)).hasSize(1);
    }

    @Test
    void withoutDatabasesItIsSkippedWithTheSettingNamed() throws Exception {
        LookupContext ctx = new LookupContext(SourceSettings.empty(GeoIpSource.ID), Duration.ofSeconds(30),
                Clock.systemUTC(), IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults());
        LookupResult r = source.lookup(Indicator.of(IndicatorType.IP, "81.2.69.142"), ctx);
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.message()).containsIgnoringCase("databases");
    }

    @Test
    void withoutTheSettingTheDownloadedDatabaseIsRead(@TempDir Path data) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data_folder", data.toString());
        LookupContext ctx = new LookupContext(new SourceSettings(GeoIpSource.ID, m), Duration.ofSeconds(30),
                Clock.systemUTC(), IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults());
        assertThat(source.readiness(ctx.settings()).isReady()).isFalse();
        Files.createDirectories(data.resolve("geo"));
        assertThat(source.readiness(ctx.settings()).isReady()).isFalse();
        Files.copy(CITY, data.resolve("geo").resolve("dbip-city-lite.mmdb"));
        assertThat(source.readiness(ctx.settings()).isReady()).isTrue();
        LookupResult r = source.lookup(Indicator.of(IndicatorType.IP, "81.2.69.142"), ctx);
        assertThat(geo(r)).singleElement().satisfies(v -> assertThat(v.get("file").asText())
                .isEqualTo("dbip-city-lite.mmdb"));
    }

    @Test
    void aReplacedFileIsOpenedAgain(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("db.mmdb");
        Files.copy(COUNTRY, f);
        assertThat(geo(lookup("81.2.69.142", f)).get(0).get("database").asText()).isEqualTo("GeoIP2-Country");
        Files.copy(CITY, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(geo(lookup("81.2.69.142", f)).get(0).get("database").asText()).isEqualTo("GeoIP2-City");
    }

    @Test
    void layoutsOfOtherPublishers() {
        GeoAnswer.Builder b = GeoAnswer.builder("ipinfo lite.mmdb", "x.mmdb", Instant.EPOCH);
        GeoLayout.read(Map.of("country_code", "DE", "country", "Germany", "continent_code", "EU", "asn", "AS3320",
                "as_name", "Deutsche Telekom AG"), b);
        GeoAnswer a = b.build();
        assertThat(a.country()).isEqualTo("DE");
        assertThat(a.countryName()).isEqualTo("Germany");
        assertThat(a.asn()).isEqualTo(3320L);
        assertThat(a.locates()).isTrue();
        GeoAnswer.Builder c = GeoAnswer.builder("city", "y.mmdb", Instant.EPOCH);
        GeoLayout.read(Map.of("country_code", "FR", "state1", "Ile-de-France", "city", "Paris\nEvil", "latitude", 48.85,
                "longitude", 2.35, "lat", "bad"), c);
        GeoAnswer p = c.build();
        assertThat(p.region()).isEqualTo("Ile-de-France");
        assertThat(p.city()).doesNotContain("\n").startsWith("Paris");
        assertThat(p.latitude()).isEqualTo(48.85);
        GeoAnswer.Builder d = GeoAnswer.builder("odd", "z.mmdb", Instant.EPOCH);
        GeoLayout.read(Map.of("latitude", 900.0, "longitude", 2.0, "country", List.of("x")), d);
        assertThat(d.build().locates()).isFalse();
    }
}
