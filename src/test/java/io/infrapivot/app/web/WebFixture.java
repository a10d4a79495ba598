package io.infrapivot.app.web;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The simulated internet's case (a depth-2 domain pivot from its first domain) in a temporary folder, a web
 * server on it, and a headless Chromium driven by Selenium — the driver and browser given by path, so
 * Selenium Manager never runs (and never goes online).
 */
final class WebFixture implements AutoCloseable {
    static final String CASE = "scenario";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    final SimulatedInternet net;
    final Path dir;
    final CaseRepository cases;
    final Config config;
    final IndicatorParser parser = IndicatorParser.standard();
    final SourceRegistry registry;
    WebServer server;

    WebFixture() throws Exception {
        net = new SimulatedInternet(Duration.ZERO);
        dir = Files.createTempDirectory("web-fixture");
        Map<String, String> env = new HashMap<>(net.env());
        env.put("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString());
        config = Config.load(env, dir.toString());
        List<Source> sources = new ArrayList<>(SourceRegistry.builtIn().all());
        sources.add(new SlowSource());
        registry = new SourceRegistry(sources);
        cases = new SqliteCaseRepository(dir.resolve("cases"));
        try (CaseStore store = cases.open(CASE);
             Engine engine = new Engine(registry, config, store, parser, Clock.systemUTC())) {
            Pivot pivot = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
            Selection sel = new Selection(Set.of(SimulatedInternet.SOURCES.split(",")), Set.of(), false, false);
            Pivot.Options o = new Pivot.Options(2, 100_000, null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD, sel,
                    new RunOptions(List.of(net.resolver()), false, null, null,
                            Pivot.resultCap(NoiseRules.DEFAULT_SHARED_THRESHOLD)), Duration.ofSeconds(60), false);
            pivot.run(List.of(Indicator.parse(SimulatedInternet.DOMAINS.get(0))), Recipe.load("domain"), o, null);
        }
    }

    /** Starts the server (loopback unless told) on a free port. */
    WebServer start(InetAddress bind, Set<String> allowed) throws Exception {
        Runs runs = new Runs(new Runs.Setup(registry, config, parser, dir.resolve("data"), Clock.systemUTC(),
                List.of(net.resolver()), Duration.ofSeconds(60)));
        server = new WebServer(new WebServer.Options(bind, 0, allowed, CASE, GraphView.DEFAULT_FOLD_LIMIT,
                GraphView.DEFAULT_MAX_NODES), cases, parser, runs).start();
        return server;
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    static ChromeDriver browser() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--disable-extensions", "--no-first-run", "--disable-background-networking",
                "--disable-search-engine-choice-screen");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    @Override
    public void close() {
        if (server != null) server.close();
        net.close();
    }

    /**
     * A source for the Cancel test: accepts IPs and domains, answers only after a minute (unless interrupted). Active (so
     * unticked by default), ready without settings.
     */
    static final class SlowSource implements Source {
        @Override
        public SourceInfo info() {
            return SourceInfo.builder("slow").description("answers after a minute (tests)")
                    .accepts(IndicatorType.IP, IndicatorType.DOMAIN).produces(Relation.RESOLVES_TO).access(Access.ACTIVE)
                    .concurrency(4).ttl(Duration.ZERO).build();
        }

        @Override
        public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
            Thread.sleep(60_000);
            return LookupResult.of(List.of(), List.of());
        }
    }
}
