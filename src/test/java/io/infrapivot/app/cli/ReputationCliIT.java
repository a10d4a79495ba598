package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The real launcher: {@code update-data --only reputation} fetches the Spamhaus DROP and Tor exit lists from a
 * stand-in named by {@code INFRAPIVOT_SPAMHAUSDROP_URL} and {@code INFRAPIVOT_TOREXIT_URL}; a lookup then reads
 * them offline and shows them beside AbuseIPDB's verdict in the reputation section, each on its own scale, and
 * {@code --json} carries the verdict values.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReputationCliIT {
    private static final String KEY = "abuse-K3Y-never-printed-7";
    private static final Map<String, String> FILES = Map.of(
            "/drop/drop_v4.json", "{\"cidr\":\"198.51.100.0/24\",\"sblid\":\"SBL000001\",\"rir\":\"ripencc\"}\n"
                    + "{\"type\":\"metadata\",\"timestamp\":1764460800,\"size\":70,\"records\":1}\n",
            "/drop/drop_v6.json", "{\"type\":\"metadata\",\"timestamp\":1764460800,\"size\":0,\"records\":0}\n",
            "/drop/asndrop.json", "{\"asn\":64511,\"rir\":\"ripencc\",\"cc\":\"NL\",\"asname\":\"BAD-AS\"}\n",
            "/torbulkexitlist", "198.51.100.7\n192.0.2.200\n",
            "/abuse/check", "{\"data\":{\"ipAddress\":\"198.51.100.7\",\"abuseConfidenceScore\":87,\"totalReports\":42,"
                    + "\"numDistinctUsers\":11,\"lastReportedAt\":\"2025-11-30T08:15:02+00:00\",\"usageType\":\"Data Center/Web Hosting/Transit\"}}");

    @TempDir
    Path home;
    private Cli cli;
    private MockWebServer server;
    private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                asked.add(r.getUrl().encodedPath());
                String body = FILES.get(r.getUrl().encodedPath());
                return body == null ? new MockResponse.Builder().code(404).build()
                        : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        cli = new Cli(home);
        cli.env.put("INFRAPIVOT_SPAMHAUSDROP_URL", server.url("/drop").toString());
        cli.env.put("INFRAPIVOT_TOREXIT_URL", server.url("/torbulkexitlist").toString());
        cli.env.put("INFRAPIVOT_ABUSEIPDB_URL", server.url("/abuse").toString());
        cli.env.put("INFRAPIVOT_ABUSEIPDB_ENABLED", "true");
        cli.env.put("INFRAPIVOT_ABUSEIPDB_KEY", KEY);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void updateThenLookupShowsEveryVerdictOnItsOwnScale() throws Exception {
        var u = cli.run("update-data", "--only", "reputation");
        assertThat(u.exit()).as(u.err()).isZero();
        assertThat(u.out()).contains("spamhaus-drop: 1 networks, 1 ASNs", "tor-exit-list: 2 exit addresses");

        var human = cli.run("lookup", "--case", "rep", "--sources", "spamhausdrop,torexit,abuseipdb", "198.51.100.7");
        assertThat(human.exit()).as(human.err()).isZero();
        assertThat(human.out()).contains("reputation", "listed on Spamhaus DROP", "listed on Tor exit",
                "confidence 87/100").doesNotContain(KEY);

        var json = cli.run("lookup", "--json", "--refresh", "--case", "rep2", "--sources", "spamhausdrop,abuseipdb",
                "198.51.100.7");
        List<JsonNode> verdicts = new ArrayList<>();
        for (JsonNode n : CliIT.jsonLines(json.out())) {
            if ("observation".equals(n.path("kind").asText()) && n.path("value").has("scale")) verdicts.add(n);
        }
        assertThat(verdicts).extracting(n -> n.path("value").path("scale").asText())
                .containsExactlyInAnyOrder("listed", "confidence");
        assertThat(json.out()).doesNotContain(KEY);

        server.close();
        var offline = cli.run("lookup", "--offline", "--case", "rep3", "--sources", "spamhausdrop", "198.51.100.20");
        assertThat(offline.exit()).as(offline.err()).isZero();
        assertThat(offline.out()).as("read from the downloaded copy, the stand-in closed").contains("listed on Spamhaus DROP");
        assertThat(asked).contains("/drop/drop_v4.json", "/drop/drop_v6.json", "/drop/asndrop.json", "/torbulkexitlist",
                "/abuse/check");
    }
}
