package io.infrapivot.source.apivoid;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiVoidSourceTest extends ServiceTestBase {
    ApiVoidSourceTest() {
        super(ApiVoidSource::new, IndicatorType.IP, "192.0.2.88", cut("apivoid/ip.json", 300));
    }

    @Test
    void ipReputationIsADetectionVerdictPlusOneListingPerEngine() throws Exception {
        enqueue(200, read("apivoid/ip.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var verdict = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow();
        var v = verdict.value();
        assertThat(v.path("scale").asText()).isEqualTo("detections");
        assertThat(v.path("malicious").asLong()).isEqualTo(2);
        assertThat(v.path("total").asLong()).isEqualTo(3);
        assertThat(v.path("detection_rate").asText()).isEqualTo("67%");
        assertThat(v.path("flags").toString()).isEqualTo("[\"vpn\",\"hosting\"]");
        assertThat(v.path("risk_score").asLong()).isEqualTo(100);
        assertThat(v.path("date").asText()).isEqualTo(NOW.toString());
        assertThat(r.observations().stream().filter(o -> o.relation() == Relation.LISTED_ON)
                .map(o -> o.value().path("list").asText())).containsExactly("Anti-Attacks BL", "Spamhaus ZEN");
        var req = take();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v2/ip-reputation");
        assertThat(req.getUrl().query()).isNull();
        assertThat(req.getHeaders().get("X-API-Key")).isEqualTo(KEY);
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(req.getBody().utf8()).isEqualTo("{\"ip\":\"192.0.2.88\"}");
        assertNoKey(r);
    }

    @Test
    void domainBlacklistWithCategoryFlags() throws Exception {
        enqueue(200, read("apivoid/domain.json"));
        var r = lookup(ind(IndicatorType.HOST, "bad.example.com"));
        var v = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow().value();
        assertThat(v.path("flags").toString()).isEqualTo("[\"free_dynamic_dns\"]");
        // "detected": 0 (a number, as some domain engines answer) is not a listing
        assertThat(v.path("malicious").asLong()).isEqualTo(1);
        assertThat(v.path("total").asLong()).isEqualTo(3);
        assertThat(r.observations().stream().filter(o -> o.relation() == Relation.LISTED_ON)
                .map(o -> o.value().path("list").asText())).containsExactly("URLhaus");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v2/domain-reputation");
        assertThat(req.getBody().utf8()).isEqualTo("{\"host\":\"bad.example.com\"}");
    }

    @Test
    void refusalsAreAStatusWithAnErrorMessage() throws Exception {
        enqueue(401, "{\"error\": \"Invalid API key\"}");
        assertError(lookup(sample()), "invalid or unauthorised key", "Invalid API key");
        // spent credits: the message decides even under a status that alone would say something else
        enqueue(403, "{\"error\": \"Not enough credits\"}");
        assertError(lookup(sample()), "quota exceeded", "Not enough credits");
        enqueue(402, "{\"error\": \"Payment required\"}");
        assertError(lookup(sample()), "quota exceeded");
        // an undeclared message leaves the class to the status
        enqueue(400, "{\"error\": \"IP address is not valid\"}");
        assertError(lookup(sample()), "IP address is not valid");
        enqueue(200, "{\"ip\": \"192.0.2.88\"}");
        assertError(lookup(sample()), "no blacklists.engines");
    }

    @Test
    void anOldStyleWrappedAnswerIsStillRead() throws Exception {
        enqueue(200, "{\"data\":{\"report\":" + read("apivoid/ip.json") + "},\"success\":true}");
        var v = lookup(sample()).observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst()
                .orElseThrow().value();
        assertThat(v.path("malicious").asLong()).isEqualTo(2);
    }
}
