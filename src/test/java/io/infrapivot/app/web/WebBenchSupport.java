package io.infrapivot.app.web;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page's side of bench/web: a server on the case, headless Chromium, the page's own timings. */
public final class WebBenchSupport {
    private WebBenchSupport() {}

    /**
     * Opens the page {@code runs} times for each query (e.g. {@code ""} and {@code "?layout=concentric"}), the
     * queries taking turns so the machine's load falls on each alike; the page's timings per load, in order.
     */
    /** The renderer main thread's CPU seconds since the page was opened. */
    @SuppressWarnings("unchecked")
    static double threadTime(ChromeDriver driver) {
        for (Map<String, Object> m : (List<Map<String, Object>>) driver.executeCdpCommand("Performance.getMetrics",
                Map.of()).get("metrics")) {
            if ("ThreadTime".equals(m.get("name"))) return ((Number) m.get("value")).doubleValue();
        }
        return Double.NaN;
    }

    public static List<Map<String, Object>> measure(CaseRepository cases, String caseName, Path dir, int runs,
                                                    List<String> queries) throws Exception {
        IndicatorParser parser = IndicatorParser.standard();
        Config config = Config.load(Map.of("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString()), dir.toString());
        Runs r = new Runs(new Runs.Setup(SourceRegistry.builtIn(), config, parser, dir.resolve("data"),
                Clock.systemUTC(), List.of(), Duration.ofSeconds(30)));
        List<Map<String, Object>> out = new ArrayList<>();
        try (WebServer server = new WebServer(new WebServer.Options(InetAddress.getLoopbackAddress(), 0, Set.of(),
                caseName, GraphView.DEFAULT_FOLD_LIMIT, GraphView.DEFAULT_MAX_NODES), cases, parser, r).start()) {
            ChromeDriver driver = WebFixture.browser();
            try {
                JavascriptExecutor js = driver;
                driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(300));
                // the page's main-thread CPU time (DevTools' ThreadTime, counted from the navigation): unlike the
                // wall clock it hardly moves with the machine's load
                driver.executeCdpCommand("Performance.enable", Map.of("timeDomain", "threadTicks"));
                for (int i = 0; i < runs * queries.size(); i++) {
                    String query = queries.get(i % queries.size());
                    driver.get("http://127.0.0.1:" + server.port() + "/" + query);
                    new WebDriverWait(driver, Duration.ofSeconds(300)).until(d -> "true".equals(
                            js.executeScript("return document.body.dataset.ready || null")));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) js.executeScript(
                            "return window.infrapivotTimings"));
                    t.put("query", query);
                    t.put("cpu", threadTime(driver));
                    t.put("stages", js.executeScript("return JSON.stringify(window.infrapivotStages)"));
                    t.put("filter", js.executeScript("const t0 = performance.now();"
                            + "document.querySelector('input[data-filter=type][value=ip]').click();"
                            + "document.querySelector('input[data-filter=type][value=ip]').click();"
                            + "return (performance.now() - t0) / 2"));
                    t.put("select", ((Number) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "const t0 = performance.now(); const id = window.infrapivot.state.cy.nodes()[0].id();"
                            + "window.infrapivot.select(id, true).then(() => requestAnimationFrame(() =>"
                            + " done(performance.now() - t0)));")).doubleValue());
                    out.add(t);
                }
                java.nio.file.Files.write(Path.of("target", "web-bench.png"),
                        driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } finally {
                driver.quit();
            }
        }
        return out;
    }
}
