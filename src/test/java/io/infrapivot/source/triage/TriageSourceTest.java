package io.infrapivot.source.triage;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TriageSourceTest extends ServiceTestBase {
    static final String SHA256 = "888d012fd36d8fa86ab57e0d547eb429e68303fcdf76b08191942e9307a74f78";

    TriageSourceTest() {
        super(TriageSource::new, IndicatorType.HASH, SHA256, cut("triage/search.json", 120));
    }

    private java.util.Map<String, String> oneSample() {
        var m = settings();
        m.put("max-samples", "1");
        return m;
    }

    @Test
    void searchThenOverviewGivesVerdictAndContactedInfrastructure() throws Exception {
        enqueue(200, read("triage/search.json"));
        enqueue(200, read("triage/overview.json"));
        var r = lookup(sample(), oneSample(), io.infrapivot.source.RunOptions.defaults());
        // two analyses found (the third id is not an id), one overview read: said as truncated
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.total()).isEqualTo(2L);
        String h = "hash:" + SHA256;
        assertThat(lines(r)).contains(h + " communicates-with url:http://c2.evil-example.com/gate.php",
                h + " communicates-with host:c2.evil-example.com", h + " communicates-with host:update.evil-example.net",
                h + " communicates-with ip:198.51.100.23", h + " communicates-with ip:192.0.2.44",
                h + " communicates-with ip:2001:db8::5", h + " related hash:ae9fb5a2c8bba9b5e0e6e8c2d2d4a1f6");
        var v = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow();
        assertThat(v.value().get("score").asInt()).isEqualTo(10);
        assertThat(v.value().get("families").get(0).asText()).isEqualTo("emotet");
        assertThat(v.value().get("tags").toString()).contains("botnet:epoch2");
        assertThat(v.value().get("names").toString()).contains("invoice.exe");
        var search = take();
        assertThat(search.getUrl().encodedPath()).isEqualTo("/v0/search");
        assertThat(search.getUrl().queryParameter("query")).isEqualTo("sha256:" + SHA256);
        assertThat(search.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v0/samples/201026-n8zz26cd4s/overview.json");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void noAnalysisIsEmpty() throws Exception {
        enqueue(200, "{\"data\": [], \"next\": null}");
        var r = lookup(ind(IndicatorType.HASH, "d41d8cd98f00b204e9800998ecf8427e"));
        assertThat(r.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(take().getUrl().queryParameter("query")).isEqualTo("md5:d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void unauthorizedBodyIsAKeyError() throws Exception {
        enqueue(401, "{\"error\": \"UNAUTHORIZED\", \"message\": \"invalid api key\"}");
        var r = lookup(sample());
        assertError(r, "UNAUTHORIZED");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.AUTH);
    }

    @Test
    void invalidQueryIsABadRequest() throws Exception {
        enqueue(400, "{\"error\": \"INVALID_QUERY\", \"message\": \"unknown operator\"}");
        assertThat(lookup(sample()).errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
    }

    @Test
    void aMissingOverviewIsNotedAndTheOthersKept() throws Exception {
        enqueue(200, read("triage/search.json"));
        enqueue(404, "{\"error\": \"NOT_FOUND\", \"message\": \"no such report\"}");
        enqueue(200, read("triage/overview.json"));
        var r = lookup(sample());
        assertThat(r.message()).contains("201026-n8zz26cd4s has no overview");
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.COMMUNICATES_WITH);
    }
}
