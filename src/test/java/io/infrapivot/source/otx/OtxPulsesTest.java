package io.infrapivot.source.otx;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OTX pulses naming an indicator, as a mentions verdict. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OtxPulsesTest extends ServiceTestBase {
    OtxPulsesTest() {
        super(OtxSource::new, IndicatorType.URL, "http://bad.example.com/a.exe", cut("otx/general.json", 400));
    }

    @Test
    void pulsesBecomeAMentionsVerdictWithNamesAuthorsTagsAndDates() throws Exception {
        enqueue(200, read("otx/general.json"));
        var s = settings();
        s.put("sections", "general");
        var r = lookup(ind(IndicatorType.IP, "192.0.2.99"), s, cap(100));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var o = r.observations().get(0);
        assertThat(o.relation()).isEqualTo(Relation.VERDICT);
        var v = o.value();
        assertThat(v.path("scale").asText()).isEqualTo("mentions");
        assertThat(v.path("count").asLong()).isEqualTo(2);
        assertThat(v.path("date").asText()).isEqualTo("2025-11-28T10:00:00.123Z");
        assertThat(v.path("pulses").get(0).path("name").asText()).isEqualTo("Cobalt Strike servers, November");
        assertThat(v.path("pulses").get(0).path("author").asText()).isEqualTo("analyst1");
        assertThat(v.path("pulses").get(0).path("tags").toString()).isEqualTo("[\"cobalt strike\",\"c2\"]");
        assertThat(v.path("pulses").get(1).path("created").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/indicators/IPv4/192.0.2.99/general");
    }

    @Test
    void urlsAndFilesAskOnlyTheGeneralSection() throws Exception {
        enqueue(200, "{\"pulse_info\": {\"count\": 0, \"pulses\": []}}");
        assertThat(lookup(sample()).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/indicators/url/"
                + "http%3A%2F%2Fbad.example.com%2Fa.exe/general");
        enqueue(200, "{\"pulse_info\": {\"count\": 0, \"pulses\": []}}");
        lookup(ind(IndicatorType.HASH, "44d88612fea8a8f36de82e1278abb02f"));
        assertThat(take().getUrl().encodedPath()).startsWith("/api/v1/indicators/file/44d88612");
    }

    @Test
    void passiveDnsThenPulsesForANameByDefault() throws Exception {
        enqueue(200, "{\"passive_dns\": [], \"count\": 0}");
        enqueue(200, read("otx/general.json"));
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"));
        assertThat(r.observations()).extracting(o -> o.relation()).containsExactly(Relation.VERDICT);
        assertThat(take().getUrl().encodedPath()).endsWith("/passive_dns");
        assertThat(take().getUrl().encodedPath()).endsWith("/general");
    }

    @Test
    void anAnswerWithoutPulseInfoIsAnError() throws Exception {
        enqueue(200, "{\"detail\": \"Invalid API key\"}");
        assertError(lookup(sample()), "Invalid API key");
        enqueue(200, "{\"something\": 1}");
        assertError(lookup(sample()), "no pulse_info");
    }
}
