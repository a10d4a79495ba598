package io.infrapivot.source.crtsh;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import org.junit.jupiter.api.Test;

class CrtShSourceTest extends ServiceTestBase {
    CrtShSourceTest() {
        super(CrtShSource::new, IndicatorType.DOMAIN, "example.com", cut("crtsh/certs.json", 250));
    }

    @Override
    protected String keySetting() {
        return null;
    }

    @Test
    void domainSearchGivesSubdomains() throws Exception {
        enqueue(200, read("crtsh/certs.json"));
        var r = lookup(sample());
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).filteredOn(l -> l.startsWith("domain:")).containsExactly(
                "domain:example.com subdomain host:shop.example.com",
                "domain:example.com subdomain host:staging.shop.example.com");
        // no fingerprint from crt.sh: certificates are keyed by issuer and serial
        assertThat(lines(r)).contains("cert:serial:4a1b2c3d4e5f60718293a4b5c6d7e8f9a0b;issuer:C=US, O=Let's Encrypt, CN=R3 cert-name domain:example.com");
        var req = take();
        assertThat(req.getUrl().queryParameter("q")).isEqualTo("%.example.com");
        assertThat(req.getUrl().queryParameter("output")).isEqualTo("json");
        assertThat(req.getUrl().queryParameter("exclude")).isNull();
    }

    @Test
    void busyAnswersAreRetriedThenAnErrorNeverEmpty() throws Exception {
        enqueue(502, "");
        enqueue(503, read("crtsh/busy.html"));
        var s = settings();
        s.put("retries", "1");
        var r = lookup(sample(), s, cap(10));
        assertError(r, "HTTP 503");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void excludeExpiredSetting() throws Exception {
        enqueue(200, read("crtsh/empty.json"));
        var s = settings();
        s.put("exclude_expired", "true");
        assertThat(lookup(sample(), s, cap(10)).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(take().getUrl().queryParameter("exclude")).isEqualTo("expired");
    }

    @Test
    void downloadedCertificatesBecomeCertIndicatorsWhenTheirSerialMatches() throws Exception {
        enqueue(200, read("crtsh/certs.json"));
        enqueueText(200, read("crtsh/8000.pem")); // asked for 9001: another serial, so no fingerprint
        enqueueText(200, read("crtsh/8000.pem"));
        var s = settings();
        s.put("fetch_certs", "2");
        var r = lookup(sample(), s, cap(10));
        String cert = "cert:a51ba5ce0dfba50f313a192c6d91efe052e7ac6f548bc13a07c93804a740af52";
        assertThat(lines(r)).contains(cert + " cert-name host:shop.example.com",
                cert + " cert-name host:staging.shop.example.com", cert + " cert-issuer org:DigiCert Inc");
        assertThat(lines(r)).filteredOn(l -> l.startsWith(cert)).hasSize(3);
        assertThat(lines(r)).filteredOn(l -> l.startsWith("cert:serial:")).as("the one not downloaded").hasSize(2);
        take();
        assertThat(take().getUrl().queryParameter("d")).isEqualTo("9001");
        assertThat(take().getUrl().queryParameter("d")).isEqualTo("8000");
        assertThat(r.evidence()).hasSize(3);
    }

    @Test
    void aFailedDownloadIsNotedAndTheNamesStand() throws Exception {
        enqueue(200, read("crtsh/certs.json"));
        enqueue(404, "");
        var s = settings();
        s.put("fetch_certs", "1");
        var r = lookup(sample(), s, cap(10));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.message()).isEqualTo("1 certificate downloads failed");
        assertThat(lines(r)).contains("domain:example.com subdomain host:shop.example.com");
    }

    @Test
    void certificateBySha256GivesItsNamesAndIssuer() throws Exception {
        String sha = "3f".repeat(32);
        enqueue(200, read("crtsh/bysha256.json"));
        var r = lookup(ind(IndicatorType.CERT, sha));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains("cert:" + sha + " cert-name domain:example.com",
                "cert:" + sha + " cert-issuer org:Let's Encrypt");
        var req = take();
        assertThat(req.getUrl().queryParameter("q")).isEqualTo(sha);
        assertThat(req.getUrl().queryParameter("output")).isEqualTo("json");
    }

    @Test
    void certificateKeyedByIssuerAndSerialIsNotAsked() throws Exception {
        var r = lookup(ind(IndicatorType.CERT, "serial:04a1;issuer:CN=R3"));
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(server.getRequestCount()).isZero();
    }
}
