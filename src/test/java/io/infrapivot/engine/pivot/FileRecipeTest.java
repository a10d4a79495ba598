package io.infrapivot.engine.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Details;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.Relation;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.file.FileSource;
import io.infrapivot.source.thirdparty.Fixtures;
import io.infrapivot.source.triage.TriageSource;
import io.infrapivot.store.SqliteCaseRepository;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code file} recipe end to end: a local file the analyst names → its hashes (the offline file
 * source) → a hash service that knows the SHA-256 (Triage on MockWebServer, its documented shapes) → the domain and
 * IPs the sample contacted, all stored in the case.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FileRecipeTest {
    @TempDir
    Path dir;

    @Test
    void aNamedFileIsFollowedToWhatItContacted() throws Exception {
        Path sample = Files.write(dir.resolve("invoice.exe"), "MZ not really a program".getBytes());
        IndicatorParser reading = new IndicatorParser(IndicatorParser.standard().suffixList(), true);
        var parsed = ((ParseResult.Parsed) reading.parse(sample.toString())).parsed();
        String sha256 = ((Details.File) parsed.details()).sha256();
        try (MockWebServer triage = new MockWebServer()) {
            triage.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    String path = r.getUrl().encodedPath();
                    String q = r.getUrl().queryParameter("query");
                    String body;
                    if (path.equals("/v0/search") && ("sha256:" + sha256).equals(q)) {
                        body = "{\"data\":[{\"id\":\"201026-n8zz26cd4s\",\"kind\":\"file\",\"filename\":\"invoice.exe\"}]}";
                    } else if (path.equals("/v0/search")) {
                        body = "{\"data\":[]}";
                    } else if (path.equals("/v0/samples/201026-n8zz26cd4s/overview.json")) {
                        body = Fixtures.read("triage/overview.json");
                    } else {
                        return new MockResponse.Builder().code(404).body("{\"error\":\"NOT_FOUND\"}").build();
                    }
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body(body).build();
                }
            });
            triage.start(InetAddress.getLoopbackAddress(), 0);
            Config config = Config.load(Map.of("INFRAPIVOT_TRIAGE_URL", triage.url("/").toString(),
                    "INFRAPIVOT_TRIAGE_KEY", "k3y", "INFRAPIVOT_TRIAGE_RETRIES", "0"), dir.toString());
            try (CaseStore store = new SqliteCaseRepository(dir).open("file");
                 Engine engine = new Engine(new SourceRegistry(List.of(new FileSource(), new TriageSource())), config,
                         store, IndicatorParser.standard(), Clock.systemUTC())) {
                Pivot p = new Pivot(engine, store, NoiseRules.load(IndicatorParser.standard(), null, Set.of()),
                        Clock.systemUTC());
                RunOptions run = RunOptions.defaults().withNamedFiles(Map.of(sha256, sample));
                Pivot.Result r = p.run(List.of(parsed.indicator()), Recipe.load("file"), new Pivot.Options(4, 1000,
                        null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD, Selection.all(), run,
                        Duration.ofSeconds(20), false), null);
                Indicator hash = Indicator.fromCanonical(IndicatorType.HASH, sha256);
                Indicator c2 = Indicator.fromCanonical(IndicatorType.HOST, "c2.evil-example.com");
                assertThat(r.nodes().get(hash).hop()).isEqualTo(1);
                assertThat(r.nodes().get(c2).hop()).isEqualTo(2);
                assertThat(r.nodes()).containsKey(Indicator.fromCanonical(IndicatorType.IP, "192.0.2.44"));
                assertThat(store.observationsAbout(parsed.indicator()))
                        .anyMatch(o -> o.relation() == Relation.FILE_PROPERTY);
                assertThat(store.observationsAbout(hash))
                        .anyMatch(o -> o.relation() == Relation.VERDICT && o.sightings().stream().anyMatch(s -> s.source().equals("triage")));
            }
        }
    }
}
