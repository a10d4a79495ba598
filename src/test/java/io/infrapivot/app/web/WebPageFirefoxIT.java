package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.scenario.SimulatedInternet;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The page in a real Firefox (Debian's Firefox ESR, headless) at a 1366×768 viewport, on the simulated internet's
 * case. Selenium cannot drive Firefox here (it needs geckodriver, which Debian does not package), so
 * {@code src/test/node/firefox-page.mjs} drives it with puppeteer-core over WebDriver BiDi — Firefox's own remote
 * protocol, no driver binary. The script only observes and prints one JSON result; every assertion is here.
 * Firefox, node and npm come from {@code .ci/deps/web.sh}; puppeteer-core (pinned by src/test/node's lock file) is
 * installed into target/firefox-driver by {@code src/test/node/install.sh}, run here too (a no-op when installed).
 * Anything missing fails the test with what to run: it never skips.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class WebPageFirefoxIT {
    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    static final Path NODE_DIR = Path.of("src", "test", "node");
    static final Path DRIVER = Path.of("target", "firefox-driver").toAbsolutePath();
    static final Path SCREENSHOT = Path.of("target", "web-page-firefox.png").toAbsolutePath();
    static final int WIDTH = 1366, HEIGHT = 768;
    /** 768 less Firefox's tab strip and toolbar: what a 1366×768 laptop shows of the page. */
    static final int LAPTOP_HEIGHT = 658;
    static final String CLICKED = SimulatedInternet.DOMAINS.get(0);
    static final String LIVE_CASE = "ff-live";
    static final String LIVE_SEED = SimulatedInternet.DOMAINS.get(8);
    static final String HOSTILE_DOMAIN = "domain:xss-test.com";

    static WebFixture fx;
    static int storeIndicators;
    static List<StoredObservation> storeObservations;
    static Path downloads;
    static JsonNode result;
    static String stderr;

    @BeforeAll
    static void runFirefox() throws Exception {
        Path node = prerequisites();
        fx = new WebFixture();
        try (CaseStore store = fx.cases.openExisting(WebFixture.CASE)) {
            storeIndicators = store.indicators().size();
            storeObservations = store.observations();
        }
        fx.hostileCase();
        fx.start(InetAddress.getLoopbackAddress(), Set.of());
        Files.createDirectories(Path.of("target"));
        downloads = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "firefox-downloads");
        Files.deleteIfExists(SCREENSHOT);

        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode()
                .put("base", fx.base()).put("firefox", FIREFOX.toString())
                .put("modules", DRIVER.resolve("node_modules").toString())
                .put("width", WIDTH).put("height", HEIGHT).put("laptopHeight", LAPTOP_HEIGHT)
                .put("screenshot", SCREENSHOT.toString()).put("downloads", downloads.toString())
                .put("clickNode", "domain:" + CLICKED).put("clickValue", CLICKED)
                .put("filterType", "ip").put("otherType", "domain").put("cancelNode", "ip:" + SimulatedInternet.IPS.get(0));
        config.putObject("live").put("name", LIVE_CASE).put("seed", LIVE_SEED);
        ObjectNode hostile = config.putObject("hostile").put("case", WebFixture.HOSTILE_CASE)
                .put("jsUrl", WebFixture.JS_URL).put("domain", HOSTILE_DOMAIN);
        hostile.putArray("ids").add(HOSTILE_DOMAIN).add("org:" + WebFixture.IMG).add("url:" + WebFixture.JS_URL)
                .add(WebFixture.HOSTILE_CERT);
        Path configFile = downloads.resolveSibling(downloads.getFileName() + ".json");
        json.writeValue(configFile.toFile(), config);

        Path err = DRIVER.resolve("firefox-page.log"), outFile = DRIVER.resolve("firefox-page.json");
        Process p = new ProcessBuilder(node.toString(), NODE_DIR.resolve("firefox-page.mjs").toString(), configFile.toString())
                .redirectError(err.toFile()).redirectOutput(outFile.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            // Firefox is node's child: end both
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the Firefox script took over 3 minutes; its stderr:\n" + Files.readString(err));
        }
        byte[] out = Files.readAllBytes(outFile);
        stderr = Files.readString(err);
        String text = new String(out, StandardCharsets.UTF_8).strip();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        if (p.exitValue() != 0 || !last.startsWith("{")) {
            fail("the Firefox script ended with " + p.exitValue() + " and no result; its stderr:\n" + stderr + "\nstdout:\n" + text);
        }
        result = json.readTree(last);
    }

    /** Firefox, node and puppeteer-core, or a failure that says what to install. Returns node's path. */
    static Path prerequisites() throws IOException, InterruptedException {
        if (!Files.isExecutable(FIREFOX)) {
            fail(FIREFOX + " not found: run `bash .ci/deps/web.sh` (installs Debian's firefox-esr, node and npm)");
        }
        Path node = onPath("node").orElseGet(() -> fail("node not found on PATH: run `bash .ci/deps/web.sh`"));
        installDriver();
        return node;
    }

    /** src/test/node/install.sh: a no-op when target/firefox-driver holds the locked versions already. */
    static void installDriver() throws IOException, InterruptedException {
        Path log = Files.createTempFile("firefox-driver-install", ".log");
        try {
            Process install = new ProcessBuilder("bash", NODE_DIR.resolve("install.sh").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            install.getOutputStream().close();
            boolean ended = install.waitFor(2, TimeUnit.MINUTES);
            if (!ended) {
                install.descendants().forEach(ProcessHandle::destroyForcibly);
                install.destroyForcibly();
            }
            if (!ended || install.exitValue() != 0) {
                fail("puppeteer-core (src/test/node/package-lock.json) is not installed in " + DRIVER
                        + " and src/test/node/install.sh failed (run `bash .ci/deps/web.sh`; it needs npm and the npm"
                        + " registry):\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Optional<Path> onPath(String name) {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    @AfterAll
    static void stop() {
        if (fx != null) fx.close();
    }

    /** A step of the script: it must have run without an error. */
    static JsonNode step(String name) {
        JsonNode s = result.path("steps").path(name);
        assertThat(result.path("fatal").isMissingNode()).as("the script failed: %s\n%s", result.path("fatal"), stderr).isTrue();
        assertThat(s.isMissingNode()).as("step %s did not run; stderr:\n%s", name, stderr).isFalse();
        assertThat(s.path("error").isMissingNode()).as("step %s failed: %s", name, s.path("error").asText()).isTrue();
        return s;
    }

    static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void itIsFirefoxOverWebDriverBidi() {
        assertThat(result.path("browser").asText()).startsWith("firefox/");
        assertThat(step("load").path("userAgent").asText()).contains("Firefox/");
    }

    @Test
    void drawsEveryIndicatorOfTheStore() {
        JsonNode load = step("load");
        assertThat(load.path("indicators").asInt()).isEqualTo(storeIndicators);
        assertThat(load.path("drawn").asInt() + load.path("folded").asInt()).isEqualTo(storeIndicators);
        // the shared-hosting IP's co-hosted names are one group node
        assertThat(load.path("folded").asInt()).isGreaterThan(GraphView.DEFAULT_FOLD_LIMIT);
        assertThat(load.path("groups").asInt()).isPositive();
        assertThat(load.path("rows").asInt()).isEqualTo(load.path("drawn").asInt());
    }

    @Test
    void clickingANodeOnTheCanvasShowsItsFacts() {
        JsonNode click = step("click");
        assertThat(click.path("title").asText()).contains(CLICKED);
        assertThat(click.path("selectedNode").asText()).isEqualTo("domain:" + CLICKED);
        assertThat(click.path("selectedRow").asText()).contains(CLICKED);
        assertThat(strings(click.path("relations")))
                .isEqualTo(WebPageIT.relationsAbout(storeObservations, "domain:" + CLICKED));
    }

    @Test
    void theInspectorFitsTheSidePanel() {
        JsonNode side = step("click").path("side");
        assertThat(side.path("scrollWidth").asDouble()).as("no sideways scrolling in the inspector")
                .isLessThanOrEqualTo(side.path("clientWidth").asDouble());
        assertThat(side.path("factsRight").asDouble()).isPositive().isLessThanOrEqualTo(side.path("right").asDouble());
    }

    @Test
    void aTypeFilterHidesThatTypeInTableAndGraphAndSearchNarrowsTheTable() {
        JsonNode f = step("filter");
        assertThat(f.path("before").asInt()).isPositive();
        assertThat(f.path("hidden").path("checked").asBoolean()).isFalse();
        assertThat(f.path("hidden").path("rows").asInt()).isZero();
        assertThat(f.path("hidden").path("nodes").asInt()).isZero();
        assertThat(f.path("hidden").path("otherNodes").asInt()).isPositive();
        assertThat(f.path("restored").path("rows").asInt()).isEqualTo(f.path("before").asInt());
        assertThat(f.path("restored").path("nodes").asInt()).isPositive();
        assertThat(f.path("searchRows").asInt()).isPositive();
    }

    @Test
    void theTimelineHidesFactsOutsideTheWindow() {
        JsonNode t = step("timeline");
        // a click a fifth of the way along the "to" slider moved it there
        assertThat(t.path("toValue").asInt()).isBetween(100, 300);
        Set<String> shown = strings(t.path("shown")), drawn = strings(t.path("drawn"));
        assertThat(shown).isEqualTo(WebPageIT.shownIn(storeObservations, drawn, t.path("from").asLong(), t.path("to").asLong()));
        assertThat(shown).isNotEmpty();
        assertThat(shown.size()).isLessThan(drawn.size());
        assertThat(t.path("allShown").asInt()).isEqualTo(t.path("allEdges").asInt());
    }

    @Test
    void hostileStringsAreShownAsTextAndNothingRuns() {
        JsonNode h = step("hostile");
        assertThat(h.path("countAtLoad").asText()).isEqualTo("4");
        assertThat(h.path("listText").asText()).contains(WebFixture.IMG).contains(WebFixture.JS_URL);
        // a click on the URL's table row opened it
        assertThat(h.path("urlTitle").asText()).contains(WebFixture.JS_URL);
        JsonNode facts = h.path("factsOf");
        assertThat(facts.path(HOSTILE_DOMAIN).asText()).contains(WebFixture.IMG).contains(WebFixture.SCRIPT)
                .contains(WebFixture.JS_URL);
        assertThat(facts.path("org:" + WebFixture.IMG).asText()).contains(WebFixture.IMG);
        // the bidi override is shown as a visible code, never applied
        assertThat(facts.path(WebFixture.HOSTILE_CERT).asText()).contains("login⟨U+202E⟩gpj.exe");
        facts.forEach(f -> assertThat(f.asText()).doesNotContain("\u202E"));
        assertThat(h.path("evidence").asText()).contains(WebFixture.IMG).contains(WebFixture.SCRIPT);
        assertThat(h.path("xss").isNull()).as("a payload set window.__xss = %s", h.path("xss")).isTrue();
        assertThat(h.path("images").asInt()).isZero();
        assertThat(h.path("inlineScripts").asInt()).isZero();
        assertThat(strings(h.path("badLinks"))).isEmpty();
        assertThat(strings(result.path("dialogs"))).as("dialogs opened").isEmpty();
    }

    @Test
    void theTableWorksFromTheKeyboard() {
        JsonNode k = step("keyboard");
        assertThat(k.path("focused").asText()).isEqualTo(k.path("next").asText());
        assertThat(k.path("selected").asText()).isEqualTo(k.path("next").asText());
        assertThat(k.path("title").asText()).contains(k.path("next").asText().substring(k.path("next").asText().indexOf(':') + 1));
    }

    @Test
    void aGroupOpensOnAClickOnTheCanvasAndFoldsBack() {
        JsonNode g = step("group");
        int count = g.path("group").path("count").asInt(), page = g.path("page").asInt();
        assertThat(count).isGreaterThan(GraphView.DEFAULT_FOLD_LIMIT);
        assertThat(page).isEqualTo(Math.min(100, count));
        assertThat(g.path("opened").path("title").asText()).startsWith("group: " + count + " " + g.path("group").path("type").asText());
        assertThat(g.path("opened").path("shown").asText()).isEqualTo(page + " of " + count + " shown");
        assertThat(g.path("opened").path("folded").asInt()).isEqualTo(g.path("folded").asInt() - page);
        assertThat(g.path("afterFold").asInt()).isEqualTo(g.path("drawn").asInt());
        assertThat(g.path("back").path("shown").asText()).isEqualTo("0 of " + count + " shown");
        assertThat(g.path("back").path("folded").asInt()).isEqualTo(g.path("folded").asInt());
    }

    @Test
    void cancelStopsARunningLookup() {
        JsonNode c = step("cancel");
        assertThat(strings(c.path("ticked"))).containsExactly("slow");
        assertThat(c.path("state").asText()).isEqualTo("cancelled");
        // the slow source answers after a minute: the run ended because it was cancelled
        assertThat(c.path("cancelMillis").asLong()).isLessThan(30_000);
    }

    @Test
    void thePngAndSvgButtonsSaveTheViewWithLabelsEscaped() throws IOException {
        step("export");
        Path png = downloads.resolve("infrapivot-" + WebFixture.HOSTILE_CASE + ".png");
        Path svg = downloads.resolve("infrapivot-" + WebFixture.HOSTILE_CASE + ".svg");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG saved by Firefox").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(400);
        String text = Files.readString(svg);
        assertThat(text).startsWith("<svg").contains("&lt;img src=x onerror=window.__xss=1&gt;").doesNotContain("<img");
    }

    @Test
    void aLookupFromThePageAddsNodesLive() {
        JsonNode live = step("live");
        assertThat(live.path("caseName").asText()).isEqualTo(LIVE_CASE);
        assertThat(live.path("before").path("count").asText()).isEqualTo("1");
        // passive sources are ticked by default, active ones (the test's slow source) are not
        assertThat(live.path("before").path("dnsTicked").asBoolean()).isTrue();
        assertThat(live.path("before").path("slowTicked").asBoolean(true)).isFalse();
        assertThat(live.path("progress").asText()).startsWith("done").containsPattern("[1-9][0-9]* new nodes");
        try (CaseStore store = fx.cases.openExisting(LIVE_CASE)) {
            assertThat(live.path("count").asInt()).isGreaterThan(1).isEqualTo(store.indicators().size());
        }
    }

    @Test
    void noHorizontalOverflowAt1366x768() {
        assertFits(step("layout"), HEIGHT);
    }

    @Test
    void noHorizontalOverflowOnALaptopScreenLessTheBrowsersToolbars() {
        assertFits(step("laptop"), LAPTOP_HEIGHT);
    }

    /** The page fills the viewport exactly: nothing to scroll sideways or down, every pane inside, the graph usable. */
    static void assertFits(JsonNode m, int height) {
        assertThat(m.path("innerWidth").asInt()).isEqualTo(WIDTH);
        assertThat(m.path("innerHeight").asInt()).isEqualTo(height);
        assertThat(m.path("docScrollWidth").asInt()).isLessThanOrEqualTo(m.path("docClientWidth").asInt());
        assertThat(m.path("bodyScrollWidth").asInt()).isLessThanOrEqualTo(WIDTH);
        assertThat(m.path("docScrollHeight").asInt()).isLessThanOrEqualTo(m.path("docClientHeight").asInt());
        assertThat(m.path("barRightmost").asDouble()).isLessThanOrEqualTo(WIDTH);
        assertThat(m.path("main").path("scrollWidth").asInt()).isLessThanOrEqualTo(m.path("main").path("clientWidth").asInt());
        List<String> outside = new ArrayList<>();
        for (String pane : List.of("bar", "main", "filters", "center", "cy", "list", "side", "canvas")) {
            JsonNode r = m.path(pane);
            assertThat(r.isObject()).as("pane %s is on the page", pane).isTrue();
            // sub-pixel rounding of the grid's fractional rows
            if (r.path("left").asDouble() < 0 || r.path("right").asDouble() > WIDTH + 0.5
                    || r.path("bottom").asDouble() > height + 0.5) outside.add(pane + " " + r);
        }
        assertThat(outside).as("panes outside the viewport").isEmpty();
        // the graph keeps a usable area beside the filters and the inspector
        assertThat(m.path("cy").path("width").asDouble()).isGreaterThanOrEqualTo(700);
        assertThat(m.path("cy").path("height").asDouble()).isGreaterThanOrEqualTo(height * 0.45);
        assertThat(m.path("canvas").path("width").asDouble()).isEqualTo(m.path("cy").path("width").asDouble());
    }

    @Test
    void savesAScreenshotAtTheViewportSize() throws IOException {
        step("click");
        BufferedImage png = ImageIO.read(SCREENSHOT.toFile());
        assertThat(png).as("a PNG at %s", SCREENSHOT).isNotNull();
        assertThat(png.getWidth()).isEqualTo(WIDTH);
        assertThat(png.getHeight()).isEqualTo(HEIGHT);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    @Test
    void aFailedApiCallIsSaidOnTheStatusLineNotThrown() {
        JsonNode f = step("failures");
        assertThat(f.path("recipes").asText()).startsWith("recipes: ");
        assertThat(f.path("graph").asText()).startsWith("cannot load: ");
        assertThat(strings(f.path("pageErrors"))).as("unhandled rejections").isEmpty();
    }

    @Test
    void noScriptErrorOrCspViolationAndTheWatchersWork() {
        assertThat(strings(result.path("console"))).as("console errors and warnings (CSP violations among them)").isEmpty();
        assertThat(strings(result.path("pageErrors"))).as("uncaught errors and CSP reports").isEmpty();
        // the canary at the end: an inline script the CSP refuses, and an uncaught error, both seen
        step("canary");
        JsonNode canary = result.path("canary");
        assertThat(strings(canary.path("console"))).anyMatch(s -> s.contains("CSP violation"));
        assertThat(strings(canary.path("pageErrors"))).anyMatch(s -> s.contains("canary error"));
        assertThat(canary.path("ran").asBoolean(true)).as("the refused inline script ran").isFalse();
    }
}
