package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registration section of lookup, history --registration, and update-data's RDAP bootstrap, end to end. */
class RegistrationHistoryIT {
    @TempDir
    Path home;
    MockWebServer rdap;
    final AtomicReference<String> email = new AtomicReference<>("first.owner@mail-one.example.com");

    static String domain(String email, String registrar) {
        return "{\"objectClassName\":\"domain\",\"handle\":\"2336799_DOMAIN_COM-VRSN\",\"ldhName\":\"SHOP-EXAMPLE.COM\","
                + "\"status\":[\"client transfer prohibited\"],"
                + "\"events\":[{\"eventAction\":\"registration\",\"eventDate\":\"2025-05-01T08:00:00Z\"},"
                + "{\"eventAction\":\"expiration\",\"eventDate\":\"2027-05-01T08:00:00Z\"}],"
                + "\"nameservers\":[{\"objectClassName\":\"nameserver\",\"ldhName\":\"NS1.HOSTER.EXAMPLE.NET\"}],"
                + "\"entities\":[{\"objectClassName\":\"entity\",\"roles\":[\"registrar\"],"
                + "\"publicIds\":[{\"type\":\"IANA Registrar ID\",\"identifier\":\"146\"}],"
                + "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"" + registrar + "\"]]]},"
                + "{\"objectClassName\":\"entity\",\"roles\":[\"registrant\"],\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],"
                + "[\"fn\",{},\"text\",\"Shop Owner\"],[\"email\",{},\"text\",\"" + email + "\"]]]}],"
                + "\"rdapConformance\":[\"rdap_level_0\"]}";
    }

    @BeforeEach
    void start() throws Exception {
        rdap = new MockWebServer();
        rdap.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                String body = switch (path) {
                    case "/domain/shop-example.com" -> domain(email.get(), email.get().startsWith("first")
                            ? "GoDaddy.com, LLC" : "NameCheap, Inc.");
                    case "/bootstrap/dns.json" -> "{\"version\":\"1.0\",\"publication\":\"2026-11-20T00:00:00Z\","
                            + "\"services\":[[[\"com\",\"net\"],[\"https://rdap.verisign.com/com/v1/\"]]]}";
                    case "/bootstrap/ipv4.json" -> "{\"version\":\"1.0\",\"publication\":\"2026-11-20T00:00:00Z\","
                            + "\"services\":[[[\"8.0.0.0/8\"],[\"https://rdap.arin.net/registry/\"]]]}";
                    case "/bootstrap/ipv6.json" -> "{\"version\":\"1.0\",\"publication\":\"2026-11-20T00:00:00Z\","
                            + "\"services\":[[[\"2001:4800::/23\"],[\"https://rdap.arin.net/registry/\"]]]}";
                    case "/bootstrap/asn.json" -> "{\"version\":\"1.0\",\"publication\":\"2026-11-20T00:00:00Z\","
                            + "\"services\":[[[\"1-1876\"],[\"https://rdap.arin.net/registry/\"]]]}";
                    default -> null;
                };
                if (body == null) return new MockResponse.Builder().code(404).body("{\"errorCode\":404}").build();
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json").body(body)
                        .build();
            }
        });
        rdap.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        rdap.close();
    }

    Cli cli() {
        Cli cli = new Cli(home);
        cli.env.put("INFRAPIVOT_RDAP_ENABLED", "true");
        cli.env.put("INFRAPIVOT_RDAP_URL", rdap.url("/").toString());
        return cli;
    }

    @Test
    void theLookupSummarisesTheRegistrationAndHistoryShowsWhatChanged() throws Exception {
        var first = cli().run("lookup", "--case", "reg", "--sources", "rdap", "shop-example.com");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("registration").contains("registrar: GoDaddy.com, LLC (IANA 146)")
                .contains("first.owner@mail-one.example.com").contains("ns1.hoster.example.net");

        // the raw answer behind the facts: printed escaped, saved unchanged
        var m = java.util.regex.Pattern.compile("evidence (\\d+)").matcher(first.out());
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        var ev = cli().run("evidence", "--case", "reg", id);
        assertThat(ev.exit()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("source rdap").contains("/domain/shop-example.com")
                .contains("\"ldhName\":\"SHOP-EXAMPLE.COM\"");
        Path saved = home.resolve("answer.json");
        assertThat(cli().run("evidence", "--case", "reg", "-o", saved.toString(), id).exit()).isZero();
        assertThat(java.nio.file.Files.readString(saved)).startsWith("{\"objectClassName\":\"domain\"");
        var evJson = cli().run("evidence", "--case", "reg", "--json", id);
        assertThat(CliIT.jsonLines(evJson.out()).get(0).get("sha256").asText()).hasSize(64);

        email.set("second.owner@mail-two.example.com");
        var second = cli().run("lookup", "--case", "reg", "--sources", "rdap", "--refresh", "shop-example.com");
        assertThat(second.exit()).isZero();

        var history = cli().run("history", "--case", "reg", "--registration", "shop-example.com");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("2 records, 1 with changes")
                .contains("first.owner@mail-one.example.com → second.owner@mail-two.example.com")
                .contains("GoDaddy.com, LLC → NameCheap, Inc.");
        var json = cli().run("history", "--case", "reg", "--registration", "--json", "shop-example.com");
        assertThat(CliIT.jsonLines(json.out())).singleElement().satisfies(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("registration-change");
            assertThat(n.get("changes").toString()).contains("contacts.registrant.email");
        });
        var none = cli().run("history", "--case", "reg", "--registration", "other-example.com");
        assertThat(none.exit()).isEqualTo(5);
    }

    @Test
    void savedWhoisFilesLoadIntoACaseWithTheirDatesAndHistoryShowsTheChanges() throws Exception {
        String now = io.infrapivot.source.registration.TestFixtures.text("whois/registrar-thick.txt");
        String before = now.replace("jane@roewidgets.example", "old.owner@roewidgets.example")
                .replace("Registrar: Example Registrar, LLC", "Registrar: Earlier Registrar, Inc.")
                .replaceAll("(?m)^>>> Last update of WHOIS database: .*$", "");
        Path old = home.resolve("2019-copy.txt");
        Path recent = home.resolve("recent.txt");
        java.nio.file.Files.writeString(old, before);
        java.nio.file.Files.writeString(recent, now);
        // the old copy dated by --date, the recent one by the date it states itself
        var a = cli().run("registration", "parse", "--case", "files", "--date", "2019-06-01", old.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.err()).contains("1 record stored in case files");
        var b = cli().run("registration", "parse", "--case", "files", recent.toString());
        assertThat(b.exit()).as(b.err()).isZero();
        var history = cli().run("history", "--case", "files", "--registration", "example-shop.com");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("2 records, 1 with changes").contains("2019-06-01T00:00:00Z  first record")
                .contains("2026-11-27T03:40:12Z")
                .contains("old.owner@roewidgets.example → jane@roewidgets.example")
                .contains("Earlier Registrar, Inc. → Example Registrar, LLC");
        var bad = cli().run("registration", "parse", "--case", "files", "--date", "June 2019", recent.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--date must be");
    }

    @Test
    void sourcesCheckTellsWhetherAServiceIsReachable() throws Exception {
        var up = cli().run("sources", "--check", "--json");
        assertThat(CliIT.jsonLines(up.out())).filteredOn(n -> n.get("id").asText().equals("rdap")).singleElement()
                .satisfies(n -> assertThat(n.get("reachability").asText()).isEqualTo("reachable"));
        Cli down = cli();
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        down.env.put("INFRAPIVOT_RDAP_URL", "http://127.0.0.1:" + closed + "/");
        var r = down.run("sources", "--check");
        assertThat(r.out()).containsPattern("rdap .*unreachable");
    }

    @Test
    void updateDataRefreshesTheRdapBootstrapAndTheSourceUsesIt() throws Exception {
        Cli cli = cli();
        cli.env.put("INFRAPIVOT_RDAP_BOOTSTRAP_URL", rdap.url("/bootstrap/").toString());
        var r = cli.run("update-data", "--only", "rdap");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rdap-bootstrap: 4 files").contains("2026-11-20");
        var sources = cli.run("sources");
        assertThat(sources.out()).contains("RDAP bootstrap of 2026-11-20");
    }
}
