package io.infrapivot.source.abuseipdb;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbuseIpdbSourceTest extends ServiceTestBase {
    AbuseIpdbSourceTest() {
        super(AbuseIpdbSource::new, IndicatorType.IP, "192.0.2.66", cut("abuseipdb/check.json", 120));
    }

    @Test
    void checkIsAConfidenceVerdictOnItsOwnScale() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader("X-RateLimit-Limit", "1000").setHeader("X-RateLimit-Remaining", "998")
                .body(read("abuseipdb/check.json")).build());
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var o = r.observations().get(0);
        assertThat(o.relation()).isEqualTo(Relation.VERDICT);
        var v = o.value();
        assertThat(v.path("scale").asText()).isEqualTo("confidence");
        assertThat(v.path("score").asLong()).isEqualTo(87);
        assertThat(v.path("max").asLong()).isEqualTo(100);
        assertThat(v.path("reports").asLong()).isEqualTo(42);
        assertThat(v.path("reporters").asLong()).isEqualTo(11);
        assertThat(v.path("usage_type").asText()).isEqualTo("Data Center/Web Hosting/Transit");
        assertThat(v.path("isp").asText()).isEqualTo("Example Hosting B.V.");
        assertThat(v.path("date").asText()).isEqualTo("2025-11-30T08:15:02Z");
        assertThat(v.has("malicious")).as("a confidence is not a detection ratio").isFalse();
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/check");
        assertThat(req.getUrl().queryParameter("ipAddress")).isEqualTo("192.0.2.66");
        assertThat(req.getUrl().queryParameter("maxAgeInDays")).isEqualTo("90");
        assertThat(req.getHeaders().get("Key")).isEqualTo(KEY);
    }

    @Test
    void documentedErrorsAreTyped() throws Exception {
        enqueue(401, read("abuseipdb/badkey.json"));
        assertError(lookup(sample()), "invalid or unauthorised key", "Authentication failed");
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "29000").body(read("abuseipdb/daily.json")).build());
        assertError(lookup(sample()), "quota exceeded", "Daily rate limit");
        enqueue(422, read("abuseipdb/invalid.json"));
        assertError(lookup(sample()), "query refused", "valid IPv4");
    }

    @Test
    void anAnswerWithoutTheScoreIsMalformed() throws Exception {
        enqueue(200, "{\"data\": {\"ipAddress\": \"192.0.2.66\"}}");
        assertError(lookup(sample()), "abuseConfidenceScore");
    }
}
