package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code infrapivot sources --settings}: every source's settings and the engine's, typed, with defaults; no secret. */
class SourcesSettingsIT {
    @TempDir
    Path home;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(home);
        Path config = home.resolve("config.toml");
        Files.writeString(config, "[sources.whoxy]\nkey = \"SEKRIT-whoxy-123\"\ntll = \"2d\"\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        cli.env.put("INFRAPIVOT_CIRCL_KEY", "user:ENVSEKRIT-789");
    }

    @Test
    void listsEverySettingWithTypeDefaultAndDescriptionButNoSecret() throws Exception {
        var r = cli.run("sources", "--settings", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("SEKRIT-whoxy-123").doesNotContain("ENVSEKRIT-789");
        List<JsonNode> lines = CliIT.jsonLines(r.out());
        assertThat(lines).allSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("setting"));
        assertThat(lines).extracting(n -> n.get("source").asText()).contains("whoxy", "dns", "rdap", "classify",
                "circl", "whois");
        JsonNode key = find(lines, "whoxy", "key");
        assertThat(key.get("secret").asBoolean()).isTrue();
        assertThat(key.get("set").asBoolean()).isTrue();
        assertThat(key.get("type").asText()).isEqualTo("secret");
        assertThat(key.get("env").asText()).isEqualTo("INFRAPIVOT_WHOXY_KEY");
        assertThat(key.has("value")).isFalse();
        assertThat(find(lines, "circl", "key").get("set").asBoolean()).isTrue();
        JsonNode ttl = find(lines, "whoxy", "ttl");
        assertThat(ttl.get("owner").asText()).isEqualTo("engine");
        assertThat(ttl.get("type").asText()).isEqualTo("duration");
        assertThat(ttl.get("default").asText()).isEqualTo("7d");
        assertThat(find(lines, "whoxy", "breaker_threshold").get("default").asText()).isEqualTo("5");
        assertThat(find(lines, "whoxy", "timeout").get("default").asText()).isEqualTo("30s");
        assertThat(find(lines, "whoxy", "url").get("description").asText()).isNotBlank();
        // the typo in the config file is named with the likely intended setting
        assertThat(r.err()).contains("[sources.whoxy] has an unknown setting tll; did you mean ttl?");

        var human = cli.run("sources", "--settings");
        assertThat(human.exit()).isZero();
        assertThat(human.out()).contains("whoxy").contains("breaker_cooldown").contains("default 2m")
                .contains("set (hidden)").contains("INFRAPIVOT_WHOXY_KEY");
        assertThat(human.out() + human.err()).doesNotContain("SEKRIT");
    }

    private static JsonNode find(List<JsonNode> lines, String source, String name) {
        return lines.stream().filter(n -> n.get("source").asText().equals(source)
                && n.get("name").asText().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no setting " + name + " of " + source));
    }
}
