package io.infrapivot.source.threatfox;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreatFoxSourceTest extends ServiceTestBase {
    private static final String MD5 = "44d88612fea8a8f36de82e1278abb02f";

    ThreatFoxSourceTest() {
        super(ThreatFoxSource::new, IndicatorType.IP, "192.0.2.99", cut("threatfox/ioc.json", 150));
    }

    @Test
    void iocSearchIsAConfidenceVerdictPerEntry() throws Exception {
        enqueue(200, read("threatfox/ioc.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var v = r.observations().get(0).value();
        assertThat(v.path("scale").asText()).isEqualTo("confidence");
        assertThat(v.path("score").asLong()).isEqualTo(75);
        assertThat(v.path("malware").asText()).isEqualTo("Cobalt Strike");
        assertThat(v.path("threat_type").asText()).isEqualTo("botnet_cc");
        assertThat(v.path("date").asText()).isEqualTo("2025-11-02T07:00:00Z");
        assertThat(v.path("first_seen").asText()).isEqualTo("2025-10-01T07:00:00Z");
        var req = take();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/");
        assertThat(req.getHeaders().get("Auth-Key")).isEqualTo(KEY);
        var body = Json.read(req.getBody().utf8());
        assertThat(body.path("query").asText()).isEqualTo("search_ioc");
        assertThat(body.path("search_term").asText()).isEqualTo("192.0.2.99");
    }

    @Test
    void aHashLinksToItsCommandAndControl() throws Exception {
        enqueue(200, read("threatfox/hash.json"));
        var r = lookup(ind(IndicatorType.HASH, MD5));
        assertThat(lines(r)).contains("hash:" + MD5 + " communicates-with host:c2.example.net",
                "hash:" + MD5 + " communicates-with ip:192.0.2.99",
                "hash:" + MD5 + " communicates-with url:http://c2.example.net/gate.php");
        var verdict = r.observations().stream().filter(o -> o.object() == null).findFirst().orElseThrow().value();
        assertThat(verdict.path("scale").asText()).isEqualTo("mentions");
        assertThat(verdict.path("count").asLong()).isEqualTo(3);
        assertThat(verdict.path("malware").toString()).isEqualTo("[\"Agent Tesla\"]");
        assertThat(verdict.path("date").asText()).isEqualTo("2025-11-21T09:00:00Z");
        var body = Json.read(take().getBody().utf8());
        assertThat(body.path("query").asText()).isEqualTo("search_hash");
        assertThat(body.path("hash").asText()).isEqualTo(MD5);
    }

    @Test
    void queryStatusesAreTyped() throws Exception {
        enqueue(200, "{\"query_status\": \"no_result\", \"data\": \"Your search did not yield any results\"}");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        enqueue(200, "{\"query_status\": \"illegal_search_term\", \"data\": \"Your search_term is not valid\"}");
        assertError(lookup(sample()), "query refused", "illegal_search_term");
        enqueue(401, "{\"query_status\": \"unknown_auth_key\"}");
        assertError(lookup(sample()), "invalid or unauthorised key");
        enqueue(200, "{\"query_status\": \"ok\", \"data\": \"not a list\"}");
        assertError(lookup(sample()), "no data array");
    }
}
