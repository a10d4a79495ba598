package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.source.registration.TestFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registration parse} run in-process on saved answers. */
class RegistrationCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        return Main.run(new AppContext(t), args);
    }

    private Path save(String name, String fixture) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, TestFixtures.bytes(fixture));
        return p;
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
        }
        return l;
    }

    @Test
    void parsesWhoisAndRdapFilesGuessingTheFormat() throws Exception {
        Path whois = save("thick.txt", "whois/registrar-thick.txt");
        Path rdap = save("net.json", "rdap/arin-ip.json");
        Path free = save("free.txt", "whois/verisign-notfound.txt");
        Path slow = save("limit.txt", "whois/throttled-pir.txt");
        int exit = run("registration", "parse", "--json", whois.toString(), rdap.toString(), free.toString(),
                slow.toString());
        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> l = lines();
        assertThat(l).hasSize(4);
        assertThat(l.get(0).get("file").asText()).isEqualTo(whois.toString());
        assertThat(l.get(0).get("domain").asText()).isEqualTo("example-shop.com");
        assertThat(l.get(0).get("status").asText()).isEqualTo("registered");
        assertThat(l.get(0).get("registrar").get("iana_id").asText()).isEqualTo("9999");
        assertThat(l.get(0).get("contacts").get("registrant").get("email").asText())
                .isEqualTo("jane@roewidgets.example");
        assertThat(l.get(0).get("created").asText()).isEqualTo("2015-08-13T04:00:00Z");
        assertThat(l.get(0).get("parse_status").asText()).isEqualTo("full");
        assertThat(l.get(0).get("privacy").asBoolean()).isFalse();
        assertThat(l.get(1).get("format").asText()).isEqualTo("rdap");
        assertThat(l.get(1).get("network").get("cidrs").get(0).asText()).isEqualTo("8.8.8.0/24");
        assertThat(l.get(2).get("status").asText()).isEqualTo("available");
        assertThat(l.get(3).get("status").asText()).isEqualTo("throttled");
    }

    @Test
    void serverChoosesTheFormatAndZone() throws Exception {
        Path jp = save("jp.txt", "whois/jprs.txt");
        assertThat(run("registration", "parse", "--json", "--server", "whois.jprs.jp", jp.toString())).isZero();
        JsonNode n = lines().get(0);
        assertThat(n.get("format").asText()).isEqualTo("jprs");
        assertThat(n.get("created").asText()).isEqualTo("2001-05-10T15:00:00Z");
    }

    @Test
    void humanSummaryAndPartialFailure() throws Exception {
        Path ok = save("nominet.txt", "whois/nominet.txt");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"objectClassName\": ");
        int exit = run("registration", "parse", ok.toString(), bad.toString(), dir.resolve("missing").toString());
        assertThat(exit).isEqualTo(ExitCodes.PARTIAL);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("== " + ok + " ==").contains("registrar: Markmonitor Inc.")
                .contains("name servers: ns1.example-widgets.co.uk, ns2.example-widgets.co.uk");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot parse " + bad + ": not JSON")
                .contains("no such file: " + dir.resolve("missing"));
    }

    @Test
    void badFormatIsBadInput() throws Exception {
        Path ok = save("n.txt", "whois/nominet.txt");
        assertThat(run("registration", "parse", "--format", "xml", ok.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    }
    @Test
    void anAnswersOwnDateIsItsDate() {
        assertThat(io.infrapivot.engine.SavedAnswers.ownDate("Domain Name: x.com\n>>> Last update of WHOIS database: "
                + "2026-11-27T03:40:12Z <<<\n")).isEqualTo(java.time.Instant.parse("2026-11-27T03:40:12Z"));
        assertThat(io.infrapivot.engine.SavedAnswers.ownDate("{\"events\":[{\"eventAction\":\"last update of RDAP database\","
                + "\"eventDate\":\"2025-02-03T04:05:06Z\"}]}")).isEqualTo(java.time.Instant.parse("2025-02-03T04:05:06Z"));
        assertThat(io.infrapivot.engine.SavedAnswers.ownDate("Domain Name: x.com\n")).isNull();
        assertThat(RegistrationCommand.parseDate("2019-06-01")).isEqualTo(java.time.Instant.parse("2019-06-01T00:00:00Z"));
        assertThat(RegistrationCommand.parseDate("2019-06-01T10:00:00+02:00"))
                .isEqualTo(java.time.Instant.parse("2019-06-01T08:00:00Z"));
    }
}
