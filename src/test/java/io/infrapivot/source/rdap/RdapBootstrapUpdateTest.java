package io.infrapivot.source.rdap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.source.http.HttpFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdapBootstrapUpdateTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private final HttpFetcher http = new HttpFetcher(HttpFetcher.Options.defaults());

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String shipped(String name) throws IOException {
        try (InputStream in = RdapBootstrap.class.getResourceAsStream("/io/infrapivot/source/rdap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesTheFourFilesAndTheSourceUsesThem() throws Exception {
        for (String f : RdapBootstrap.FILES) {
            String body = shipped(f).replace("2026-11-27T00:00:00Z", "2027-01-05T00:00:00Z");
            if (f.equals("dns.json")) body = body.replace("\"uk\"", "\"uk\", \"example\"");
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(body).build());
        }
        var r = RdapBootstrapUpdate.refresh(http, server.url("/rdap/").toString(), dir.resolve("rdap"));
        assertThat(r.files()).containsExactly("dns.json", "ipv4.json", "ipv6.json", "asn.json");
        assertThat(r.publication()).isEqualTo(Instant.parse("2027-01-05T00:00:00Z"));
        assertThat(server.takeRequest().getTarget()).isEqualTo("/rdap/dns.json");
        RdapBootstrap loaded = RdapBootstrap.load(dir.resolve("rdap"));
        assertThat(loaded.publication()).isEqualTo(Instant.parse("2027-01-05T00:00:00Z"));
        assertThat(loaded.forDomain("nic.example")).contains("https://rdap.nominet.uk/uk/");
    }

    @Test
    void aBadFileLeavesTheOldOnesInPlace() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dns.json"), "old");
        server.enqueue(new MockResponse.Builder().code(200).body(shipped("dns.json")).build());
        server.enqueue(new MockResponse.Builder().code(200).body(shipped("ipv4.json")).build());
        server.enqueue(new MockResponse.Builder().code(200).body(shipped("ipv6.json")).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"services\": [[[\"1-2\"").build());
        assertThatThrownBy(() -> RdapBootstrapUpdate.refresh(http, server.url("/").toString(), dir))
                .isInstanceOf(IOException.class).hasMessageContaining("not RDAP bootstrap files");
        assertThat(Files.readString(dir.resolve("dns.json"))).isEqualTo("old");
    }

    @Test
    void anHttpErrorIsSaid() {
        server.enqueue(new MockResponse.Builder().code(404).body("{}").build());
        assertThatThrownBy(() -> RdapBootstrapUpdate.refresh(http, server.url("/").toString(), dir))
                .hasMessageContaining("dns.json: HTTP 404");
    }
}
