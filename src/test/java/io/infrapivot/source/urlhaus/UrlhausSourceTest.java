package io.infrapivot.source.urlhaus;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UrlhausSourceTest extends ServiceTestBase {
    private static final String SHA = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

    UrlhausSourceTest() {
        super(UrlhausSource::new, IndicatorType.HOST, "bad.example.com", cut("urlhaus/host.json", 200));
    }

    @Test
    void hostIsListedWithItsUrls() throws Exception {
        enqueue(200, read("urlhaus/host.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("url:http://bad.example.com/a.exe url-host host:bad.example.com",
                "url:http://bad.example.com/b.sh url-host host:bad.example.com");
        var v = r.observations().stream().filter(o -> o.object() == null).findFirst().orElseThrow().value();
        assertThat(v.path("scale").asText()).isEqualTo("listed");
        assertThat(v.path("list").asText()).isEqualTo("URLhaus");
        assertThat(v.path("urls").asLong()).isEqualTo(3);
        assertThat(v.path("online").asLong()).isEqualTo(1);
        assertThat(v.path("date").asText()).isEqualTo("2025-11-20T09:00:00Z");
        assertThat(v.path("tags").toString()).contains("AgentTesla", "mirai");
        assertThat(v.path("blacklists").path("spamhaus_dbl").asText()).isEqualTo("abused_legit_malware");
        var req = take();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/host/");
        assertThat(req.getHeaders().get("Auth-Key")).isEqualTo(KEY);
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(req.getBody().utf8()).isEqualTo("host=bad.example.com");
    }

    @Test
    void urlWithItsPayloads() throws Exception {
        enqueue(200, read("urlhaus/url.json"));
        var r = lookup(ind(IndicatorType.URL, "http://bad.example.com/a.exe"));
        assertThat(lines(r)).contains("hash:" + SHA + " downloaded-from url:http://bad.example.com/a.exe");
        var v = r.observations().stream().filter(o -> o.object() == null).findFirst().orElseThrow().value();
        assertThat(v.path("status").asText()).isEqualTo("online");
        assertThat(v.path("threat").asText()).isEqualTo("malware_download");
        assertThat(v.path("date").asText()).isEqualTo("2025-11-29T12:00:00Z");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/url/");
        assertThat(req.getBody().utf8()).isEqualTo("url=http%3A%2F%2Fbad.example.com%2Fa.exe");
    }

    @Test
    void payloadByMd5WithTheUrlsItWasServedAt() throws Exception {
        enqueue(200, read("urlhaus/payload.json"));
        var r = lookup(ind(IndicatorType.HASH, "44d88612fea8a8f36de82e1278abb02f"));
        assertThat(lines(r)).contains("hash:44d88612fea8a8f36de82e1278abb02f downloaded-from url:http://bad.example.com/a.exe");
        var v = r.observations().stream().filter(o -> o.object() == null).findFirst().orElseThrow().value();
        assertThat(v.path("signature").asText()).isEqualTo("AgentTesla");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/payload/");
        assertThat(req.getBody().utf8()).isEqualTo("md5_hash=44d88612fea8a8f36de82e1278abb02f");
        assertThat(lookup(ind(IndicatorType.HASH, "3395856ce81f2b7382dee72602f798b642f14140")).outcome())
                .as("SHA-1 is not looked up").isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void queryStatusesAreTyped() throws Exception {
        enqueue(200, "{\"query_status\": \"no_results\"}");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        enqueue(200, "{\"query_status\": \"invalid_host\"}");
        assertError(lookup(sample()), "query refused", "invalid_host");
        enqueue(401, "{\"query_status\": \"unknown_auth_key\"}");
        assertError(lookup(sample()), "invalid or unauthorised key", "unknown_auth_key");
        enqueue(200, "{\"host\": \"bad.example.com\"}");
        assertError(lookup(sample()), "no query_status");
    }
}
