package io.infrapivot.source.whoisxml;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class WhoisXmlSourceTest extends ServiceTestBase {
    WhoisXmlSourceTest() {
        super(WhoisXmlSource::new, IndicatorType.DOMAIN, "example.com", cut("whoisxml/history.json", 300));
    }

    @Test
    void historyVersionsWithKeyRedacted() throws Exception {
        enqueue(200, read("whoisxml/history.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.observations()).filteredOn(o -> o.relation() == Relation.REGISTRATION).hasSize(2);
        assertThat(lines(r)).contains("domain:example.com registrant-email email:jo@example.org",
                "domain:example.com name-server host:ns1.oldhost.test");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1");
        assertThat(req.getUrl().queryParameter("apiKey")).isEqualTo(KEY);
        assertThat(req.getUrl().queryParameter("domainName")).isEqualTo("example.com");
        assertThat(r.evidence().get(0).request()).contains("apiKey=****");
    }

    @Test
    void inBodyRefusals() throws Exception {
        enqueue(200, read("whoisxml/restricted.json"));
        assertError(lookup(sample()), "quota exceeded", "Check credits balance");
        enqueue(200, read("whoisxml/badkey.json"));
        assertError(lookup(sample()), "invalid or unauthorised key");
    }
}
