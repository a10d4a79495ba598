package io.infrapivot.source.hybridanalysis;

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
class HybridAnalysisSourceTest extends ServiceTestBase {
    static final String MD5 = "ae9fb5a2c8bba9b5e0e6e8c2d2d4a1f6";

    HybridAnalysisSourceTest() {
        super(HybridAnalysisSource::new, IndicatorType.HASH, MD5, cut("hybridanalysis/search_hash.json", 250));
    }

    @Test
    void reportSummariesGiveVerdictAndContactedHosts() throws Exception {
        enqueue(200, read("hybridanalysis/search_hash.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        String h = "hash:" + MD5;
        assertThat(lines(r)).contains(h + " communicates-with host:c2.evil-example.com",
                h + " communicates-with ip:198.51.100.23", h + " communicates-with ip:192.0.2.44",
                h + " related hash:888d012fd36d8fa86ab57e0d547eb429e68303fcdf76b08191942e9307a74f78");
        var v = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow();
        assertThat(v.value().get("verdict").asText()).isEqualTo("malicious");
        assertThat(v.value().get("threat_score").asInt()).isEqualTo(100);
        assertThat(v.value().get("av_detect_percent").asInt()).isEqualTo(87);
        assertThat(v.value().get("family").asText()).isEqualTo("Trojan.Emotet");
        assertThat(v.value().get("names").get(0).asText()).isEqualTo("invoice.exe");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v2/search/hash");
        assertThat(req.getUrl().queryParameter("hash")).isEqualTo(MD5);
        assertThat(req.getHeaders().get("api-key")).isEqualTo(KEY);
    }

    @Test
    void newerObjectFormIsRead() throws Exception {
        enqueue(200, "{\"sha256s\": [\"888d012fd36d8fa86ab57e0d547eb429e68303fcdf76b08191942e9307a74f78\"],"
                + " \"reports\": [{\"id\": \"r1\", \"verdict\": \"suspicious\", \"threat_score\": 40}]}");
        var r = lookup(sample());
        assertThat(lines(r)).anyMatch(l -> l.contains("related hash:888d012f"));
        assertThat(r.observations()).anyMatch(o -> o.relation() == Relation.VERDICT
                && o.value().get("verdict").asText().equals("suspicious"));
    }

    @Test
    void noReportIsEmpty() throws Exception {
        enqueue(200, "[]");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        enqueue(404, "{\"message\": \"Not Found\"}");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
    }

    @Test
    void refusalsAreTyped() throws Exception {
        enqueue(401, "{\"message\": \"Failed to authenticate (invalid api key?)\"}");
        var r = lookup(sample());
        assertError(r, "Failed to authenticate");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.AUTH);
        enqueue(200, "{\"validation_errors\": [{\"field\": \"hash\"}], \"message\": \"Validation failed\"}");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.ERROR);
    }
}
