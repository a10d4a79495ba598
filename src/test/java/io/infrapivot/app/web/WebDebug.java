package io.infrapivot.app.web;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** A developer's tool: the fixture's page in headless Chromium, JavaScript lines from a file run against it. */
final class WebDebug {
    public static void main(String[] args) throws Exception {
        try (WebFixture fx = new WebFixture()) {
            fx.start(InetAddress.getLoopbackAddress(), Set.of());
            ChromeDriver d = WebFixture.browser();
            try {
                d.get(fx.base() + "/" + (args.length > 1 ? args[1] : ""));
                Thread.sleep(4000);
                for (String line : Files.readAllLines(Path.of(args[0]))) {
                    if (line.startsWith("#sleep")) { Thread.sleep(Long.parseLong(line.substring(7).trim())); continue; }
                    if (line.isBlank()) continue;
                    if (line.startsWith("#click ")) {
                        d.findElement(org.openqa.selenium.By.cssSelector(line.substring(7).trim())).click();
                        continue;
                    }
                    try {
                        System.out.println("> " + line + "\n" + ((JavascriptExecutor) d).executeScript(line));
                    } catch (RuntimeException e) {
                        System.out.println("> " + line + "\n! " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
                Files.write(Path.of("target/debug.png"), d.getScreenshotAs(OutputType.BYTES));
                d.manage().logs().get("browser").getAll().forEach(e -> System.out.println("log: " + e));
            } finally {
                d.quit();
            }
        }
    }
}
