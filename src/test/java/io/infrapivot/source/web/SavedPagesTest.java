package io.infrapivot.source.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.thirdparty.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Saved pages read offline: an HTML file and a HAR file, no network. */
@Timeout(30)
class SavedPagesTest {
    @TempDir
    Path dir;

    private static LookupContext context() {
        return new LookupContext(new SourceSettings("web", Map.of()), Duration.ofSeconds(10),
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), IndicatorParser.standard(),
                CaseView.EMPTY, RunOptions.defaults());
    }

    private static List<String> lines(LookupResult r) {
        return r.observations().stream().filter(o -> o.object() != null)
                .map(o -> o.subject() + " " + o.relation() + " " + o.object()).toList();
    }

    @Test
    void harFileGivesTheChainThePageAndTheFaviconHash() throws Exception {
        Path har = dir.resolve("visit.har");
        Files.writeString(har, Fixtures.read("web/visit.har"));
        LookupResult r = SavedPages.read(har, null, null, context());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        assertThat(lines(r)).contains(
                "url:http://lure.records.test/ redirects-to url:https://www.records.test/login",
                "url:http://lure.records.test/ uses-analytics-id analytics-id:UA-12345678-2",
                "url:http://lure.records.test/ links-to host:evil-partner.example.org");
        byte[] icon = new byte[300];
        for (int i = 0; i < icon.length; i++) icon[i] = (byte) ((i * 7 + 3) % 256);
        assertThat(lines(r)).contains("url:http://lure.records.test/ favicon-hash hash:mmh3:"
                + WebSourceTest.shodanHash(icon));
        var page = r.observations().stream().filter(o -> o.relation() == Relation.WEB_PAGE).findFirst().orElseThrow();
        assertThat(page.value().get("final_url").asText()).isEqualTo("https://www.records.test/login");
        assertThat(page.value().get("headers").get("Server").asText()).isEqualTo("nginx");
    }

    @Test
    void htmlFileIsReadWithTheSubjectGiven() throws Exception {
        Path html = dir.resolve("page.html");
        Files.writeString(html, Fixtures.read("web/page.html"));
        Indicator subject = Indicator.of(IndicatorType.URL, "https://www.records.test/login");
        LookupResult r = SavedPages.read(html, subject, "https://www.records.test/login", context());
        assertThat(lines(r)).contains("url:https://www.records.test/login uses-analytics-id analytics-id:GTM-AB12CD3");
        assertThat(r.observations()).noneMatch(o -> o.relation() == Relation.FAVICON_HASH);
    }

    @Test
    void notAHarIsAClearError() throws Exception {
        Path bad = dir.resolve("broken.har");
        Files.writeString(bad, "{\"log\": {\"entries\": [", StandardCharsets.UTF_8);
        LookupResult r = SavedPages.read(bad, null, null, context());
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(ErrorClass.GARBAGE);
        assertThat(r.message()).startsWith("not a HAR file");
    }
}
