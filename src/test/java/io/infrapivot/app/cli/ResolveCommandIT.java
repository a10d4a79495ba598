package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.dns.NsdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code infrapivot resolve} as a process, against the test zones served by NSD on 127.0.0.1. */
class ResolveCommandIT {
    @TempDir
    Path home;
    Cli cli;
    final NsdServer nsd = NsdServer.shared();

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
    }

    @Test
    void printsJsonLinesForEveryQuestion() throws Exception {
        var r = cli.run("resolve", "--json", "--resolver", nsd.resolverOption(), "-t", "A,MX", "records.test",
                "www.records.test", "missing.records.test", "bad..name");
        assertThat(r.exit()).isEqualTo(ExitCodes.PARTIAL); // the malformed name
        List<JsonNode> lines = CliIT.jsonLines(r.out());
        assertThat(lines).hasSize(8); // 4 names x 2 types
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.get("name").asText()).isEqualTo("www.records.test");
            assertThat(n.get("type").asText()).isEqualTo("A");
            assertThat(n.get("answers").toString()).isEqualTo("[\"192.0.2.80\"]");
            assertThat(n.get("cnames").toString()).contains("chain1.records.test", "chain2.records.test");
        });
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.get("name").asText()).isEqualTo("records.test");
            assertThat(n.get("type").asText()).isEqualTo("MX");
            assertThat(n.get("answers")).hasSize(2);
        });
        assertThat(lines).anySatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("nxdomain"));
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.get("status").asText()).isEqualTo("invalid");
            assertThat(n.get("error").asText()).contains("empty label");
        });
        assertThat(r.err()).contains("8 questions");
    }

    @Test
    void readsAFileAndStoresIntoTheCase() throws Exception {
        Path names = home.resolve("names.txt");
        Files.writeString(names, "# a comment\nrecords.test\nmail.records.test\n\nhost10.records.test\n");
        var r = cli.run("resolve", "--resolver", nsd.resolverOption(), "-f", names.toString(), "--case", "bulk");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).containsExactlyInAnyOrder("records.test A answer 192.0.2.1 192.0.2.2",
                "mail.records.test A answer 192.0.2.25", "host10.records.test A answer 192.0.2.10");
        assertThat(r.err()).contains("stored in case bulk");
        var show = cli.run("history", "--case", "bulk", "mail.records.test");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("dns");
        // the evidence is the answer's packet as received, shown decoded
        var facts = CliIT.jsonLines(cli.run("history", "--case", "bulk", "--json", "mail.records.test").out());
        String id = facts.stream().filter(f -> f.has("evidence") && f.get("evidence").size() > 0)
                .map(f -> f.get("evidence").get(0).asText()).findFirst().orElseThrow();
        var ev = cli.run("evidence", "--case", "bulk", id);
        assertThat(ev.exit()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("type:     dns-wire").contains(";; ANSWERS:")
                .containsPattern("mail\\.records\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+192\\.0\\.2\\.25");
        var evJson = CliIT.jsonLines(cli.run("evidence", "--case", "bulk", "--json", id).out()).get(0);
        assertThat(evJson.get("content_type").asText()).isEqualTo("dns-wire");
        assertThat(evJson.get("decoded").asText()).contains("192.0.2.25");
    }

    @Test
    void theDnsSourcesRunThroughLookupWithTheResolverOption() throws Exception {
        for (String id : List.of("dns", "dnsbl", "cymru", "axfr", "subdomains")) cli.env.remove("INFRAPIVOT_" + id.toUpperCase(java.util.Locale.ROOT) + "_ENABLED");
        cli.env.put("INFRAPIVOT_DNS_SRV_SERVICES", "none");
        var r = cli.run("lookup", "--json", "--sources", "dns", "--resolver", nsd.resolverOption(), "--case", "lk",
                "records.test");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = CliIT.jsonLines(r.out());
        assertThat(lines).anySatisfy(n -> assertThat(n.toString()).contains("\"relation\":\"mail-server\"")
                .contains("mail.records.test"));
        assertThat(lines).anySatisfy(n -> assertThat(n.toString()).contains("\"relation\":\"soa-email\"")
                .contains("hostmaster@records.test"));
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("source-status");
            assertThat(n.get("source").asText()).isEqualTo("dns");
            assertThat(n.get("outcome").asText()).isEqualTo("ok");
        });
    }

    @Test
    void theResolversSettingServesRunsWithoutResolverOption() throws Exception {
        cli.env.put("INFRAPIVOT_DNS_RESOLVERS", nsd.resolverOption());
        cli.env.remove("INFRAPIVOT_DNS_ENABLED");
        cli.env.put("INFRAPIVOT_DNS_SRV_SERVICES", "none");
        var bulk = cli.run("resolve", "mail.records.test");
        assertThat(bulk.exit()).as(bulk.err()).isEqualTo(ExitCodes.OK);
        assertThat(bulk.outLines()).containsExactly("mail.records.test A answer 192.0.2.25");
        var lookup = cli.run("lookup", "--json", "--sources", "dns", "--case", "rs", "records.test");
        assertThat(lookup.exit()).as(lookup.err()).isEqualTo(ExitCodes.OK);
        assertThat(CliIT.jsonLines(lookup.out())).anySatisfy(n -> assertThat(n.toString())
                .contains("\"relation\":\"mail-server\"").contains("mail.records.test"));
        cli.env.put("INFRAPIVOT_DNS_RESOLVERS", "dns.example");
        var bad = cli.run("resolve", "www.records.test");
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("[sources.dns] resolvers");
        var wins = cli.run("resolve", "--resolver", nsd.resolverOption(), "www.records.test");
        assertThat(wins.exit()).as(wins.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void rejectsBadOptionsClearly() throws Exception {
        var types = cli.run("resolve", "--resolver", nsd.resolverOption(), "-t", "A,BOGUS", "records.test");
        assertThat(types.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(types.err()).contains("unknown record type 'BOGUS'");
        var resolver = cli.run("resolve", "--resolver", "dns.example", "records.test");
        assertThat(resolver.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(resolver.err()).contains("--resolver");
    }
}
