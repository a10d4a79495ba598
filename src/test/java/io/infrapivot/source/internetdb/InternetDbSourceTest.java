package io.infrapivot.source.internetdb;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InternetDbSourceTest extends ServiceTestBase {
    InternetDbSourceTest() {
        super(InternetDbSource::new, IndicatorType.IP, "192.0.2.77", cut("internetdb/ip.json", 60));
    }

    @Override
    protected String keySetting() {
        return null;
    }

    @Test
    void portsVulnsAndHostnames() throws Exception {
        enqueue(200, read("internetdb/ip.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("ip:192.0.2.77 co-hosted host:mail.example.com");
        assertThat(lines(r)).noneMatch(l -> l.contains("not a name"));
        var v = r.observations().stream().filter(o -> o.object() == null).findFirst().orElseThrow().value();
        assertThat(v.path("scale").asText()).isEqualTo("exposure");
        assertThat(v.path("ports").toString()).isEqualTo("[22,80,443]");
        assertThat(v.path("vulns").toString()).isEqualTo("[\"CVE-2021-41617\"]");
        assertThat(v.path("cpes").size()).isEqualTo(2);
        assertThat(v.path("date").isNull()).as("InternetDB gives no date").isTrue();
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/192.0.2.77");
        assertThat(req.getHeaders().names()).doesNotContain("Key", "Authorization");
    }

    @Test
    void noInformationIsEmpty() throws Exception {
        enqueue(404, "{\"detail\": \"No information available\"}");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void anObjectWithoutPortsIsMalformed() throws Exception {
        enqueue(200, "{\"ip\": \"192.0.2.77\"}");
        assertError(lookup(sample()), "no ports array");
    }
}
