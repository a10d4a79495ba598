package io.infrapivot.source.virustotal;

import static io.infrapivot.source.thirdparty.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.thirdparty.ServiceTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** VirusTotal object reports as verdicts, and the file and URL relationships, against a MockWebServer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirusTotalReportsTest extends ServiceTestBase {
    private static final String SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

    VirusTotalReportsTest() {
        super(VirusTotalSource::new, IndicatorType.HASH, SHA256, cut("virustotal/file-report.json", 200));
    }

    @Test
    void urlIdIsUnpaddedUrlSafeBase64() {
        // "http://example.com/?a=>>>" holds bytes whose base64 has '+', '/' and padding in the standard alphabet
        assertThat(VirusTotalReports.urlId("http://example.com/?a=>>>")).isEqualTo("aHR0cDovL2V4YW1wbGUuY29tLz9hPT4-Pg")
                .doesNotContain("=").doesNotContain("+").doesNotContain("/");
    }

    @Test
    void domainReportIsADetectionVerdictWithItsOwnNumbers() throws Exception {
        enqueue(200, read("virustotal/domain-report.json"));
        var s = settings();
        s.put("relationships", "report");
        var r = lookup(ind(IndicatorType.DOMAIN, "example.com"), s, cap(100));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.observations()).hasSize(1);
        var o = r.observations().get(0);
        assertThat(o.relation()).isEqualTo(Relation.VERDICT);
        var v = o.value();
        assertThat(v.path("scale").asText()).isEqualTo("detections");
        assertThat(v.path("malicious").asLong()).isEqualTo(5);
        assertThat(v.path("suspicious").asLong()).isEqualTo(1);
        assertThat(v.path("total").asLong()).isEqualTo(70);
        assertThat(v.path("reputation").asLong()).isEqualTo(-12);
        assertThat(v.path("votes").path("malicious").asLong()).isEqualTo(7);
        assertThat(v.path("date").asText()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(o.lastSeen()).hasToString("2025-11-24T16:00:00Z");
        assertThat(v.path("flagged_by").toString()).isEqualTo("[\"EngineA\",\"EngineC\"]");
        assertThat(v.path("categories").toString()).contains("phishing and other frauds");
        assertThat(v.path("tags").toString()).isEqualTo("[\"dga\"]");
        var req = take();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/domains/example.com");
        assertThat(req.getHeaders().get("x-apikey")).isEqualTo(KEY);
    }

    @Test
    void urlReportIsAskedByItsUrlId() throws Exception {
        enqueue(200, read("virustotal/url-report.json"));
        var r = lookup(ind(IndicatorType.URL, "http://example.com/login"));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var v = r.observations().get(0).value();
        assertThat(v.path("malicious").asLong()).isEqualTo(2);
        assertThat(v.path("total").asLong()).isEqualTo(92);
        assertThat(v.path("final_url").asText()).isEqualTo("http://example.com/login/");
        assertThat(v.path("first_submission").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/urls/"
                + VirusTotalReports.urlId("http://example.com/login"));
    }

    @Test
    void fileReportAndRelationshipsWithCursorPaging() throws Exception {
        enqueue(200, read("virustotal/file-report.json"));
        enqueue(200, read("virustotal/contacted-domains.json"));
        enqueue(200, read("virustotal/contacted-ips-page1.json"));
        enqueue(200, read("virustotal/contacted-ips-page2.json"));
        enqueue(200, "{\"meta\": {\"count\": 0}, \"data\": [], \"links\": {}}");
        enqueue(200, read("virustotal/itw-urls.json"));
        enqueue(200, read("virustotal/dropped-files.json"));
        var r = lookup(sample(), settings(), cap(100));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        var verdict = r.observations().stream().filter(o -> o.relation() == Relation.VERDICT).findFirst().orElseThrow();
        assertThat(verdict.value().path("malicious").asLong()).isEqualTo(62);
        assertThat(verdict.value().path("total").asLong()).isEqualTo(76);
        assertThat(verdict.value().path("names").toString()).contains("invoice (1).exe");
        assertThat(verdict.value().path("type").asText()).isEqualTo("Win32 EXE");
        assertThat(verdict.value().path("first_submission").asText()).isEqualTo("2006-05-22T12:42:02Z");
        assertThat(verdict.value().path("threat_label").asText()).isEqualTo("trojan.emotet/heodo");
        assertThat(lines(r)).contains(
                "hash:" + SHA256 + " communicates-with host:c2.example.net",
                "hash:" + SHA256 + " communicates-with ip:192.0.2.10",
                "hash:" + SHA256 + " communicates-with ip:2001:db8::10",
                "hash:" + SHA256 + " downloaded-from url:http://dl.example.net/invoice.exe",
                "hash:" + SHA256 + " contains hash:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(lines(r)).noneMatch(l -> l.contains("not-an-ip"));
        var c2 = r.observations().stream().filter(o -> o.object() != null && o.object().value().equals("c2.example.net"))
                .findFirst().orElseThrow();
        assertThat(c2.firstSeen()).hasToString("2020-09-13T12:26:40Z");
        assertThat(c2.value().path("relationship").asText()).isEqualTo("contacted_domains");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/files/" + SHA256);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/files/" + SHA256 + "/contacted_domains");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/files/" + SHA256 + "/contacted_ips");
        var page2 = take();
        assertThat(page2.getUrl().host()).isEqualTo(server.getHostName());
        assertThat(page2.getUrl().queryParameter("cursor")).isEqualTo("Y3Vyc29yLTI=");
        assertThat(take().getUrl().encodedPath()).endsWith("/contacted_urls");
        assertThat(take().getUrl().encodedPath()).endsWith("/itw_urls");
        assertThat(take().getUrl().encodedPath()).endsWith("/dropped_files");
    }

    @Test
    void communicatingFilesAndUrlsOfAnIp() throws Exception {
        enqueue(200, read("virustotal/communicating-files.json"));
        enqueue(200, read("virustotal/urls.json"));
        var s = settings();
        s.put("relationships", "communicating_files,urls");
        var r = lookup(ind(IndicatorType.IP, "192.0.2.50"), s, cap(100));
        assertThat(lines(r)).containsExactly("hash:" + SHA256 + " communicates-with ip:192.0.2.50",
                "url:http://www.example.com/gate.php url-host host:www.example.com");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/ip_addresses/192.0.2.50/communicating_files");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/ip_addresses/192.0.2.50/urls");
    }

    @Test
    void anObjectVirusTotalNeverSawIsEmptyWithANote() throws Exception {
        enqueue(404, read("virustotal/notfound.json"));
        var s = settings();
        s.put("relationships", "report");
        var r = lookup(sample(), s, cap(10));
        assertThat(r.outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(r.message()).contains("not known to VirusTotal");
    }

    @Test
    void quotaAndMalformedReportsAreErrors() throws Exception {
        enqueue(429, read("virustotal/quota.json"));
        assertError(lookup(sample()), "quota exceeded", "QuotaExceededError");
        enqueue(200, "{\"data\": [1, 2]}");
        var s = settings();
        s.put("relationships", "report");
        assertError(lookup(sample(), s, cap(10)), "no data object");
    }
}
