package io.infrapivot.app.cli;

import static io.infrapivot.scenario.SimulatedInternet.DOMAINS;
import static io.infrapivot.scenario.SimulatedInternet.IPS;
import static io.infrapivot.scenario.SimulatedInternet.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.app.export.GraphFormatsTest;
import io.infrapivot.app.export.MispExportTest;
import io.infrapivot.app.export.StixExportTest;
import io.infrapivot.scenario.SimulatedInternet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated internet's actor, pivoted through the real launcher, then exported: STIX against the OASIS
 * schemas, MISP against the templates, GEXF against the XSD, the report, the filters, and a STIX round trip.
 */
class ExportScenarioIT {
    static SimulatedInternet net;
    static final ObjectMapper M = new ObjectMapper();

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

    @Test
    void theActorsCaseExportsValidAndComesBack() throws Exception {
        Cli cli = new Cli(home);
        cli.env.putAll(net.env());
        var pivot = cli.run("pivot", "--case", "actor", "--recipe", "domain", "--depth", "3", "--json",
                "--sources", SimulatedInternet.SOURCES, "--resolver", net.resolver(), "--timeout", "30s", DOMAINS.get(0));
        assertThat(pivot.exit()).as(pivot.err()).isIn(0, 1);

        Path stix = home.resolve("actor.stix.json");
        assertThat(cli.run("export", "--case", "actor", "--format", "stix21", "-o", stix.toString()).exit()).isZero();
        String bundle = Files.readString(stix);
        assertThat(StixExportTest.validate(bundle)).isEmpty();
        assertThat(bundle).contains("\"value\":\"" + DOMAINS.get(0) + "\"").contains("\"value\":\"" + IPS.get(0) + "\"");

        var misp = cli.run("export", "--case", "actor", "--format", "misp");
        assertThat(misp.exit()).isZero();
        JsonNode event = M.readTree(misp.out()).path("Event");
        assertThat(event.path("Object").size()).isPositive();
        for (JsonNode o : event.path("Object")) assertThat(MispExportTest.check(o)).as(o.toString()).isEmpty();
        assertThat(misp.out()).contains("infrapivot:noise=\\\"shared-hosting\\\"");

        var gexf = cli.run("export", "--case", "actor", "--format", "gexf");
        assertThat(gexf.exit()).isZero();
        GraphFormatsTest.validateGexf(gexf.out());

        var html = cli.run("export", "--case", "actor", "--format", "html");
        assertThat(html.out()).contains("Content-Security-Policy").contains(DOMAINS.get(0)).contains("Strongest ties");

        var clean = cli.run("export", "--case", "actor", "--format", "jsonl", "--exclude-marked");
        assertThat(clean.out()).contains(IPS.get(0)).doesNotContain("\"value\":\"" + SHARED + "\"");

        // the bundle into a new case and out again: the same STIX objects for the indicators and links
        assertThat(cli.run("import", stix.toString(), "--case", "copy").exit()).isZero();
        var again = cli.run("export", "--case", "copy", "--format", "stix21");
        assertThat(scoAndRelationshipIds(again.out())).isEqualTo(scoAndRelationshipIds(bundle));
    }

    static Set<String> scoAndRelationshipIds(String bundle) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode o : M.readTree(bundle).path("objects")) {
            String t = o.path("type").asText();
            if (!Set.of("grouping", "observed-data", "marking-definition").contains(t)) ids.add(o.path("id").asText());
        }
        return ids;
    }
}
