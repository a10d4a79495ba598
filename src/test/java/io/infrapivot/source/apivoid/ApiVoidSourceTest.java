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
        assertThat(r.message()).contains("credits left: 24.2");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/iprep/v1/pay-as-you-go/");
        assertThat(req.getUrl().queryParameter("ip")).isEqualTo("192.0.2.88");
        assertThat(req.getUrl().queryParameter("key")).isEqualTo(KEY);
        assertThat(r.evidence().get(0).request()).contains("key=****");
    }

    @Test
    void domainBlacklistWithCategoryFlags() throws Exception {
        enqueue(200, read("apivoid/domain.json"));
        var r = lookup(ind(IndicatorType.HOST, "bad.example.com"));
        var v = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow().value();
        assertThat(v.path("flags").toString()).isEqualTo("[\"free_dynamic_dns\"]");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/domainbl/v1/pay-as-you-go/");
        assertThat(req.getUrl().queryParameter("host")).isEqualTo("bad.example.com");
    }

    @Test
    void refusalsInTheErrorField() throws Exception {
        enqueue(200, "{\"error\": \"API key is not valid\"}");
        assertError(lookup(sample()), "invalid or unauthorised key", "API key is not valid");
        enqueue(200, "{\"error\": \"Not enough credits\"}");
        assertError(lookup(sample()), "quota exceeded");
        enqueue(200, "{\"data\": {}, \"success\": true}");
        assertError(lookup(sample()), "no data.report.blacklists.engines");
    }
}
