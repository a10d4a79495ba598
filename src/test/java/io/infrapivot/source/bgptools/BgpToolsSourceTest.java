package io.infrapivot.source.bgptools;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bgptools against a local server speaking bgp.tools' documented bulk WHOIS framing (begin, addresses, end). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BgpToolsSourceTest {
    static final String HEADER = "AS      | IP               | BGP Prefix          | CC | Registry | Allocated  | AS Name";
    static final Map<String, String> ROWS = Map.of(
            "1.1.1.1", "13335   | 1.1.1.1          | 1.1.1.0/24          | US | ARIN     | 2010-07-14 | Cloudflare, Inc.",
            "193.0.6.139", "3333    | 193.0.6.139      | 193.0.0.0/21        | NL | RIPE     | 1993-09-01 | Reseaux IP Europeens Network Coordination Centre (RIPE NCC)",
            "2001:db8::1", "0       | 2001:db8::1      |                     |    |          |            | ",
            "8.8.8.8", "15169   | 8.8.8.8          | 8.8.8.0/24          | US | ARIN     | 2023-12-28 | Google LLC");

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<List<String>> queries = new CopyOnWriteArrayList<>();
    private final BgpToolsSource source = new BgpToolsSource();

    /** Starts a server that reads one bulk query and answers it with {@code answer}, then closes. */
    private void serve(Function<List<String>, String> answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    List<String> lines = new ArrayList<>();
                    for (String l; (l = in.readLine()) != null; ) {
                        lines.add(l.strip());
                        if (l.strip().equals("end")) break;
                    }
                    queries.add(lines);
                    OutputStream out = s.getOutputStream();
                    out.write(answer.apply(lines).getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    // next connection, or closed at the end
                }
            }
        });
    }

    /** Answers a well-framed query like bgp.tools' bulk mode (https://bgp.tools/kb/api): one row per item, no header. */
    static String bulk(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).equals("begin") || !lines.get(lines.size() - 1).equals("end")) {
            return "Error: malformed bulk query\n";
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines.subList(1, lines.size() - 1)) {
            b.append(ROWS.getOrDefault(l, "Error: no data for " + l)).append('\n');
        }
        return b.toString();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    private LookupContext context(String window) {
        Map<String, String> m = new HashMap<>();
        m.put("server", "127.0.0.1:" + server.getLocalPort());
        m.put("batch_window", window);
        m.put("timeout", "5s");
        return new LookupContext(new SourceSettings(BgpToolsSource.ID, m), Duration.ofSeconds(30), Clock.systemUTC(),
                IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults());
    }

    private LookupResult lookup(String ip, String window) throws InterruptedException {
        return source.lookup(Indicator.of(IndicatorType.IP, ip), context(window));
    }

    private static List<String> lines(LookupResult r) {
        return r.observations().stream().map(o -> o.subject() + " " + o.relation() + " " + o.object()).toList();
    }

    @Test
    void oneAddressGivesOriginPrefixAndAsName() throws Exception {
        serve(BgpToolsSourceTest::bulk);
        LookupResult r = lookup("1.1.1.1", "0s");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).containsExactlyInAnyOrder("ip:1.1.1.1 in-netblock cidr:1.1.1.0/24",
                "ip:1.1.1.1 announced-by asn:AS13335");
        var by = r.observations().stream().filter(o -> o.relation() == Relation.ANNOUNCED_BY).findFirst().orElseThrow();
        assertThat(by.value().get("as_name").asText()).isEqualTo("Cloudflare, Inc.");
        assertThat(by.value().get("hosting").asText()).isEqualTo("cloudflare cdn");
        var net = r.observations().stream().filter(o -> o.relation() == Relation.IN_NETBLOCK).findFirst().orElseThrow();
        assertThat(net.value().get("allocated").asText()).isEqualTo("2010-07-14");
        assertThat(queries.get(0)).containsExactly("begin", "1.1.1.1", "end");
        String evidence = new String(r.evidence().get(0).response(), StandardCharsets.UTF_8);
        assertThat(evidence).contains("Cloudflare").doesNotContain("AS Name");
    }

    @Test
    void concurrentLookupsShareOneConnection() throws Exception {
        serve(BgpToolsSourceTest::bulk);
        List<String> ips = List.of("1.1.1.1", "193.0.6.139", "8.8.8.8", "2001:db8::1");
        List<Future<LookupResult>> results = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (String ip : ips) results.add(pool.submit(() -> lookup(ip, "2s")));
        }
        assertThat(connections.get()).isEqualTo(1);
        assertThat(queries.get(0)).hasSize(6).startsWith("begin").endsWith("end")
                .containsAll(ips);
        assertThat(lines(results.get(1).get())).contains("ip:193.0.6.139 announced-by asn:AS3333");
        assertThat(lines(results.get(2).get())).containsOnly("ip:8.8.8.8 in-netblock cidr:8.8.8.0/24",
                "ip:8.8.8.8 announced-by asn:AS15169");
        // each lookup's evidence holds its own line, not the other addresses'
        String ev = new String(results.get(2).get().evidence().get(0).response(), StandardCharsets.UTF_8);
        assertThat(ev).contains("8.8.8.8").doesNotContain("1.1.1.1");
        LookupResult unrouted = results.get(3).get();
        assertThat(unrouted.outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void anErrorLineIsAClearError() throws Exception {
        serve(BgpToolsSourceTest::bulk);
        LookupResult r = lookup("192.0.2.55", "0s");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.GARBAGE);
        assertThat(r.message()).contains("Error: no data for 192.0.2.55");
    }

    @Test
    void aServerThatClosesSilentlyIsAnError() throws Exception {
        serve(lines -> "");
        LookupResult r = lookup("1.1.1.1", "0s");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("no line for 1.1.1.1");
    }

    @Test
    void noServerIsANetworkError() throws Exception {
        serve(BgpToolsSourceTest::bulk);
        server.close();
        LookupResult r = lookup("1.1.1.1", "0s");
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.NETWORK);
    }

    @Test
    void aWaitingLookupOutlivesItsSendersInterrupt() throws Exception {
        serve(BgpToolsSourceTest::bulk);
        var sender = Thread.ofVirtual().start(() -> {
            try {
                lookup("1.1.1.1", "3s");
            } catch (InterruptedException expected) {
                // the sender stops
            }
        });
        Thread.sleep(200);
        var follower = new java.util.concurrent.atomic.AtomicReference<LookupResult>();
        var t = Thread.ofVirtual().start(() -> {
            try {
                follower.set(lookup("8.8.8.8", "0s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(200);
        sender.interrupt();
        sender.join(Duration.ofSeconds(2));
        assertThat(sender.isAlive()).isFalse();
        t.join(Duration.ofSeconds(10));
        assertThat(follower.get()).isNotNull();
        assertThat(lines(follower.get())).contains("ip:8.8.8.8 announced-by asn:AS15169");
    }

    @Test
    void parserReadsRowsAndSkipsTheHeader() {
        var rows = BgpToolsParser.rows(HEADER + "\n" + ROWS.get("1.1.1.1") + "\ngarbage line\n");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.asn()).isEqualTo(13335);
            assertThat(r.prefix()).isEqualTo("1.1.1.0/24");
            assertThat(r.registry()).isEqualTo("ARIN");
        });
        assertThat(BgpToolsParser.row("13335 | 1.1.1.1 | not-a-prefix | US\u001b[31m | ARIN | x | y")).hasValueSatisfying(
                r -> {
                    assertThat(r.prefix()).isEmpty();
                    assertThat(r.routed()).isFalse();
                    assertThat(r.country()).doesNotContain("\u001b");
                });
        assertThat(BgpToolsParser.complaint(HEADER + "\nError: rate limited\n")).isEqualTo("Error: rate limited");
    }

    @Test
    void parserReadsTheDocumentedBulkAnswer() {
        // the shape of bgp.tools' bulk example: rows only, AS rows (IP and prefix empty) beside address rows
        String answer = """
                206924  |        |           | GB | RIPE     | 2017-04-11 | Example AS Holder
                64500   | 192.0.2.1| 192.0.2.0/24| US | ARIN     | 2010-07-14 | Example Hosting, Inc.
                64501   | 2001:db8:: | 2001:db8::/32 | DE | RIPE     | 2002-09-11 | Example Carrier GmbH
                """;
        var rows = BgpToolsParser.rows(answer);
        assertThat(rows).extracting(BgpToolsParser.Row::ip).containsExactly("192.0.2.1", "2001:db8::");
        assertThat(rows.get(0).asName()).isEqualTo("Example Hosting, Inc.");
        assertThat(rows.get(0).country()).isEqualTo("US");
        assertThat(rows.get(0).allocated()).isEqualTo("2010-07-14");
        assertThat(rows.get(1).prefix()).isEqualTo("2001:db8::/32");
        assertThat(rows.get(1).routed()).isTrue();
    }
}
