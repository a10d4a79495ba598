package io.infrapivot.source.mnemonic;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class MnemonicSourceTest extends ServiceTestBase {
    MnemonicSourceTest() {
        super(MnemonicSource::new, IndicatorType.HOST, "www.example.com", cut("mnemonic/page1.json", 200));
    }

    @Test
    void pagesByOffsetUntilTheTotal() throws Exception {
        enqueue(200, read("mnemonic/page1.json"));
        enqueue(200, read("mnemonic/page2.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(3);
        assertThat(lines(r)).containsExactly("host:www.example.com resolves-to ip:192.0.2.20",
                "host:www.example.com alias-of host:edge.example.net", "host:www.example.com resolves-to ip:2001:db8::20");
        var first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/pdns/v3/www.example.com");
        assertThat(first.getUrl().queryParameter("offset")).isEqualTo("0");
        assertThat(first.getHeaders().get("Argus-API-Key")).isEqualTo(KEY);
        assertThat(take().getUrl().queryParameter("offset")).isEqualTo("2");
        assertThat(r.evidence()).hasSize(2);
    }

    @Test
    void capStopsPagingAndSaysTruncated() throws Exception {
        enqueue(200, read("mnemonic/page1.json"));
        var r = lookup(sample(), settings(), cap(2));
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("truncated at 2 of 3");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPageHeldBackByTheRateLimitEndsTheLookupWithWhatCameBefore() throws Exception {
        enqueue(200, read("mnemonic/page1.json"));
        enqueue(200, read("mnemonic/page2.json"));
        int[] asked = {0};
        var r = lookup(sample(), settings(), io.infrapivot.source.RunOptions.defaults(),
                () -> asked[0]++ == 0 ? null : "rate limit of 100 per 1 d reached");
        assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
        assertThat(r.message()).isEqualTo("stopped after 1 request: rate limit of 100 per 1 d reached");
        assertThat(lines(r)).hasSize(2);
        assertThat(server.getRequestCount()).as("the held page is not asked").isEqualTo(1);
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void inBodyRefusalsAreErrors() throws Exception {
        enqueue(200, read("mnemonic/quota.json"));
        assertError(lookup(sample()), "quota exceeded", "Resource limit exceeded");
        enqueue(403, read("mnemonic/forbidden.json"));
        assertError(lookup(sample()), "Access denied", "HTTP 403");
    }

    @Test
    void worksWithoutKey() throws Exception {
        enqueue(200, read("mnemonic/page2.json").replace("\"offset\":2", "\"offset\":0").replace("\"count\":3",
                "\"count\":1"));
        var s = settings();
        s.remove("key");
        var r = lookup(sample(), s, cap(10));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(take().getHeaders().get("Argus-API-Key")).isNull();
    }
}
