package io.infrapivot.app.cli;

import static io.infrapivot.scenario.SimulatedInternet.DOMAINS;
import static io.infrapivot.scenario.SimulatedInternet.IPS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.scenario.SimulatedInternet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code infrapivot maltego} through the real launcher, as Maltego runs it, on the simulated internet. */
class MaltegoCliIT {
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

    static Document xml(String s) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void localTransformPrintsAResponseAndTheCaseKeepsIt() throws Exception {
        // as Maltego calls it: the parameters from the .mtz, then the value and the entity's properties
        var r = cli().run("maltego", "--case", "maltego", "--resolver", net.resolver(), "infrapivot.DomainToIPs",
                DOMAINS.get(0), "fqdn=" + DOMAINS.get(0) + "#whois-info=");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        Document d = xml(r.out());
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("MaltegoMessage");
        assertThat(d.getElementsByTagName("MaltegoTransformResponseMessage").getLength()).isEqualTo(1);
        for (String ip : IPS) assertThat(r.out()).contains("<Value>" + ip + "</Value>");
        assertThat(r.out()).contains("Type=\"maltego.IPv4Address\"").contains("link#maltego.link.label");

        // why and history see what the transform found
        var why = cli().run("why", "--case", "maltego", IPS.get(4));
        assertThat(why.exit()).as(why.err()).isZero();
        assertThat(why.out()).contains(DOMAINS.get(0)).contains("resolves-to");
        var history = cli().run("history", "--case", "maltego", DOMAINS.get(0));
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains(IPS.get(4));
    }

    @Test
    void badInputIsAnExceptionMessageAndExitTwo() throws Exception {
        var bad = cli().run("maltego", "infrapivot.IPv4ToDomains", "not-an-ip");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(xml(bad.out()).getElementsByTagName("MaltegoTransformExceptionMessage").getLength()).isEqualTo(1);
        assertThat(bad.err()).contains("To domains").doesNotContain("\tat ");
        var unknown = cli().run("maltego", "NoSuchTransform", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("no transform");
        var none = cli().run("maltego");
        assertThat(none.exit()).isEqualTo(2);
    }

    @Test
    void valuesFromDataAreNeverOptionsNorArgumentFiles() throws Exception {
        Path secret = home.resolve("secret.txt");
        Files.writeString(secret, "SECRET-LINE-1234\n");
        // as the .mtz calls it: "--" before the transform name, then the value Maltego appends
        var atFile = cli().run("maltego", "--case", "m", "--", "infrapivot.OrganizationToDomains", "@" + secret, "title=x");
        assertThat(atFile.exit()).as(atFile.err()).isZero();
        assertThat(atFile.out() + atFile.err()).doesNotContain("SECRET-LINE");
        assertThat(atFile.out()).contains("@" + secret);
        var option = cli().run("maltego", "--case", "m", "--", "infrapivot.OrganizationToDomains", "--active");
        assertThat(option.exit()).as(option.err()).isZero();
        assertThat(option.out()).contains("for --active");
    }

    @Test
    void listAndConfig() throws Exception {
        var list = cli().run("maltego", "list", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        List<JsonNode> lines = CliIT.jsonLines(list.out());
        assertThat(lines).hasSizeGreaterThan(20);
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.get("name").asText()).isEqualTo("infrapivot.DomainToIPs");
            assertThat(n.get("input_entity").asText()).isEqualTo("maltego.Domain");
            assertThat(n.get("returns").asText()).contains("IPv4/IPv6");
            assertThat(n.get("sources").toString()).contains("dns").contains("mnemonic");
        });
        var text = cli().run("maltego", "list");
        assertThat(text.out()).contains("infrapivot.EmailToDomains").contains("input: maltego.EmailAddress");

        var config = cli().run("maltego", "config", "-o", "infrapivot.mtz", "--case", "acme");
        assertThat(config.exit()).as(config.err()).isZero();
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(home.resolve("infrapivot.mtz")))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(entries).containsKeys("Servers/Local.tas", "TransformSets/infrapivot.set",
                "TransformRepositories/Local/infrapivot.DomainToIPs.transformsettings");
        String settings = entries.get("TransformRepositories/Local/infrapivot.DomainToIPs.transformsettings");
        Document s = xml(settings);
        String command = s.getElementsByTagName("Property").item(0).getTextContent();
        // the installation's own launcher, so Maltego runs exactly what the analyst runs
        assertThat(Path.of(command)).isAbsolute().endsWith(Path.of("infrapivot"));
        assertThat(Files.isExecutable(Path.of(command))).isTrue();
        assertThat(settings).contains("maltego --case acme -- infrapivot.DomainToIPs");
        var noOutput = cli().run("maltego", "config");
        assertThat(noOutput.exit()).isEqualTo(2);
    }
}
