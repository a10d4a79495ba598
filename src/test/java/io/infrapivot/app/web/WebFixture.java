package io.infrapivot.app.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
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
import java.time.Instant;
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

    static final String HOSTILE_CASE = "xss";
    static final String IMG = "<img src=x onerror=window.__xss=1>";
    static final String SCRIPT = "</script><script>window.__xss=2</script>";
    static final String JS_URL = "javascript:window.__xss=3";
    static final String BIDI = "CN=login\u202Egpj.exe";
    static final String HOSTILE_CERT = "cert:" + "ab".repeat(32);

    /** The case {@value #HOSTILE_CASE}: its WHOIS organisation, TXT record, URL and certificate subject are hostile. */
    void hostileCase() {
        Instant now = Instant.now();
        Indicator domain = Indicator.parse("xss-test.com");
        Indicator org = Indicator.fromCanonical(IndicatorType.ORG, IMG);
        Indicator url = Indicator.fromCanonical(IndicatorType.URL, JS_URL);
        Indicator cert = Indicator.fromCanonical(IndicatorType.CERT, "ab".repeat(32));
        ObjectNode txt = JsonNodeFactory.instance.objectNode().put("type", "TXT").put("data", SCRIPT);
        ObjectNode subject = JsonNodeFactory.instance.objectNode().put("subject", BIDI);
        RawAnswer raw = RawAnswer.text("whois", "xss-test.com", "Registrant Organization: " + IMG + "\n" + SCRIPT,
                "text/plain", "ok", now, Duration.ofMillis(5));
        try (CaseStore store = cases.open(HOSTILE_CASE)) {
            store.addSeeds(List.of(domain));
            store.saveLookup("whois", domain, "", now, now, LookupResult.of(List.of(
                    Observation.link(domain, Relation.REGISTRANT_ORG, org, "whois", now, raw),
                    Observation.attribute(domain, Relation.DNS_RECORD, txt, "whois", now, raw),
                    Observation.link(domain, Relation.RELATED, url, "whois", now, raw),
                    Observation.link(cert, Relation.CERT_NAME, domain, "whois", now, raw),
                    Observation.attribute(cert, Relation.CLASSIFICATION, subject, "whois", now, raw)), List.of(raw)),
                    Duration.ofDays(1));
        }
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
