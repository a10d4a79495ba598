package io.infrapivot.source.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostingAsnsTest {
    @TempDir
    Path dir;

    @Test
    void theShippedListKnowsTheBigProviders() {
        HostingAsns s = HostingAsns.shipped();
        assertThat(s.of("AS13335")).hasValueSatisfying(p -> assertThat(p.label()).isEqualTo("cloudflare cdn"));
        assertThat(s.of(16509)).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo("cloud"));
        assertThat(s.of("AS64500")).isEmpty();
    }

    @Test
    void theUsersFileAddsReplacesAndRemovesNetworks() throws Exception {
        Path user = dir.resolve(HostingAsns.USER_FILE);
        Files.writeString(user, """
                # my additions
                AS64500 examplehost hosting
                AS13335 cloudflare-edge cdn
                AS16509 - -
                this is not a line
                AS64501 bad\u001b[31mname hosting
                AS99999999999 toolarge hosting
                """);
        HostingAsns h = HostingAsns.load(user);
        assertThat(h.of("AS64500")).hasValueSatisfying(p -> assertThat(p.label()).isEqualTo("examplehost hosting"));
        assertThat(h.of("AS13335")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("cloudflare-edge"));
        assertThat(h.of("AS16509")).isEmpty();
        assertThat(h.of("AS64501")).isEmpty();
        assertThat(h.size()).isEqualTo(HostingAsns.shipped().size()); // one added, one removed
        assertThat(HostingAsns.load(dir.resolve("missing.txt")).size()).isEqualTo(HostingAsns.shipped().size());
    }

    @Test
    void theUsersFileIsLookedForNextToTheConfigFile() {
        assertThat(HostingAsns.userFile(Path.of("/etc/ip/config.toml"), "/x/h.txt")).isEqualTo(Path.of("/x/h.txt"));
        assertThat(HostingAsns.userFile(Path.of("/etc/ip/config.toml"), null))
                .isEqualTo(Path.of("/etc/ip/hosting-asns.txt"));
        assertThat(HostingAsns.userFile(Path.of("/etc/ip/config.toml"), " "))
                .isEqualTo(Path.of("/etc/ip/hosting-asns.txt"));
        assertThat(HostingAsns.userFile(null, null)).isNull();
    }

    @Test
    void aLookupSeesTheListItsEngineProvidesElseTheShippedOne() {
        HostingAsns mine = HostingAsns.load(null);
        var shared = HostingAsns.provide(new io.infrapivot.source.SharedResources(), mine);
        assertThat(HostingAsns.of(shared)).isSameAs(mine);
        assertThat(HostingAsns.of(new io.infrapivot.source.SharedResources()).size())
                .isEqualTo(HostingAsns.shipped().size());
    }
}
