package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
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

    static final String IMG = WebFixture.IMG;
    static final String SCRIPT = WebFixture.SCRIPT;
    static final String JS_URL = WebFixture.JS_URL;

    @BeforeAll
    static void start() throws Exception {
        fx = new WebFixture();
        try (CaseStore store = fx.cases.openExisting(WebFixture.CASE)) {
            storeIndicators = store.indicators().size();
            storeObservations = store.observations();
        }
        fx.hostileCase();
        aggregateCase();
        fx.start(InetAddress.getLoopbackAddress(), Set.of());
        driver = WebFixture.browser();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (fx != null) fx.close();
    }

    static final String REGISTRAR = "<img src=x onerror=window.__xss=4>";

    /**
     * A case whose addresses are announced by one ASN and whose names share one registrant email, and whose first
     * name has two registration records that differ (the registrar, hostile, and the registrant email).
     */
    static void aggregateCase() {
        Instant t1 = Instant.parse("2025-01-10T00:00:00Z"), t2 = Instant.parse("2026-01-10T00:00:00Z");
        Indicator seed = Indicator.parse("agg-seed.com");
        Indicator asn = Indicator.parse("AS64500");
        Indicator jane = Indicator.parse("jane@owner.example");
        List<Observation> obs = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Indicator ip = Indicator.parse("192.0.2." + i);
            obs.add(Observation.link(seed, Relation.RESOLVES_TO, ip, "dns", t1, null));
            obs.add(Observation.link(ip, Relation.ANNOUNCED_BY, asn, "cymru", t1, null));
            Indicator name = Indicator.parse("agg-owned" + i + ".com");
            obs.add(Observation.link(seed, Relation.RELATED, name, "dns", t1, null));
            obs.add(Observation.link(name, Relation.REGISTRANT_EMAIL, jane, "whois", t1, null));
        }
        try (CaseStore store = fx.cases.open("agg")) {
            store.addSeeds(List.of(seed));
            store.saveLookup("dns", seed, "", t1, t1, LookupResult.of(obs, List.of()), Duration.ofDays(1));
            for (Instant t : List.of(t1, t2)) {
                var r = t == t1 ? RegistrationViewTest.record("Good Registrar", "jane@owner.example", t)
                        : RegistrationViewTest.record(REGISTRAR, "x@privacy.example", t);
                store.saveLookup("whois", seed, "", t, t, LookupResult.of(List.of(Observation.attribute(seed,
                        Relation.REGISTRATION, io.infrapivot.source.registration.RegistrationJson.toTree(r), "whois", t,
                        null)), List.of()), Duration.ZERO);
            }
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

    /** A real click on the canvas, on the node (centred first). */
    static void clickNode(String id) {
        Map<?, ?> pos = (Map<?, ?>) js("const c = window.infrapivot.state.cy; const n = c.getElementById(arguments[0]);"
                + "c.center(n); return n.renderedPosition();", id);
        WebElement cy = driver.findElement(By.id("cy"));
        int x = ((Number) pos.get("x")).intValue() - cy.getSize().getWidth() / 2;
        int y = ((Number) pos.get("y")).intValue() - cy.getSize().getHeight() / 2;
        new Actions(driver).moveToElement(cy, x, y).click().perform();
    }

    @Test
    @Order(2)
    void clickingANodeShowsItsFacts() throws Exception {
        open("");
        String id = "domain:" + SimulatedInternet.DOMAINS.get(0);
        clickNode(id);
        waiting(20).until(d -> d.findElement(By.id("inspector")).getText().contains("resolves-to"));
        String text = driver.findElement(By.id("inspector-title")).getText();
        assertThat(text).contains(SimulatedInternet.DOMAINS.get(0));
        Set<String> relations = driver.findElements(By.cssSelector("#inspector tr.fact td:first-child")).stream()
                .map(WebElement::getText).map(s -> s.replace("← ", "")).collect(Collectors.toSet());
        assertThat(relations).isEqualTo(relationsAbout(storeObservations, id));
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
        assertThat(shown).isEqualTo(shownIn(storeObservations, drawn, from, to));
        assertThat(shown).isNotEmpty();
        assertThat(shown.size()).isLessThan(drawn.size());
        // and the whole span shows every drawn fact again
        js("const t = document.getElementById('time-to'); t.value = '1000'; t.dispatchEvent(new Event('input'));");
        assertThat((Long) js("return window.infrapivot.state.cy.edges().not('.hidden').length"))
                .isEqualTo((Long) js("return window.infrapivot.state.cy.edges().length"));
    }

    /** The relations the inspector lists for a node: of every fact about it either way, noise marks aside. */
    static Set<String> relationsAbout(List<StoredObservation> observations, String id) {
        return observations.stream()
                .filter(o -> o.subject().key().equals(id) || (o.object() != null && o.object().key().equals(id)))
                .filter(o -> o.relation() != Relation.NOISE).map(o -> o.relation().id()).collect(Collectors.toSet());
    }

    /** The drawn edges (ids {@code o<observation id>}) of the facts whose first/last-seen span meets the window. */
    static Set<String> shownIn(List<StoredObservation> observations, Set<String> drawn, long from, long to) {
        Set<String> expected = new HashSet<>();
        for (StoredObservation o : observations) {
            if (o.object() == null || !drawn.contains("o" + o.id())) continue;
            long first = GraphView.millis(GraphView.first(o)), last = GraphView.millis(GraphView.last(o));
            if (first <= to && last >= from) expected.add("o" + o.id());
        }
        return expected;
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

    static long drawnNodes() {
        return (Long) js("return window.infrapivot.state.cy.nodes().not('.group').not('.agg').length");
    }

    @Test
    @Order(9)
    void aGroupOpensPageByPageAndFoldsBack() {
        open("");
        List<?> g = (List<?>) js("const g = [...window.infrapivot.state.groups.values()].sort((a, b) => b.count - a.count)[0];"
                + "return [g.id, g.count, g.type];");
        String id = (String) g.get(0);
        long count = (Long) g.get(1);
        String type = (String) g.get(2);
        long drawn = drawnNodes();
        long folded = Long.parseLong(driver.findElement(By.id("count-folded")).getText());
        clickNode(id);
        long page = Math.min(100, count);
        waiting(20).until(d -> drawnNodes() == drawn + page);
        assertThat(driver.findElement(By.id("inspector-title")).getText()).startsWith("group: " + count + " " + type);
        assertThat(driver.findElement(By.id("group-shown")).getText()).isEqualTo(page + " of " + count + " shown");
        assertThat(Long.parseLong(driver.findElement(By.id("count-folded")).getText())).isEqualTo(folded - page);
        // the members drawn are the group's: of its type, one link each, to the hub
        @SuppressWarnings("unchecked")
        List<String> types = (List<String>) js("const S = window.infrapivot.state; const g = S.groups.get(arguments[0]);"
                + "return [...g.members].map(m => S.cy.getElementById(m).data('type'))", id);
        assertThat(types).hasSize((int) page).containsOnly(type);
        assertThat((String) js("return window.infrapivot.state.cy.getElementById(arguments[0]).data('label')", id))
                .startsWith(page + " of " + count);
        if (count > 100) {
            driver.findElement(By.id("group-next")).click();
            waiting(20).until(d -> drawnNodes() == drawn + Math.min(200, count));
        }
        driver.findElement(By.id("group-fold")).click();
        waiting(20).until(d -> drawnNodes() == drawn);
        assertThat(Long.parseLong(driver.findElement(By.id("count-folded")).getText())).isEqualTo(folded);
        assertThat((Long) js("return window.infrapivot.state.cy.getElementById(arguments[0]).length", id)).isEqualTo(1L);
        assertThat(driver.findElement(By.id("group-shown")).getText()).isEqualTo("0 of " + count + " shown");
        assertThat(severeLogs()).isEmpty();
    }

    @Test
    @Order(10)
    void pastTheNodeLimitGroupingByAsnIsTheServers() throws Exception {
        // a second server on the same cases with a node limit of 3: the "agg" case (9 indicators) is past it
        Runs runs = new Runs(new Runs.Setup(fx.registry, fx.config, fx.parser, fx.dir.resolve("data"),
                java.time.Clock.systemUTC(), List.of(), Duration.ofSeconds(60)));
        try (WebServer small = new WebServer(new WebServer.Options(InetAddress.getLoopbackAddress(), 0, Set.of(),
                WebFixture.CASE, GraphView.DEFAULT_FOLD_LIMIT, 3), fx.cases, fx.parser, runs).start()) {
            driver.get("http://127.0.0.1:" + small.port() + "/?case=agg");
            waiting(60).until(d -> "true".equals(js("return document.body.dataset.ready || null")));
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("aggregate-select"))).selectByValue("asn");
            String id = "by-asn:asn:AS64500";
            waiting(30).until(d -> (Long) js("return window.infrapivot.state.cy.getElementById(arguments[0]).length", id) == 1L);
            assertThat((String) js("return window.infrapivot.state.cy.getElementById(arguments[0]).data('label')", id))
                    .isEqualTo("3 ip (announced-by AS64500)");
            assertThat((Long) js("return window.infrapivot.state.cy.nodes('.t-ip').length")).isZero();
            assertThat((Long) js("return window.infrapivot.state.cy.nodes('.agg').length")).isZero();
            clickNode(id);
            waiting(20).until(d -> (Long) js("return window.infrapivot.state.cy.nodes('.t-ip').length") == 3L);
            assertThat(driver.findElement(By.id("group-shown")).getText()).isEqualTo("3 of 3 shown");
            assertThat(severeLogs()).isEmpty();
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("aggregate-select"))).selectByValue("none");
        }
    }

    @Test
    @Order(10)
    void groupingByAsnAndByRegistrantDrawsCompoundNodes() {
        open("?case=agg");
        var groupBy = new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("aggregate-select")));
        String parentOf = "return window.infrapivot.state.cy.getElementById(arguments[0]).parent().map(p => p.id())[0] || null";
        groupBy.selectByValue("asn");
        waiting(20).until(d -> (Long) js("return window.infrapivot.state.cy.nodes('.agg').length") == 1L);
        for (int i = 1; i <= 3; i++) assertThat(js(parentOf, "ip:192.0.2." + i)).isEqualTo("agg:asn:AS64500");
        assertThat(js(parentOf, "asn:AS64500")).isEqualTo("agg:asn:AS64500");
        assertThat(js(parentOf, "domain:agg-owned1.com")).isNull();
        assertThat((String) js("return window.infrapivot.state.cy.getElementById('agg:asn:AS64500').data('label')"))
                .isEqualTo("AS64500 · 4");
        groupBy.selectByValue("registrant");
        waiting(20).until(d -> "agg:email:jane@owner.example".equals(js(parentOf, "domain:agg-owned2.com")));
        assertThat((Long) js("return window.infrapivot.state.cy.nodes('.agg').length")).isEqualTo(1L);
        assertThat(js(parentOf, "ip:192.0.2.1")).isNull();
        assertThat((Long) js("return window.infrapivot.state.cy.getElementById('agg:email:jane@owner.example').children().length"))
                .isEqualTo(4L);
        // the table lists the indicators, never the compound boxes
        assertThat(Integer.parseInt(driver.findElement(By.id("count-visible")).getText()))
                .isEqualTo(Integer.parseInt(driver.findElement(By.id("count-indicators")).getText()));
        // the SVG draws the box under its members, labelled
        assertThat((String) js("return window.infrapivot.svgText()")).contains("fill=\"#eef3fb\"").contains("jane@owner.example · 4");
        groupBy.selectByValue("none");
        waiting(20).until(d -> (Long) js("return window.infrapivot.state.cy.nodes('.agg').length") == 0L);
        assertThat((Long) js("return window.infrapivot.state.cy.nodes(':child').length")).isZero();
        assertThat(severeLogs()).isEmpty();
    }

    @Test
    @Order(11)
    void theInspectorShowsTheRegistrationAndItsChanges() {
        open("?case=agg");
        js("window.infrapivot.select(arguments[0], true)", "domain:agg-seed.com");
        waiting(20).until(d -> d.findElement(By.id("inspector")).getText().contains("registration (2 records, 1 with changes)"));
        String reg = driver.findElement(By.id("registration")).getText();
        assertThat(reg).contains("latest: 2026-01-10 [whois]").contains("first: 2025-01-10 [whois]")
                .contains("x@privacy.example").contains(REGISTRAR);
        List<String> changes = driver.findElements(By.cssSelector("#registration li.regchange")).stream()
                .map(WebElement::getText).toList();
        assertThat(changes).contains("contacts.registrant.email: jane@owner.example → x@privacy.example")
                .anyMatch(c -> c.contains("Good Registrar → " + REGISTRAR));
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
        // a name without records has no registration part
        js("window.infrapivot.select(arguments[0], true)", "domain:agg-owned1.com");
        waiting(20).until(d -> d.findElement(By.id("inspector-title")).getText().contains("agg-owned1.com"));
        assertThat(driver.findElements(By.id("registration"))).isEmpty();
    }

    WebDriver driver() {
        return driver;
    }
}
