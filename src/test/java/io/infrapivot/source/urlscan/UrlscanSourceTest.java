package io.infrapivot.source.urlscan;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class UrlscanSourceTest extends ServiceTestBase {
    UrlscanSourceTest() {
        super(UrlscanSource::new, IndicatorType.ANALYTICS_ID, "UA-12345678-1", cut("urlscan/truncated.json", -1));
    }

    @Test
    void pagesBySearchAfterUntilHasMoreEnds() throws Exception {
        enqueue(200, read("urlscan/page1.json"));
        enqueue(200, read("urlscan/page2.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).hasSize(150).contains(
                "host:site1.scan-example.test uses-analytics-id analytics-id:UA-12345678-1",
                "host:site150.scan-example.test uses-analytics-id analytics-id:UA-12345678-1");
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v1/search/");
        assertThat(first.getUrl().queryParameter("q")).isEqualTo("\"UA-12345678-1\"");
        assertThat(first.getUrl().queryParameter("search_after")).isNull();
        assertThat(first.getHeaders().get("API-Key")).isEqualTo(KEY);
        assertThat(take().getUrl().queryParameter("search_after")).isEqualTo("1699999999900,uuid-100");
        assertThat(r.observations().get(0).lastSeen().toString()).isEqualTo("2026-04-02T10:00:00Z");
    }

    @Test
    void worksWithoutAKey() throws Exception {
        enqueue(200, read("urlscan/page2.json"));
        var s = settings();
        s.remove("key");
        var r = lookup(ind(IndicatorType.ANALYTICS_ID, "ca-pub-1234567890123456"), s,
                io.infrapivot.source.RunOptions.defaults());
        assertThat(lines(r)).hasSize(50); // the service's total (150) is more than this one page held
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        var req = take();
        assertThat(req.getHeaders().get("API-Key")).isNull();
        assertThat(req.getUrl().queryParameter("q")).isEqualTo("\"pub-1234567890123456\"");
    }

    @Test
    void capStopsPaging() throws Exception {
        enqueue(200, read("urlscan/page1.json"));
        var r = lookup(sample(), settings(), cap(30));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).startsWith("truncated at 30 of 150");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refusalsSayWhy() throws Exception {
        enqueue(400, read("urlscan/badquery.json"));
        var r = lookup(sample());
        assertError(r, "Invalid query syntax");
        assertThat(r.errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
        enqueue(401, read("urlscan/badkey.json"));
        assertThat(lookup(sample()).errorClass()).isEqualTo(ErrorClass.AUTH);
    }

    @Test
    void otherKindsAreNotAsked() throws Exception {
        assertThat(lookup(ind(IndicatorType.ANALYTICS_ID, "hotjar:3456789")).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isZero();
    }
}
