package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.HostingNetworks;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's {@code hosting-asns.txt} is found beside the config file the command line names ({@code --config
 * FILE}), not beside the environment's: it changes the noise mark of an ASN, the engine's list (which its sources'
 * lookups see) and the report's names; without the flag the environment's config folder counts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigFlagHostingTest {
    static final Indicator CUSTOM = Indicator.of(IndicatorType.ASN, "AS64500");
    static final Indicator CLOUDFLARE = Indicator.of(IndicatorType.ASN, "AS13335");

    @TempDir
    Path dir;

    private static AppContext context(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AppContext ctx = new AppContext(new Terminal(new PrintStream(sink), new PrintStream(sink), false, false));
        TeamOptions.apply(ctx, args);
        return ctx;
    }

    @Test
    void aConfigFlagsFolderWithAHostingFileChangesTheMark() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("config.toml"), "");
        // one network added, one of the shipped list taken away
        Files.writeString(mine.resolve("hosting-asns.txt"), "AS64500 examplehost hosting\nAS13335 - -\n");

        AppContext flagged = context("--config", mine.resolve("config.toml").toString(), "pivot", "AS64500");
        assertThat(flagged.config().file()).isEqualTo(mine.resolve("config.toml"));
        NoiseRules noise = NoiseRules.load(IndicatorParser.standard(), null, Set.of(),
                HostingNetworks.of(flagged.config()));
        assertThat(noise.judge(CUSTOM)).hasValueSatisfying(m -> {
            assertThat(m.rule()).isEqualTo(NoiseRules.KNOWN_NETWORK);
            assertThat(m.reason()).contains("examplehost hosting");
        });
        assertThat(noise.judge(CLOUDFLARE)).isEmpty();
        try (var store = new SqliteCaseRepository(dir.resolve("cases")).open("c");
             Engine engine = new Engine(SourceRegistry.builtIn(), flagged.config(), store, IndicatorParser.standard(),
                     Clock.systemUTC())) {
            assertThat(HostingNetworks.label(engine.hostingAsns(), "AS64500")).hasValue("examplehost hosting");
            assertThat(engine.hostingAsns().of(13335L)).isEmpty();
        }

        // the same environment without the flag: the environment's config (here: a folder with no file) counts
        Path other = Files.createDirectories(dir.resolve("other"));
        var plain = ConfigFile.load(null, Map.of("INFRAPIVOT_CONFIG", other.resolve("config.toml").toString()),
                dir.toString());
        NoiseRules shipped = NoiseRules.load(IndicatorParser.standard(), null, Set.of(), HostingNetworks.of(plain));
        assertThat(shipped.judge(CUSTOM)).isEmpty();
        assertThat(shipped.judge(CLOUDFLARE)).hasValueSatisfying(m -> assertThat(m.reason()).contains("cloudflare"));
        // and the flag wins over the environment's INFRAPIVOT_CONFIG
        var both = ConfigFile.load(mine.resolve("config.toml").toString(),
                Map.of("INFRAPIVOT_CONFIG", other.resolve("config.toml").toString()), dir.toString());
        assertThat(HostingNetworks.of(both).of("AS64500")).isPresent();
        // INFRAPIVOT_HOSTING_ASNS of the config's environment names the file outright
        Files.writeString(other.resolve("named.txt"), "AS64501 namedhost cloud\n");
        var named = ConfigFile.load(null, Map.of("INFRAPIVOT_CONFIG", other.resolve("config.toml").toString(),
                "INFRAPIVOT_HOSTING_ASNS", other.resolve("named.txt").toString()), dir.toString());
        assertThat(HostingNetworks.label(HostingNetworks.of(named), "64501")).hasValue("namedhost cloud");
    }

    @Test
    void theReportNamesTheNetworksOfTheConfigsList() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("hosting-asns.txt"), "AS64500 examplehost hosting\n");
        var list = HostingNetworks.forConfig(ConfigFile.load(mine.resolve("config.toml").toString(), Map.of(),
                dir.toString()));
        var ip = Indicator.of(IndicatorType.IP, "192.0.2.1");
        var fact = new io.infrapivot.engine.Fact(null, ip, io.infrapivot.model.Relation.ANNOUNCED_BY, CUSTOM,
                io.infrapivot.source.thirdparty.Json.object().put("prefix", "192.0.2.0/24"), java.util.List.of("cymru"),
                null, null, java.time.Instant.EPOCH, null, java.util.List.of());
        assertThat(String.join("\n", RoutingSection.lines(ip, java.util.List.of(fact), list)))
                .contains("examplehost hosting");
        assertThat(String.join("\n", RoutingSection.lines(ip, java.util.List.of(fact)))).doesNotContain("examplehost");
    }

    /** RIPEstat's AS16509 answers (a big cloud's AS) from a stand-in, through an engine of {@code config}. */
    private static java.util.List<io.infrapivot.engine.Fact> announced(AppContext ctx, Path cases) throws Exception {
        try (var store = new SqliteCaseRepository(cases).open("c");
             Engine engine = new Engine(SourceRegistry.builtIn(), ctx.config(), store, IndicatorParser.standard(),
                     Clock.systemUTC());
             var session = engine.session()) {
            var out = session.lookup(java.util.List.of(Indicator.of(IndicatorType.ASN, "AS16509")),
                    new io.infrapivot.engine.Selection(Set.of("ripestat"), Set.of(), false, false),
                    io.infrapivot.source.RunOptions.defaults(), java.time.Duration.ofSeconds(20), true, null, null);
            return out.stream().flatMap(o -> o.facts().stream())
                    .filter(f -> f.relation() == io.infrapivot.model.Relation.ANNOUNCED_BY).toList();
        }
    }

    @Test
    void aSourcesLookupMarksAfterTheFlaggedConfigsList() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest r) {
                    String file = r.getUrl().encodedPath().contains("as-overview") ? "ripestat/as-overview.json"
                            : "ripestat/announced-prefixes.json";
                    return new mockwebserver3.MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "application/json")
                            .body(io.infrapivot.source.thirdparty.Fixtures.read(file)).build();
                }
            });
            server.start();
            String url = server.url("/").toString().replaceAll("/$", "");
            Files.writeString(mine.resolve("config.toml"), "[sources.ripestat]\nurl = \"" + url + "\"\n");
            // the shipped list marks a prefix of AS16509 as amazon's cloud ...
            Files.writeString(mine.resolve("hosting-asns.txt"), "# nothing of mine\n");
            var shipped = announced(context("--config", mine.resolve("config.toml").toString()), dir.resolve("a"));
            assertThat(shipped).isNotEmpty().allSatisfy(f -> assertThat(f.value().path("hosting").asText())
                    .isEqualTo("amazon cloud"));
            // ... the user's file beside the flagged config renames it
            Files.writeString(mine.resolve("hosting-asns.txt"), "AS16509 mycloud hosting\n");
            var renamed = announced(context("--config", mine.resolve("config.toml").toString()), dir.resolve("b"));
            assertThat(renamed).isNotEmpty().allSatisfy(f -> assertThat(f.value().path("hosting").asText())
                    .isEqualTo("mycloud hosting"));
        }
    }
}
