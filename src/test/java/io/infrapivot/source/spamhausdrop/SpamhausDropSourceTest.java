package io.infrapivot.source.spamhausdrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.http.HttpFetcher;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The DROP lists fetched from a stand-in by the update, then read offline by the source. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpamhausDropSourceTest {
    static final String V4 = """
            {"cidr":"198.51.100.0/24","sblid":"SBL000001","rir":"ripencc"}
            {"cidr":"203.0.113.0/25","sblid":"SBL000002","rir":"apnic"}
            {"type":"metadata","timestamp":1764460800,"size":140,"records":2,"copyright":"(c) 2025 The Spamhaus Project SLU","terms":"https://www.spamhaus.org/drop/terms/"}
            """;
    static final String V6 = """
            {"cidr":"2001:db8:bad::/48","sblid":"SBL000003","rir":"arin"}
            {"type":"metadata","timestamp":1764374400,"size":60,"records":1,"copyright":"(c) 2025 The Spamhaus Project SLU","terms":"https://www.spamhaus.org/drop/terms/"}
            """;
    static final String ASN = """
            {"asn":64511,"rir":"ripencc","domain":"bad.example","cc":"NL","asname":"BAD-AS"}
            {"type":"metadata","timestamp":1764460800,"size":80,"records":1,"copyright":"(c) 2025 The Spamhaus Project SLU","terms":"https://www.spamhaus.org/drop/terms/"}
            """;

    @TempDir
    Path data;
    MockWebServer server;
    final Map<String, String> bodies = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        bodies.put("/drop/drop_v4.json", V4);
        bodies.put("/drop/drop_v6.json", V6);
        bodies.put("/drop/asndrop.json", ASN);
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String b = bodies.get(r.getUrl().encodedPath());
                return b == null ? new MockResponse.Builder().code(404).body("not found").build()
                        : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/x-ndjson").body(b).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LookupResult lookup(Indicator i) throws InterruptedException {
        var s = new SourceSettings(SpamhausDropSource.ID, Map.of("data_folder", data.toString()));
        return new SpamhausDropSource().lookup(i, new LookupContext(s, Duration.ofSeconds(5),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), IndicatorParser.standard(),
                CaseView.EMPTY, RunOptions.defaults()));
    }

    private void update() throws Exception {
        DropUpdate.refresh(new HttpFetcher(HttpFetcher.Options.defaults()), server.url("/drop").toString(),
                data.resolve(SpamhausDropSource.ID));
    }

    @Test
    void withoutADownloadedCopyTheSourceSaysToRunUpdateData() throws Exception {
        var r = lookup(Indicator.of(IndicatorType.IP, "198.51.100.7"));
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.message()).contains("update-data");
        var settings = new SourceSettings(SpamhausDropSource.ID, Map.of("data_folder", data.toString()));
        var before = new SpamhausDropSource().readiness(settings);
        assertThat(before.isReady()).isFalse();
        assertThat(before.reason()).contains("update-data --only reputation");
        update();
        var after = new SpamhausDropSource().readiness(settings);
        assertThat(after.isReady()).isTrue();
        assertThat(after.stale()).isFalse();
        var strict = new SourceSettings(SpamhausDropSource.ID, Map.of("data_folder", data.toString(),
                "stale_after", "1s"));
        Files.setLastModifiedTime(data.resolve("spamhausdrop/list.properties"),
                java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        assertThat(new SpamhausDropSource().readiness(strict).stale()).isTrue();
    }

    @Test
    void listedAddressesNetworksAndAsnsAreFoundOffline() throws Exception {
        update();
        server.close(); // no network at lookup time
        var r = lookup(Indicator.of(IndicatorType.IP, "198.51.100.7"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var o = r.observations().get(0);
        assertThat(o.relation()).isEqualTo(Relation.LISTED_ON);
        assertThat(o.value().path("list").asText()).isEqualTo("Spamhaus DROP");
        assertThat(o.value().path("sbl").asText()).isEqualTo("SBL000001");
        assertThat(o.value().path("network").asText()).isEqualTo("198.51.100.0/24");
        assertThat(o.value().path("date").asText()).isEqualTo("2025-11-30T00:00:00Z");
        assertThat(lookup(Indicator.of(IndicatorType.IP, "203.0.113.200")).outcome()).as("outside the /25")
                .isEqualTo(Outcome.EMPTY);
        assertThat(lookup(Indicator.of(IndicatorType.IP, "2001:db8:bad::1")).observations()).hasSize(1);
        assertThat(lookup(Indicator.of(IndicatorType.CIDR, "198.51.100.128/26")).observations()).hasSize(1);
        var asn = lookup(Indicator.of(IndicatorType.ASN, "AS64511"));
        assertThat(asn.observations().get(0).value().path("list").asText()).isEqualTo("Spamhaus ASN-DROP");
        assertThat(asn.observations().get(0).value().path("asname").asText()).isEqualTo("BAD-AS");
        assertThat(lookup(Indicator.of(IndicatorType.ASN, "AS64500")).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void aFailedRefreshKeepsTheOldCopy() throws Exception {
        update();
        bodies.put("/drop/drop_v4.json", "<!DOCTYPE html><html><body>maintenance</body></html>");
        assertThatThrownBy(this::update).isInstanceOf(IOException.class).hasMessageContaining("not Spamhaus DROP");
        bodies.remove("/drop/asndrop.json");
        assertThatThrownBy(this::update).isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
        assertThat(lookup(Indicator.of(IndicatorType.IP, "198.51.100.7")).observations()).hasSize(1);
        assertThat(Files.readString(data.resolve("spamhausdrop/drop_v4.json"))).isEqualTo(V4);
    }
}
