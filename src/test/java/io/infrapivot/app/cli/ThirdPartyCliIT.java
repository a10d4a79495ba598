package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher against third-party services played by MockWebServers on loopback (their base URLs set with
 * {@code INFRAPIVOT_<ID>_URL}): one fact from three services is one observation with three sources, a second run
 * is answered from the case without a request, {@code --offline} asks nobody, one service's quota answer is an
 * error that leaves the others' facts, and the keys never show.
 */
class ThirdPartyCliIT {
    private static final String KEY = "cli-K3Y-never-printed-42";
    private static final String CIRCL = "{\"rrname\":\"www.example.org\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.10\","
            + "\"time_first\":1500000000,\"time_last\":1700000000,\"count\":12}\n";
    private static final String ROBTEX = "{\"rrname\":\"www.example.org\",\"rrdata\":\"192.0.2.10\",\"rrtype\":\"A\","
            + "\"time_first\":1400000000,\"time_last\":1600000000,\"count\":3}\n";
    private static final String MNEMONIC = "{\"responseCode\":200,\"limit\":100,\"offset\":0,\"count\":1,\"size\":1,"
            + "\"data\":[{\"query\":\"www.example.org\",\"answer\":\"192.0.2.10\",\"rrtype\":\"a\","
            + "\"firstSeenTimestamp\":1450000000000,\"lastSeenTimestamp\":1710000000000,\"times\":5}],\"messages\":[]}";

    @TempDir
    Path home;
    private Cli cli;
    private final List<MockWebServer> servers = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(home);
        serve("circl", "application/json", CIRCL);
        serve("robtex", "application/json", ROBTEX);
        serve("mnemonic", "application/json", MNEMONIC);
        serve("hackertarget", "text/plain", "API count exceeded - Increase Quota with Membership");
        cli.env.put("INFRAPIVOT_CIRCL_KEY", "analyst:" + KEY);
        cli.env.put("INFRAPIVOT_MNEMONIC_KEY", KEY);
        cli.env.put("INFRAPIVOT_HACKERTARGET_KEY", KEY);
    }

    @AfterEach
    void tearDown() {
        servers.forEach(MockWebServer::close);
    }

    private void serve(String id, String type, String body) throws Exception {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", type).body(body).build();
            }
        });
        s.start(InetAddress.getLoopbackAddress(), 0);
        servers.add(s);
        String env = "INFRAPIVOT_" + id.toUpperCase() + "_";
        cli.env.put(env + "ENABLED", "true");
        cli.env.put(env + "URL", s.url("/").toString().replaceAll("/$", ""));
    }

    private int requests() {
        return servers.stream().mapToInt(MockWebServer::getRequestCount).sum();
    }

    private List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) l.add(json.readTree(line));
        return l;
    }

    private Map<String, JsonNode> statuses(List<JsonNode> lines) {
        Map<String, JsonNode> m = new java.util.HashMap<>();
        for (JsonNode n : lines) if (n.get("kind").asText().equals("source-status")) m.put(n.get("source").asText(), n);
        return m;
    }

    @Test
    void oneFactFromThreeServicesCachedOfflineAndNoKeyShown() throws Exception {
        String[] args = {"lookup", "--json", "--case", "tp", "--sources", "circl,robtex,mnemonic,hackertarget",
                "www.example.org"};
        var first = cli.run(args);
        assertThat(first.out() + first.err()).doesNotContain(KEY);
        List<JsonNode> out = lines(first.out());
        List<JsonNode> resolutions = out.stream().filter(n -> n.get("kind").asText().equals("observation")
                && n.get("relation").asText().equals("resolves-to")).toList();
        // printed as each source finishes, always the same stored observation: the last print has all three
        assertThat(resolutions).extracting(n -> n.get("id").asLong()).containsOnly(resolutions.get(0).get("id").asLong());
        JsonNode fact = resolutions.stream().filter(n -> n.get("sources").size() == 3).findFirst().orElseThrow();
        assertThat(fact.get("object").get("value").asText()).isEqualTo("192.0.2.10");
        assertThat(fact.get("sources").toString()).contains("circl", "robtex", "mnemonic");
        assertThat(fact.get("first_seen").asText()).startsWith("2014-05-13"); // robtex's 1400000000, the earliest
        Map<String, JsonNode> st = statuses(out);
        assertThat(st.get("circl").get("outcome").asText()).isEqualTo("ok");
        assertThat(st).containsKeys("circl", "robtex", "mnemonic").doesNotContainKey("hackertarget"); // hosts: not its type
        int asked = requests();
        assertThat(asked).isEqualTo(3);

        var second = cli.run(args);
        Map<String, JsonNode> again = statuses(lines(second.out()));
        assertThat(again.get("circl").get("cached").asBoolean()).isTrue();
        assertThat(again.get("mnemonic").get("cached").asBoolean()).isTrue();
        assertThat(requests()).as("a cache hit asks nobody").isEqualTo(asked);

        var offline = cli.run("lookup", "--json", "--offline", "--case", "tp", "www.example.org");
        assertThat(offline.out() + offline.err()).doesNotContain(KEY);
        assertThat(requests()).as("--offline asks nobody").isEqualTo(asked);

        var human = cli.run("lookup", "--case", "tp", "--sources", "circl,robtex,mnemonic", "www.example.org");
        assertThat(human.out()).contains("192.0.2.10").contains("circl").contains("robtex").contains("mnemonic");
        assertThat(human.out() + human.err()).doesNotContain(KEY);
        var evidence = cli.run("case", "show", "tp");
        assertThat(evidence.out() + evidence.err()).doesNotContain(KEY);
    }

    @Test
    void quotaAnswerIsAnErrorAndTheOthersStand() throws Exception {
        var r = cli.run("lookup", "--json", "--case", "tq", "--sources", "circl,hackertarget", "example.org");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain(KEY);
        Map<String, JsonNode> st = statuses(lines(r.out()));
        assertThat(st.get("hackertarget").get("outcome").asText()).isEqualTo("error");
        assertThat(st.get("hackertarget").get("message").asText()).contains("API count exceeded");
        assertThat(st.get("circl").get("outcome").asText()).isEqualTo("ok");
    }
}
