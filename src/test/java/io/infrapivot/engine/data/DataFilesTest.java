package io.infrapivot.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** update-data's feeds, served by a local server in each provider's published format. */
class DataFilesTest {
    @TempDir
    Path dir;
    MockWebServer server;

    static final Map<String, String> BODIES = Map.of(
            "/cloudflare_v4", "173.245.48.0/20\n198.41.128.0/17\n",
            "/cloudflare_v6", "2606:4700::/32\n",
            "/fastly", "{\"addresses\":[\"151.101.0.0/16\"],\"ipv6_addresses\":[\"2a04:4e42::/32\"]}",
            "/aws", """
                    {"syncToken":"1","createDate":"2026-11-20-00-00-00","prefixes":[
                     {"ip_prefix":"3.5.140.0/22","region":"ap-northeast-2","service":"AMAZON","network_border_group":"ap-northeast-2"},
                     {"ip_prefix":"3.5.140.0/22","region":"ap-northeast-2","service":"EC2","network_border_group":"ap-northeast-2"},
                     {"ip_prefix":"13.35.0.0/16","region":"GLOBAL","service":"CLOUDFRONT","network_border_group":"GLOBAL"}],
                     "ipv6_prefixes":[{"ipv6_prefix":"2600:9000::/28","region":"GLOBAL","service":"CLOUDFRONT","network_border_group":"GLOBAL"}]}""",
            "/google", "{\"syncToken\":\"1\",\"prefixes\":[{\"ipv4Prefix\":\"8.8.8.0/24\"},{\"ipv4Prefix\":\"34.1.0.0/16\"},{\"ipv6Prefix\":\"2001:4860::/32\"}]}",
            "/googlecloud", "{\"syncToken\":\"1\",\"prefixes\":[{\"ipv4Prefix\":\"34.1.0.0/16\",\"service\":\"Google Cloud\",\"scope\":\"us-east1\"}]}",
            "/oracle", "{\"last_updated_timestamp\":\"2026-11-01\",\"regions\":[{\"region\":\"us-phoenix-1\",\"cidrs\":[{\"cidr\":\"129.146.0.0/21\",\"tags\":[\"OCI\"]}]}]}",
            "/digitalocean", "<html><body>503 Service Unavailable</body></html>");

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = BODIES.get(request.getUrl().encodedPath());
                if (body == null) return new MockResponse.Builder().code(404).build();
                int code = request.getUrl().encodedPath().equals("/digitalocean") ? 503 : 200;
                return new MockResponse.Builder().code(code).body(body).build();
            }
        });
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyFeedFormatIsReadAndAFailedFeedKeepsItsProvidersRanges() throws Exception {
        DataFiles data = new DataFiles(dir);
        var results = data.refreshNetworks(f -> server.url("/" + f.name()).toString(), LocalDate.of(2026, 11, 27));
        assertThat(results).filteredOn(r -> r.replaced()).hasSize(7);
        assertThat(results).filteredOn(r -> !r.replaced()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("known-networks/digitalocean");
            assertThat(r.message()).contains("503");
        });
        List<String> lines = Files.readAllLines(dir.resolve("data/known-networks.txt"));
        assertThat(lines).contains("173.245.48.0/20 cloudflare cdn", "2606:4700::/32 cloudflare cdn",
                "151.101.0.0/16 fastly cdn", "3.5.140.0/22 aws cloud", "13.35.0.0/16 aws-cloudfront cdn",
                "2600:9000::/28 aws-cloudfront cdn", "8.8.8.0/24 google cdn", "34.1.0.0/16 google-cloud cloud",
                "129.146.0.0/21 oracle cloud");
        assertThat(lines).as("goog.json's cloud ranges are cloud, not Google front ends")
                .doesNotContain("34.1.0.0/16 google cdn");
        assertThat(lines).as("replaced providers lose their shipped ranges").doesNotContain("104.16.0.0/13 cloudflare cdn");
        assertThat(lines).as("digitalocean's feed failed: its shipped ranges stay").contains("104.131.0.0/16 digitalocean cloud");
        assertThat(lines).as("akamai has no feed: kept").contains("23.32.0.0/11 akamai cdn");

        NoiseRules rules = NoiseRules.load(IndicatorParser.standard(), dir.resolve("data"), Set.of());
        assertThat(rules.judge(Indicator.fromCanonical(IndicatorType.IP, "13.35.1.1")).orElseThrow().reason())
                .contains("aws-cloudfront");
        assertThat(rules.judge(Indicator.fromCanonical(IndicatorType.IP, "104.16.0.1"))).isEmpty();
        assertThat(data.describe()).anyMatch(l -> l.startsWith("known-networks refreshed"));
    }

    @Test
    void garbageFeedsAreErrorsNotEmptyLists() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkFeeds.parse("aws", "<html>".getBytes()))
                .hasMessageContaining("aws: the answer is not JSON");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkFeeds.parse("fastly", "{}".getBytes()))
                .hasMessageContaining("no address ranges");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkFeeds.parse("cloudflare_v4",
                        "not-a-cidr\u001b[31m".getBytes()))
                .hasMessageContaining("not an address range").hasMessageNotContaining("\u001b");
    }

    @Test
    void aNewerSuffixListIsUsedAndAnOlderOneIgnored() throws Exception {
        DataFiles data = new DataFiles(dir);
        String bundled = new String(getClass().getResourceAsStream("/io/infrapivot/model/public_suffix_list.dat")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Path older = dir.resolve("old.dat");
        Files.writeString(older, "// VERSION: 2001-01-01_00-00-00_UTC\n" + bundled);
        data.refreshSuffixList(older.toString(), LocalDate.of(2026, 1, 1));
        assertThat(data.suffixList().date()).isEqualTo(IndicatorParser.standard().suffixList().date());
        Path newer = dir.resolve("new.dat");
        Files.writeString(newer, bundled);
        var r = data.refreshSuffixList(newer.toString(), LocalDate.of(2099, 1, 2));
        assertThat(r.date()).as("no VERSION line: the fetch date").isEqualTo(LocalDate.of(2099, 1, 2));
        assertThat(data.suffixList().date()).isEqualTo(LocalDate.of(2099, 1, 2));
    }

    /** The message a failed suffix-list refresh from {@code url} carries. */
    String failure(String url) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> new DataFiles(dir.resolve("d")).refreshSuffixList(url, LocalDate.of(2026, 12, 1)));
        assertThat(t).isInstanceOf(java.io.IOException.class);
        String why = FailureReason.of(t);
        assertThat(why).isNotBlank().doesNotContain("null").doesNotEndWith(": ");
        return why;
    }

    @Test
    void everyWayADownloadFailsIsSaidInWords() throws Exception {
        try (MockWebServer bad = new MockWebServer()) {
            bad.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return switch (request.getUrl().encodedPath()) {
                        case "/503" -> new MockResponse.Builder().code(503).body("down").build();
                        case "/404" -> new MockResponse.Builder().code(404).build();
                        case "/429" -> new MockResponse.Builder().code(429).build();
                        case "/garbage" -> new MockResponse.Builder().code(200).body("\u0000\u0001 not a list at all").build();
                        case "/cut" -> new MockResponse.Builder().code(200).body("// x\n".repeat(5000))
                                .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();
                        default -> new MockResponse.Builder().code(500).build();
                    };
                }
            });
            bad.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            String base = "http://127.0.0.1:" + bad.getPort();
            assertThat(failure(base + "/503")).contains(base + "/503").contains("HTTP 503").contains("service unavailable");
            assertThat(failure(base + "/404")).contains("HTTP 404 (not found)");
            assertThat(failure(base + "/429")).contains("HTTP 429").contains("rate-limited");
            assertThat(failure(base + "/garbage")).contains("is not a Public Suffix List");
            assertThat(failure(base + "/cut")).contains(base + "/cut");
        }
        // nothing listening: refused
        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = ss.getLocalPort();
        }
        assertThat(failure("http://127.0.0.1:" + closed + "/x")).contains("host unreachable")
                .contains("127.0.0.1:" + closed);
        assertThat(failure(dir.resolve("missing.dat").toString())).contains("no such file").contains("missing.dat");
        assertThat(failure("ftp://127.0.0.1/list")).contains("unsupported URL scheme");
        assertThat(failure("http://bad url/")).contains("not a usable URL");
        // the feeds say why each failed too, never an empty reason
        var results = new DataFiles(dir.resolve("n")).refreshNetworks(f -> "http://127.0.0.1:" + closed + "/" + f.name(),
                LocalDate.of(2026, 12, 1));
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.replaced()).isFalse();
            assertThat(r.message()).contains("host unreachable");
        });
    }

    @Test
    void exceptionsWithoutAMessageAreStillSaidInWordsByTheirType() {
        assertThat(FailureReason.of(new java.net.ConnectException())).isEqualTo("host unreachable: the connection was refused");
        assertThat(FailureReason.of(new java.io.IOException(new java.net.UnknownHostException())))
                .startsWith("host not found");
        assertThat(FailureReason.of(new java.net.http.HttpConnectTimeoutException(null))).contains("no connection within");
        assertThat(FailureReason.of(new java.net.http.HttpTimeoutException(""))).isEqualTo("no answer within the time allowed");
        assertThat(FailureReason.of(new javax.net.ssl.SSLHandshakeException(null))).contains("TLS");
        assertThat(FailureReason.of(new java.io.EOFException())).contains("closed before the answer was complete");
        assertThat(FailureReason.of(new java.nio.channels.ClosedChannelException()))
                .isEqualTo("failed: closed channel (ClosedChannelException)");
        assertThat(FailureReason.of(new java.io.IOException())).isEqualTo("input/output error, no detail given (IOException)");
        assertThat(FailureReason.of(new java.io.IOException("disk \u001b[31mfull"))).doesNotContain("\u001b");
        assertThat(FailureReason.of(null)).isEqualTo("unknown failure");
    }
}
