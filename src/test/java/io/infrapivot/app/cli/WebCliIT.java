package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher's {@code web} source against a MockWebServer standing in for the site
 * ({@code INFRAPIVOT_WEB_URL}): skipped without {@code --active}; with it, the redirect, the page's analytics ID
 * and the favicon hash are facts.
 */
@Timeout(180)
class WebCliIT {
    @TempDir
    Path home;
    private Cli cli;
    private MockWebServer site;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(home);
        site = new MockWebServer();
        site.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return switch (r.getUrl().encodedPath()) {
                    case "/" -> new MockResponse.Builder().code(302).setHeader("Location", "/home").build();
                    case "/home" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                            .body("<html><head><title>Shop</title><link rel=icon href=/i.ico>"
                                    + "<script>gtag('config','G-ABCD1234EF');</script></head></html>").build();
                    case "/i.ico" -> new MockResponse.Builder().code(200).body("ICON").build();
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        site.start(InetAddress.getLoopbackAddress(), 0);
        cli.env.put("INFRAPIVOT_WEB_ENABLED", "true");
        cli.env.put("INFRAPIVOT_WEB_URL", "http://127.0.0.1:" + site.getPort() + "/");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) l.add(json.readTree(line));
        return l;
    }

    @Test
    void activeOnlyThenTheFactsOfThePage() throws Exception {
        var passive = cli.run("lookup", "--json", "--case", "w", "--sources", "web", "http://shop.records.test/");
        assertThat(passive.exit()).as(passive.err()).isZero();
        assertThat(passive.out()).contains("active-not-allowed");
        assertThat(site.getRequestCount()).isZero();

        var r = cli.run("lookup", "--json", "--active", "--case", "w", "--sources", "web", "http://shop.records.test/");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> facts = lines(r.out()).stream().filter(n -> n.get("kind").asText().equals("observation")
                && n.hasNonNull("object")).map(n -> n.get("relation").asText() + " " + n.get("object").get("type")
                .asText() + ":" + n.get("object").get("value").asText()).toList();
        assertThat(facts).contains("redirects-to url:http://shop.records.test/home",
                "uses-analytics-id analytics-id:G-ABCD1234EF");
        assertThat(facts).anyMatch(f -> f.startsWith("favicon-hash hash:mmh3:"));
        assertThat(site.getRequestCount()).isEqualTo(3);
    }
}
