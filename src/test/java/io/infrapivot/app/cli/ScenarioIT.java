package io.infrapivot.app.cli;

import static io.infrapivot.scenario.SimulatedInternet.CDN;
import static io.infrapivot.scenario.SimulatedInternet.DOMAINS;
import static io.infrapivot.scenario.SimulatedInternet.IPS;
import static io.infrapivot.scenario.SimulatedInternet.PARKING_NS;
import static io.infrapivot.scenario.SimulatedInternet.PRIVACY;
import static io.infrapivot.scenario.SimulatedInternet.SHARED;
import static io.infrapivot.scenario.SimulatedInternet.SINKHOLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.scenario.SimulatedInternet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the pivot engine: the simulated internet of a fictional actor on loopback
 * (NSD, RDAP, reverse WHOIS, passive DNS, CT), pivoted through the real launcher.
 */
class ScenarioIT {
    static SimulatedInternet net;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        net = new SimulatedInternet(Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    Cli cli() {
        Cli cli = new Cli(home);
        cli.env.putAll(net.env());
        return cli;
    }

    /** The nodes of a pivot's --json output, by indicator value. */
    static Map<String, JsonNode> nodes(String out) throws Exception {
        Map<String, JsonNode> nodes = new HashMap<>();
        for (JsonNode n : CliIT.jsonLines(out)) {
            if (n.get("kind").asText().equals("node")) nodes.put(n.get("indicator").get("value").asText(), n);
        }
        return nodes;
    }

    static String rule(Map<String, JsonNode> nodes, String value) {
        JsonNode n = nodes.get(value);
        assertThat(n).as(value + " in the graph").isNotNull();
        return n.get("mark").isNull() ? null : n.get("mark").get("rule").asText();
    }

    void assertActorFoundAndNoiseMarked(Map<String, JsonNode> nodes) {
        assertThat(nodes.keySet()).containsAll(DOMAINS).containsAll(IPS);
        for (String ip : IPS) assertThat(rule(nodes, ip)).as(ip).isNull();
        assertThat(rule(nodes, SHARED)).isEqualTo("shared-hosting");
        assertThat(nodes.get(SHARED).get("mark").get("count").asLong()).isGreaterThan(2000);
        assertThat(rule(nodes, CDN)).isEqualTo("known-network");
        assertThat(rule(nodes, SINKHOLE)).isEqualTo("sinkhole");
        assertThat(rule(nodes, PARKING_NS)).isEqualTo("parking");
        assertThat(rule(nodes, PRIVACY)).isEqualTo("privacy");
        // nothing behind the noise was expanded
        assertThat(nodes.keySet()).noneMatch(v -> v.startsWith("unrelated-site"));
        assertThat(nodes.keySet()).noneMatch(v -> v.startsWith("privacy-customer"));
        assertThat(net.whoxy.requests).noneMatch(p -> p.contains("withheldforprivacy"));
        assertThat(net.mnemonic.requests).noneMatch(p -> p.contains(CDN) || p.contains(SINKHOLE));
    }

    @Test
    void fromOneSeedDomainTheDomainRecipeFindsTheWholeActor() throws Exception {
        var r = cli().run("pivot", "--case", "actor", "--recipe", "domain", "--depth", "3", "--json",
                "--sources", SimulatedInternet.SOURCES, "--resolver", net.resolver(), "--timeout", "30s",
                DOMAINS.get(0));
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        Map<String, JsonNode> nodes = nodes(r.out());
        assertActorFoundAndNoiseMarked(nodes);
        JsonNode summary = CliIT.jsonLines(r.out()).getLast();
        assertThat(summary.get("ranking").toString()).contains("acme-secure");
        assertThat(net.whoxy.requests).as("the scenario key never leaves in a log line").isNotEmpty();
        assertThat(r.out() + r.err()).doesNotContain("scenario-whoxy-key-0001");

        var why = cli().run("why", "--case", "actor", DOMAINS.get(12));
        assertThat(why.exit()).isZero();
        assertThat(why.out()).contains(DOMAINS.get(0) + " (seed)");

        // one name, one identity: the name a certificate log gave is found as the analyst types it
        String www = "www." + DOMAINS.get(0);
        var whyWww = cli().run("why", "--case", "actor", www);
        assertThat(whyWww.exit()).as(whyWww.out() + whyWww.err()).isZero();
        assertThat(whyWww.out()).contains(DOMAINS.get(0) + " (seed)");
        var history = cli().run("history", "--case", "actor", www);
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).doesNotContain("knows nothing").contains("crtsh");
    }

    @Test
    void fromTheSeedIpTheIpRecipeFindsTheSameCluster() throws Exception {
        var r = cli().run("pivot", "--case", "fromip", "--recipe", "ip", "--depth", "3", "--json",
                "--sources", SimulatedInternet.SOURCES, "--resolver", net.resolver(), "--timeout", "30s", IPS.get(0));
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        Map<String, JsonNode> nodes = nodes(r.out());
        assertThat(nodes.keySet()).containsAll(DOMAINS).containsAll(IPS);
        assertThat(rule(nodes, SHARED)).isEqualTo("shared-hosting");
        assertThat(nodes.keySet()).noneMatch(v -> v.startsWith("unrelated-site"));
    }

    @Test
    void killedMidRunAndResumedGivesTheSameGraphWithNoRepeatedLookup() throws Exception {
        List<String> args = List.of("pivot", "--case", "killed", "--recipe", "domain", "--depth", "3", "--json",
                "--sources", SimulatedInternet.SOURCES, "--resolver", net.resolver(), "--timeout", "30s", DOMAINS.get(0));
        // the graph of an uninterrupted run, in its own case
        Cli cli = cli();
        List<String> whole = new ArrayList<>(args);
        whole.set(2, "whole");
        Map<String, JsonNode> reference = nodes(cli.run(whole.toArray(String[]::new)).out());

        Map<String, Integer> w = requestCounts();
        Process p = cli.start(args.toArray(String[]::new));
        int before = requests();
        while (requests() - before < 25 && p.isAlive()) Thread.sleep(5);
        p.destroyForcibly().waitFor();
        Map<String, Integer> k = requestCounts();

        // what the killed run finished (and stored) before it died
        java.util.Set<String> done = new java.util.HashSet<>();
        try (var store = new io.infrapivot.store.SqliteCaseRepository(home.resolve("data/cases")).openExisting("killed")) {
            for (var l : store.lookups()) {
                if (l.outcome() != io.infrapivot.source.Outcome.ERROR && l.outcome() != io.infrapivot.source.Outcome.SKIPPED) {
                    done.add(l.source() + " " + l.indicator().value());
                }
            }
        }
        assertThat(done).as("the kill came midway").isNotEmpty();

        var resumed = cli.run(args.toArray(String[]::new));
        Map<String, JsonNode> nodes = nodes(resumed.out());
        assertThat(nodes.keySet()).isEqualTo(reference.keySet());
        Map<String, Integer> r = requestCounts();
        List<String> repeated = new ArrayList<>();
        int killedRun = 0;
        int resumedRun = 0;
        for (var e : r.entrySet()) {
            int inKilled = k.getOrDefault(e.getKey(), 0) - w.getOrDefault(e.getKey(), 0);
            int inResumed = e.getValue() - k.getOrDefault(e.getKey(), 0);
            killedRun += inKilled;
            resumedRun += inResumed;
            if (inKilled > 0 && inResumed > 0 && done.contains(lookupOf(e.getKey()))) repeated.add(e.getKey());
        }
        assertThat(killedRun).isPositive();
        assertThat(resumedRun).isPositive();
        assertThat(repeated).as("requests of lookups the killed run had finished, asked again").isEmpty();
    }

    /** "source value" of the lookup behind a request key (port + target) of the simulated services. */
    static String lookupOf(String key) {
        String port = key.substring(0, key.indexOf('/'));
        String target = java.net.URLDecoder.decode(key.substring(key.indexOf('/')), java.nio.charset.StandardCharsets.UTF_8);
        if (port.equals(String.valueOf(net.rdap.server.getPort()))) {
            return "rdap " + target.substring(target.indexOf('/', 1) + 1).toLowerCase();
        }
        if (port.equals(String.valueOf(net.mnemonic.server.getPort()))) {
            String v = target.substring("/pdns/v3/".length());
            return "mnemonic " + (v.contains("?") ? v.substring(0, v.indexOf('?')) : v);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&](?:email|q)=([^&]*)").matcher(target);
        String v = m.find() ? m.group(1) : target;
        return (port.equals(String.valueOf(net.whoxy.server.getPort())) ? "whoxy " : "crtsh ") + v;
    }

    static int requests() {
        return net.rdap.requests.size() + net.whoxy.requests.size() + net.mnemonic.requests.size()
                + net.crtsh.requests.size();
    }

    static Map<String, Integer> requestCounts() {
        Map<String, Integer> c = new HashMap<>();
        for (var s : List.of(net.rdap, net.whoxy, net.mnemonic, net.crtsh)) {
            for (String p : s.requests) c.merge(s.server.getPort() + p, 1, Integer::sum);
        }
        return c;
    }
}
