package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.registration.TestFixtures;
import io.infrapivot.source.whois.LocalWhoisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whois source end to end through the launcher, against local WHOIS servers on 127.0.0.1. */
class RegistrationCliIT {
    @TempDir
    Path home;

    @Test
    void lookupStoresTheRegistrationAndItsPivots() throws Exception {
        try (LocalWhoisServer iana = LocalWhoisServer.text(q -> TestFixtures.text("whois/iana-com.txt"));
             LocalWhoisServer registry = LocalWhoisServer.text(q -> TestFixtures.text("whois/verisign-thin.txt"));
             LocalWhoisServer registrar = LocalWhoisServer.text(
                     q -> TestFixtures.text("whois/registrar-thick.txt"))) {
            Cli cli = new Cli(home);
            cli.env.put("INFRAPIVOT_WHOIS_ENABLED", "true");
            cli.env.put("INFRAPIVOT_WHOIS_SERVERS", "whois.iana.org=" + iana.address()
                    + ",whois.verisign-grs.com=" + registry.address()
                    + ",whois.registrar.example=" + registrar.address());
            var r = cli.run("lookup", "--json", "--sources", "whois", "--case", "reg", "example-shop.com");
            assertThat(r.exit()).as(r.err()).isZero();
            List<JsonNode> lines = CliIT.jsonLines(r.out());
            assertThat(lines).anySatisfy(n -> {
                assertThat(n.get("kind").asText()).isEqualTo("observation");
                assertThat(n.get("relation").asText()).isEqualTo("registrant-email");
                assertThat(n.get("object").get("value").asText()).isEqualTo("jane@roewidgets.example");
            });
            assertThat(lines).anySatisfy(n -> {
                assertThat(n.get("relation").asText()).isEqualTo("registration");
                assertThat(n.get("value").get("registrar").get("iana_id").asText()).isEqualTo("9999");
                assertThat(n.get("value").get("contacts").get("registrant").get("name").asText())
                        .isEqualTo("Jane Roe");
            });
            assertThat(iana.queries).containsExactly("com");
            assertThat(registrar.queries).containsExactly("example-shop.com");

            var history = cli.run("history", "--case", "reg", "example-shop.com");
            assertThat(history.exit()).as(history.err()).isZero();
            assertThat(history.out()).contains("registrant-email").contains("whois");
        }
    }

    @Test
    void registrationParseThroughTheLauncher() throws Exception {
        Path saved = home.resolve("answer.txt");
        Files.write(saved, TestFixtures.bytes("whois/nominet.txt"));
        var r = new Cli(home).run("registration", "parse", "--json", saved.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = CliIT.jsonLines(r.out()).get(0);
        assertThat(n.get("file").asText()).isEqualTo(saved.toString());
        assertThat(n.get("domain").asText()).isEqualTo("example-widgets.co.uk");
        assertThat(n.get("created").asText()).isEqualTo("1996-08-01T00:00:00Z");
        assertThat(n.get("name_servers")).hasSize(2);
    }
}
