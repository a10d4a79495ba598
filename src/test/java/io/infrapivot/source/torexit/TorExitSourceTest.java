package io.infrapivot.source.torexit;

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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TorExitSourceTest {
    private static final Instant FETCHED = Instant.parse("2025-12-01T06:00:00Z");

    @TempDir
    Path data;
    MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LookupResult lookup(String ip) throws InterruptedException {
        var s = new SourceSettings(TorExitSource.ID, Map.of("data_folder", data.toString()));
        return new TorExitSource().lookup(Indicator.of(IndicatorType.IP, ip), new LookupContext(s,
                Duration.ofSeconds(5), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults()));
    }

    private void update() throws Exception {
        TorExitUpdate.refresh(new HttpFetcher(HttpFetcher.Options.defaults()),
                server.url("/torbulkexitlist").toString(), data.resolve(TorExitSource.ID), FETCHED);
    }

    @Test
    void exitsAreListedOfflineDatedWithTheDownload() throws Exception {
        assertThat(lookup("192.0.2.5").outcome()).isEqualTo(Outcome.SKIPPED);
        server.enqueue(new MockResponse.Builder().code(200).body("192.0.2.5\n198.51.100.9\n2001:db8::5\n\n").build());
        update();
        var r = lookup("192.0.2.5");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.observations().get(0).relation()).isEqualTo(Relation.LISTED_ON);
        assertThat(r.observations().get(0).value().path("list").asText()).isEqualTo("Tor exit");
        assertThat(r.observations().get(0).value().path("date").asText()).isEqualTo(FETCHED.toString());
        assertThat(lookup("2001:db8:0::5").observations()).hasSize(1);
        assertThat(lookup("192.0.2.6").outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void aRefreshedCopyIsNotAnsweredFromTheCache() throws Exception {
        var settings = new SourceSettings(TorExitSource.ID, Map.of("data_folder", data.toString()));
        String none = new TorExitSource().cacheKey(RunOptions.defaults(), settings);
        server.enqueue(new MockResponse.Builder().code(200).body("192.0.2.5\n").build());
        update();
        String first = new TorExitSource().cacheKey(RunOptions.defaults(), settings);
        assertThat(first).isNotEqualTo(none);
        java.nio.file.Files.setLastModifiedTime(data.resolve("torexit/list.properties"),
                java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(new TorExitSource().cacheKey(RunOptions.defaults(), settings)).isNotEqualTo(first);
        assertThat(new TorExitSource().readiness(settings).stale()).as("older than a day").isTrue();
    }

    @Test
    void anAnswerWithoutAddressesKeepsTheOldCopy() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("192.0.2.5\n").build());
        update();
        server.enqueue(new MockResponse.Builder().code(200).body("<html>blocked</html>").build());
        assertThatThrownBy(this::update).isInstanceOf(IOException.class).hasMessageContaining("no IP address");
        server.enqueue(new MockResponse.Builder().code(404).body("").build());
        assertThatThrownBy(this::update).isInstanceOf(IOException.class);
        assertThat(lookup("192.0.2.5").observations()).hasSize(1);
    }
}
