package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.source.LookupResult;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (headless Chromium through Selenium) on the simulated internet's case: what it
 * draws against what the store holds, the inspector, filters, the timeline, live runs and Cancel, and hostile
 * strings shown as text. One browser for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {
    static WebFixture fx;
    static ChromeDriver driver;
    static int storeIndicators;
    static List<StoredObservation> storeObservations;

    static final String IMG = "<img src=x onerror=window.__xss=1>";
    static final String SCRIPT = "</script><script>window.__xss=2</script>";
    static final String JS_URL = "javascript:window.__xss=3";
    static final String BIDI = "CN=login\u202Egpj.exe";

    @BeforeAll
    static void start() throws Exception {
        fx = new WebFixture();
        try (CaseStore store = fx.cases.openExisting(WebFixture.CASE)) {
            storeIndicators = store.indicators().size();
            storeObservations = store.observations();
        }
        hostileCase();
        fx.start(InetAddress.getLoopbackAddress(), Set.of());
        driver = WebFixture.browser();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (fx != null) fx.close();
    }

    /** A case whose WHOIS organisation, TXT record, URL and certificate subject are hostile. */
    static void hostileCase() {
        Instant now = Instant.now();
        Indicator domain = Indicator.parse("xss-test.com");
        Indicator org = Indicator.fromCanonical(IndicatorType.ORG, IMG);
        Indicator url = Indicator.fromCanonical(IndicatorType.URL, JS_URL);
        Indicator cert = Indicator.fromCanonical(IndicatorType.CERT, "ab".repeat(32));
        ObjectNode txt = JsonNodeFactory.instance.objectNode().put("type", "TXT").put("data", SCRIPT);
        ObjectNode subject = JsonNodeFactory.instance.objectNode().put("subject", BIDI);
        RawAnswer raw = RawAnswer.text("whois", "xss-test.com", "Registrant Organization: " + IMG + "\n" + SCRIPT,
                "text/plain", "ok", now, Duration.ofMillis(5));
        try (CaseStore store = fx.cases.open("xss")) {
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

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static void open(String query) {
        driver.get(fx.base() + "/" + query);
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true".equals(
                js("return document.body.dataset.ready || null")));
    }

    static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    static List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Test
    @Order(1)
    void drawsEveryIndicatorOfTheStoreAndSavesAScreenshot() throws Exception {
        open("");
        assertThat(Integer.parseInt(driver.findElement(By.id("count-indicators")).getText())).isEqualTo(storeIndicators);
        long drawn = (Long) js("return window.infrapivot.state.cy.nodes().not('.group').length");
        long folded = Long.parseLong(driver.findElement(By.id("count-folded")).getText());
        long groups = (Long) js("return window.infrapivot.state.cy.nodes('.group').length");
        assertThat(drawn + folded).isEqualTo(storeIndicators);
        // the shared-hosting IP's co-hosted names are one group node, not hundreds
        assertThat(folded).isGreaterThan(GraphView.DEFAULT_FOLD_LIMIT);
        assertThat(groups).isGreaterThanOrEqualTo(1);
        Path png = Path.of("target", "web-page.png");
        Files.createDirectories(png.getParent());
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(png)).isGreaterThan(10_000);
        assertThat(severeLogs()).as("no script or CSP errors").isEmpty();
    }

    @Test
    @Order(2)
    void clickingANodeShowsItsFacts() throws Exception {
        open("");
        String id = "domain:" + SimulatedInternet.DOMAINS.get(0);
        Map<?, ?> pos = (Map<?, ?>) js("const c = window.infrapivot.state.cy; const n = c.getElementById(arguments[0]);"
                + "c.center(n); return n.renderedPosition();", id);
        WebElement cy = driver.findElement(By.id("cy"));
        int x = ((Number) pos.get("x")).intValue() - cy.getSize().getWidth() / 2;
        int y = ((Number) pos.get("y")).intValue() - cy.getSize().getHeight() / 2;
        new Actions(driver).moveToElement(cy, x, y).click().perform();
        waiting(20).until(d -> d.findElement(By.id("inspector")).getText().contains("resolves-to"));
        String text = driver.findElement(By.id("inspector-title")).getText();
        assertThat(text).contains(SimulatedInternet.DOMAINS.get(0));
        Set<String> relations = driver.findElements(By.cssSelector("#inspector tr.fact td:first-child")).stream()
                .map(WebElement::getText).map(s -> s.replace("← ", "")).collect(Collectors.toSet());
        Set<String> expected = storeObservations.stream()
                .filter(o -> o.subject().key().equals(id) || (o.object() != null && o.object().key().equals(id)))
                .filter(o -> o.relation() != Relation.NOISE).map(o -> o.relation().id()).collect(Collectors.toSet());
        assertThat(relations).isEqualTo(expected);
        // the table row of the node is selected too
        assertThat(driver.findElement(By.cssSelector("#list-body tr.selected")).getText()).contains(SimulatedInternet.DOMAINS.get(0));
        // the README's picture: the scenario case with its seed in the inspector
        Path png = Path.of("target", "web-page-inspector.png");
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    @Order(3)
    void filtersHideTypesInGraphAndTable() {
        open("");
        assertThat(rowsOfType("ip")).isPositive();
        driver.findElement(By.cssSelector("input[data-filter=type][value=ip]")).click();
        waiting(5).until(d -> rowsOfType("ip") == 0);
        assertThat((Long) js("return window.infrapivot.state.cy.nodes('[type = \"ip\"]').not('.hidden').length")).isZero();
        assertThat((Long) js("return window.infrapivot.state.cy.nodes('[type = \"domain\"]').not('.hidden').length")).isPositive();
        driver.findElement(By.cssSelector("input[data-filter=type][value=ip]")).click();
        assertThat(rowsOfType("ip")).isPositive();
        // search narrows the table to matching values
        driver.findElement(By.id("search")).sendKeys(SimulatedInternet.DOMAINS.get(0));
        waiting(5).until(d -> (Boolean) js("const rows = [...document.querySelectorAll('#list-body tr')];"
                + "return rows.length > 0 && rows.every(r => r.textContent.includes(arguments[0]))",
                SimulatedInternet.DOMAINS.get(0)));
    }

    static long rowsOfType(String type) {
        // read in one script: the table is rebuilt as the filters change
        return (Long) js("return [...document.querySelectorAll('#list-body tr td:first-child')]"
                + ".filter(td => td.textContent === arguments[0]).length", type);
    }

    @Test
    @Order(4)
    void timelineHidesFactsOutsideTheWindow() {
        open("");
        // a window over the first fifth of the case's time span
        js("const f = document.getElementById('time-from'), t = document.getElementById('time-to');"
                + "f.value = '0'; t.value = '200'; t.dispatchEvent(new Event('input'));");
        Map<?, ?> w = (Map<?, ?>) js("return window.infrapivot.window()");
        long from = ((Number) w.get("from")).longValue(), to = ((Number) w.get("to")).longValue();
        @SuppressWarnings("unchecked")
        Set<String> shown = new HashSet<>((List<String>) js("return window.infrapivot.state.cy.edges().not('.hidden')"
                + ".filter(e => !e.id().startsWith('ge:')).map(e => e.id())"));
        @SuppressWarnings("unchecked")
        Set<String> drawn = new HashSet<>((List<String>) js("return window.infrapivot.state.cy.edges()"
                + ".filter(e => !e.id().startsWith('ge:')).map(e => e.id())"));
        Set<String> expected = new HashSet<>();
        for (StoredObservation o : storeObservations) {
            if (o.object() == null || !drawn.contains("o" + o.id())) continue;
            long first = GraphView.millis(GraphView.first(o)), last = GraphView.millis(GraphView.last(o));
            if (first <= to && last >= from) expected.add("o" + o.id());
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(shown).isNotEmpty();
        assertThat(shown.size()).isLessThan(drawn.size());
        // and the whole span shows every drawn fact again
        js("const t = document.getElementById('time-to'); t.value = '1000'; t.dispatchEvent(new Event('input'));");
        assertThat((Long) js("return window.infrapivot.state.cy.edges().not('.hidden').length"))
                .isEqualTo((Long) js("return window.infrapivot.state.cy.edges().length"));
    }

    @Test
    @Order(5)
    void aLookupFromThePageAddsNodesLive() {
        open("");
        String seed = SimulatedInternet.DOMAINS.get(7);
        driver.findElement(By.id("new-case-name")).sendKeys("live");
        driver.findElement(By.id("new-case-seed")).sendKeys(seed);
        driver.findElement(By.cssSelector("#new-case button[type=submit]")).click();
        waiting(30).until(d -> d.findElement(By.id("inspector")).getText().contains(seed));
        assertThat(driver.findElement(By.id("count-indicators")).getText()).isEqualTo("1");
        waiting(30).until(d -> !d.findElements(By.cssSelector("#source-choices input[value=dns]")).isEmpty());
        // passive sources are ticked by default, active ones (here the test's slow source) are not
        assertThat(driver.findElement(By.cssSelector("#source-choices input[value=dns]")).isSelected()).isTrue();
        assertThat(driver.findElement(By.cssSelector("#source-choices input[value=slow]")).isSelected()).isFalse();
        driver.findElement(By.id("lookup-button")).click();
        WebElement run = waiting(10).until(d -> d.findElement(By.cssSelector("#run-list li")));
        waiting(60).until(d -> "done".equals(run.getAttribute("data-state")));
        String progress = run.findElement(By.className("progress")).getText();
        assertThat(progress).containsPattern("[1-9][0-9]* new nodes");
        waiting(30).until(d -> Integer.parseInt(d.findElement(By.id("count-indicators")).getText()) > 1);
        try (CaseStore store = fx.cases.openExisting("live")) {
            waiting(30).until(d -> Integer.parseInt(d.findElement(By.id("count-indicators")).getText())
                    == store.indicators().size());
        }
    }

    @Test
    @Order(6)
    void cancelStopsThatRunOnlyWithTwoTabs() {
        open("");
        String first = driver.getWindowHandle();
        String id = "ip:" + SimulatedInternet.IPS.get(0);
        startSlowRun(id);
        driver.switchTo().newWindow(WindowType.TAB);
        String second = driver.getWindowHandle();
        open("");
        startSlowRun(id);
        WebElement secondRun = driver.findElement(By.cssSelector("#run-list li"));
        driver.switchTo().window(first);
        WebElement firstRun = driver.findElement(By.cssSelector("#run-list li"));
        assertThat(firstRun.getAttribute("class")).isEqualTo("running");
        long t0 = System.nanoTime();
        firstRun.findElement(By.className("cancel")).click();
        waiting(20).until(d -> "cancelled".equals(firstRun.getAttribute("data-state")));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        driver.switchTo().window(second);
        assertThat(secondRun.getAttribute("class")).as("the other tab's run goes on").isEqualTo("running");
        secondRun.findElement(By.className("cancel")).click();
        waiting(20).until(d -> "cancelled".equals(secondRun.getAttribute("data-state")));
        driver.close();
        driver.switchTo().window(first);
    }

    static void startSlowRun(String id) {
        js("window.infrapivot.select(arguments[0], true)", id);
        waiting(30).until(d -> !d.findElements(By.cssSelector("#source-choices input[value=slow]")).isEmpty());
        driver.findElement(By.id("allow-active")).click();
        for (WebElement box : driver.findElements(By.cssSelector("#source-choices input"))) {
            boolean want = box.getAttribute("value").equals("slow");
            if (box.isEnabled() && box.isSelected() != want) box.click();
        }
        driver.findElement(By.id("lookup-button")).click();
        waiting(10).until(d -> d.findElement(By.cssSelector("#run-list li")).getText().contains("running"));
    }

    @Test
    @Order(7)
    void hostileStringsAreShownAsTextAndNothingRuns() {
        open("?case=xss");
        assertThat(driver.findElement(By.id("count-indicators")).getText()).isEqualTo("4");
        String list = driver.findElement(By.id("list")).getText();
        assertThat(list).contains(IMG).contains(JS_URL);
        for (String id : List.of("domain:xss-test.com", "org:" + IMG, "url:" + JS_URL, "cert:" + "ab".repeat(32))) {
            js("window.infrapivot.select(arguments[0], true)", id);
            waiting(20).until(d -> d.findElements(By.cssSelector("#inspector tr.fact")).size() > 0);
        }
        js("window.infrapivot.select(arguments[0], true)", "domain:xss-test.com");
        waiting(20).until(d -> d.findElement(By.id("inspector")).getText().contains("window.__xss=2"));
        String inspector = driver.findElement(By.id("inspector")).getText();
        assertThat(inspector).contains(IMG).contains(SCRIPT).contains(JS_URL);
        js("window.infrapivot.select(arguments[0], true)", "cert:" + "ab".repeat(32));
        waiting(20).until(d -> d.findElement(By.id("inspector")).getText().contains("gpj.exe"));
        // the override is shown as a visible code, never applied
        assertThat(driver.findElement(By.id("inspector")).getText()).contains("login⟨U+202E⟩gpj.exe")
                .doesNotContain("\u202E");
        // the raw evidence, escaped
        driver.findElement(By.cssSelector("#inspector tr.fact button.linkish[class~=linkish]"));
        js("window.infrapivot.select(arguments[0], true)", "domain:xss-test.com");
        waiting(20).until(d -> !d.findElements(By.xpath("//td[last()]/button[starts-with(text(), '#')]")).isEmpty());
        driver.findElement(By.xpath("//td[last()]/button[starts-with(text(), '#')]")).click();
        waiting(20).until(d -> d.findElement(By.id("evidence-text")).getText().contains("Registrant Organization"));
        assertThat(driver.findElement(By.id("evidence-text")).getText()).contains(IMG).contains(SCRIPT);

        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("script:not([src])"))).isEmpty();
        assertThat((Long) js("return [...document.querySelectorAll('a[href]')].filter(a => !/^https?:/.test(a.href)).length"))
                .isZero();
        assertThat(severeLogs()).isEmpty();
    }

    @Test
    @Order(8)
    void exportsTheViewAsSvgWithLabelsEscaped() {
        open("?case=xss");
        String svg = (String) js("return window.infrapivot.svgText()");
        assertThat(svg).startsWith("<svg").contains("&lt;img src=x onerror=window.__xss=1&gt;")
                .doesNotContain("<img");
        assertThat(svg.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(200);
        String png = (String) js("return window.infrapivot.state.cy.png({full: true}).slice(0, 22)");
        assertThat(png).isEqualTo("data:image/png;base64,");
    }

    WebDriver driver() {
        return driver;
    }
}
