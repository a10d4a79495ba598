package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pivot, recipes and why through the real launcher, on the offline classify source. */
class PivotCliIT {
    @TempDir
    Path home;
    Cli cli;
    Path recipe;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(home);
        recipe = home.resolve("names.toml");
        Files.writeString(recipe, """
                name = "names"
                description = "URL to host to domain, offline"
                depth = 3
                [[steps]]
                types = ["url", "host", "domain", "email"]
                hops = "0-"
                sources = ["classify"]
                follow = ["url-host", "subdomain-of", "email-domain"]
                """);
    }

    @Test
    void pivotsHopByHopAndWhyExplainsThePath() throws Exception {
        var r = cli.run("pivot", "--case", "pv", "--recipe", recipe.toString(), "--json",
                "hxxps://login.evil[.]example(.)com/x", "10.0.0.7");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = CliIT.jsonLines(r.out());
        List<JsonNode> nodes = lines.stream().filter(n -> n.get("kind").asText().equals("node")).toList();
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.get("indicator").get("value").asText()).isEqualTo("example.com");
            assertThat(n.get("hop").asInt()).isEqualTo(2);
            assertThat(n.get("via").asText()).isEqualTo("subdomain-of");
        });
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.get("indicator").get("value").asText()).isEqualTo("10.0.0.7");
            assertThat(n.get("seed").asBoolean()).isTrue();
            assertThat(n.get("mark").get("rule").asText()).isEqualTo("special-range");
        });
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("kind").asText()).isEqualTo("summary");
        assertThat(summary.get("stop_reasons").toString()).contains("nothing left to expand");
        long statuses = lines.stream().filter(n -> n.get("kind").asText().equals("source-status")).count();
        assertThat(summary.get("lookups").asLong()).isEqualTo(statuses).isPositive();
        assertThat(summary.get("elapsed_ms").asLong()).isNotNegative();

        var why = cli.run("why", "--case", "pv", "example.com");
        assertThat(why.exit()).as(why.err()).isZero();
        assertThat(why.out()).contains("https://login.evil.example.com/x (seed)").contains("url-host")
                .contains("login.evil.example.com").contains("subdomain-of").contains("example.com (domain)");
        var nowhere = cli.run("why", "--case", "pv", "unrelated.org");
        assertThat(nowhere.exit()).isEqualTo(5);
        assertThat(nowhere.err()).contains("not reachable");

        var human = cli.run("pivot", "--case", "pv", "--recipe", recipe.toString(), "https://login.evil.example.com/x");
        assertThat(human.exit()).isZero();
        assertThat(human.out()).contains("indicators 3").contains("classify").contains("cached")
                .contains("stopped").containsPattern("\\d+ lookups in \\d+\\.\\d s");
    }

    @Test
    void whatIsLeftUnfollowedIsCountedWithWhyAndHowToIncludeIt() throws Exception {
        var r = cli.run("pivot", "--case", "left", "--recipe", recipe.toString(), "--max-nodes", "2", "--json",
                "https://login.evil.example.com/x");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = CliIT.jsonLines(r.out());
        JsonNode summary = lines.get(lines.size() - 1);
        JsonNode left = summary.get("unfollowed");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("reason").asText()).isEqualTo("node-budget");
        assertThat(left.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(left.get(0).get("hint").asText()).contains("--max-nodes");
        var human = cli.run("pivot", "--case", "left2", "--recipe", recipe.toString(), "--max-nodes", "2",
                "https://login.evil.example.com/x");
        assertThat(human.exit()).as(human.err()).isZero();
        assertThat(human.out()).contains("left unfollowed").contains("node-budget").contains("node budget was full")
                .contains("--max-nodes");
        // --within takes a duration with its unit, or 'all'
        var bad = cli.run("pivot", "--case", "left3", "--recipe", recipe.toString(), "--within", "30", "example.com");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--within");
        var all = cli.run("pivot", "--case", "left4", "--recipe", recipe.toString(), "--within", "all", "--json",
                "https://login.evil.example.com/x");
        assertThat(all.exit()).as(all.err()).isZero();
        List<JsonNode> allLines = CliIT.jsonLines(all.out());
        assertThat(allLines.get(allLines.size() - 1).get("unfollowed")).isEmpty();
    }

    @Test
    void depthOneIsOneRoundOfLookups() throws Exception {
        var r = cli.run("pivot", "--case", "d1", "--recipe", recipe.toString(), "--depth", "1", "--json",
                "https://a.b.example.org/");
        List<JsonNode> nodes = CliIT.jsonLines(r.out()).stream().filter(n -> n.get("kind").asText().equals("node"))
                .toList();
        assertThat(nodes).extracting(n -> n.get("indicator").get("value").asText())
                .containsExactlyInAnyOrder("https://a.b.example.org/", "a.b.example.org");
    }

    @Test
    void recipesAreListedAndBadOnesRejected() throws Exception {
        var list = cli.run("recipes");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("quick").contains("domain").contains("ip").contains("email").contains("file");
        var one = cli.run("recipes", "domain");
        assertThat(one.out()).contains("registrant-email").contains("sources:");
        Path bad = home.resolve("bad.toml");
        Files.writeString(bad, "name = \"bad\"\n[[steps]]\ntypes = [\"domian\"]\n");
        var r = cli.run("pivot", "--recipe", bad.toString(), "example.com");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown type 'domian'");
        var rule = cli.run("pivot", "--no-filter", "nosuch", "example.com");
        assertThat(rule.exit()).isEqualTo(2);
        assertThat(rule.err()).contains("no noise rule 'nosuch'");
    }
}
