package io.infrapivot.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultLocationsFollowXdgAndHome() {
        Config c = Config.load(Map.of(), dir.toString());
        assertThat(c.file()).isEqualTo(dir.resolve(".config/infrapivot/config.toml"));
        assertThat(c.dataDir()).isEqualTo(dir.resolve(".local/share/infrapivot"));
        assertThat(c.casesDir()).isEqualTo(dir.resolve(".local/share/infrapivot/cases"));
        assertThat(c.fileExists()).isFalse();
        Config x = Config.load(Map.of("XDG_CONFIG_HOME", "/x/cfg", "XDG_DATA_HOME", "/x/data"), dir.toString());
        assertThat(x.file()).isEqualTo(Path.of("/x/cfg/infrapivot/config.toml"));
        assertThat(x.dataDir()).isEqualTo(Path.of("/x/data/infrapivot"));
    }

    @Test
    void fileSettingsAreOverlaidByTheEnvironment() throws Exception {
        Path file = dir.resolve("c.toml");
        Files.writeString(file, """
                [defaults]
                case = "acme"
                [sources.virustotal]
                key = ["k1", "k2"]
                url = "https://vt.example/api"
                Rate-Limit = "4"
                [sources.crtsh]
                enabled = false
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Config c = Config.load(Map.of("INFRAPIVOT_CONFIG", file.toString(), "INFRAPIVOT_VIRUSTOTAL_URL",
                "http://127.0.0.1:9/vt", "INFRAPIVOT_DNS_DOH_URL", "https://doh.example/dns-query"), dir.toString());
        assertThat(c.warnings()).isEmpty();
        assertThat(c.defaultsString("case")).contains("acme");
        var vt = c.source("virustotal");
        assertThat(vt.get("url")).contains("http://127.0.0.1:9/vt");
        assertThat(vt.secrets("key")).extracting(s -> s.reveal()).containsExactly("k1", "k2");
        assertThat(vt.secret("key").orElseThrow().toString()).isEqualTo("****");
        assertThat(vt.get("rate_limit")).contains("4");
        assertThat(vt.toString()).doesNotContain("k1");
        assertThat(c.source("dns").get("doh_url")).contains("https://doh.example/dns-query");
        assertThat(vt.envName("rate-limit")).isEqualTo("INFRAPIVOT_VIRUSTOTAL_RATE_LIMIT");
        assertThat(c.enabled("crtsh")).isFalse();
        assertThat(c.enabled("virustotal")).isTrue();
        assertThat(c.unknownSources(List.of("virustotal"))).containsExactly("crtsh");
    }

    @Test
    void enabledIsTheTypedBooleanSettingEveryWayItIsWritten() {
        Config c = Config.load(Map.of("INFRAPIVOT_CRTSH_ENABLED", "off", "INFRAPIVOT_OTX_ENABLED", "No",
                "INFRAPIVOT_DNS_ENABLED", "1", "INFRAPIVOT_CIRCL_ENABLED", "maybe"), dir.toString());
        assertThat(c.enabled("crtsh")).isFalse();
        assertThat(c.enabled("otx")).isFalse();
        assertThat(c.enabled("dns")).isTrue();
        assertThat(c.enabled("virustotal")).isTrue(); // the setting's default
        assertThat(c.enabled("circl")).as("a value that is not a boolean switches the source off").isFalse();
    }

    @Test
    void aConfigFileReadableByOthersIsWarnedAbout() throws Exception {
        Path file = dir.resolve("c.toml");
        Files.writeString(file, "[sources.x]\nkey = \"secret-value\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Config c = Config.load(Map.of("INFRAPIVOT_CONFIG", file.toString()), dir.toString());
        assertThat(c.warnings()).singleElement().asString().contains("readable by other users").contains("chmod 600")
                .doesNotContain("secret-value");
    }

    @Test
    void anInvalidFileIsAClearError() throws Exception {
        Path file = dir.resolve("c.toml");
        Files.writeString(file, "[sources\nkey = ");
        assertThatThrownBy(() -> Config.load(Map.of("INFRAPIVOT_CONFIG", file.toString()), dir.toString()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("cannot read config file " + file)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aConfigPathThatIsAFolderIsAnErrorNotAnEmptyConfig() {
        assertThatThrownBy(() -> Config.load(Map.of("INFRAPIVOT_CONFIG", dir.toString()), dir.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void casesDirCanBeMovedByEnvironmentOrFile() throws Exception {
        Path file = dir.resolve("c.toml");
        Files.writeString(file, "[defaults]\ncases_dir = \"/srv/cases\"\n");
        assertThat(Config.load(Map.of("INFRAPIVOT_CONFIG", file.toString()), dir.toString()).casesDir())
                .isEqualTo(Path.of("/srv/cases"));
        assertThat(Config.load(Map.of("INFRAPIVOT_CONFIG", file.toString(), "INFRAPIVOT_CASES_DIR", "/c"), dir.toString())
                .casesDir()).isEqualTo(Path.of("/c"));
    }

    @Test
    void aDefaultOfTheWrongTypeIsSaidInOneLineNamingTheKeyAndTheTypeAndIsNotUsed() throws Exception {
        Path file = dir.resolve("c.toml");
        Files.writeString(file, """
                [defaults]
                case = 5
                store = true
                cases_dir = "/x/cases"
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Config c = Config.load(Map.of("INFRAPIVOT_CONFIG", file.toString()), dir.toString());
        assertThat(c.warnings()).containsExactly(
                "config file: [defaults] case must be a string (in quotes), not a number; ignored",
                "config file: [defaults] store must be a string (in quotes), not a boolean; ignored");
        assertThat(c.defaultsString("case")).isEmpty();
        assertThat(c.defaultsString("store")).isEmpty();
        assertThat(c.casesDir()).isEqualTo(Path.of("/x/cases"));
    }
}
