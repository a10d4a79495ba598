package io.infrapivot.source.savedpage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The offline savedpage source on an HTML file and a HAR file the test writes, named as the CLI names them. */
@Timeout(30)
class SavedPageSourceTest {
    /** A title that tries to drive a terminal and an HTML report: kept as data, escaped where shown. */
    static final String HOSTILE_TITLE = "\u001b]0;owned\u0007</title><script>alert(1)</script> Bank \"login\"";

    static final String HTML = """
            <!-- saved from url=(0033)https://lure.savedpage.test/login -->
            <html><head><title>%s</title>
            <meta name="google-site-verification" content="tok3n-AbC_123">
            <script async src="https://www.googletagmanager.com/gtag/js?id=G-ABCDEF1234"></script>
            <script>ga('create', 'UA-24681357-3', 'auto');</script>
            <script src="https://cdn.kit-partner.example.org/kit.js"></script>
            </head><body><a href="/next">next</a></body></html>
            """.formatted(HOSTILE_TITLE.replace("</title>", "&lt;/title&gt;"));

    @TempDir
    Path dir;

    private final SavedPageSource source = new SavedPageSource();

    private static LookupContext context(Map<String, Path> named) {
        return new LookupContext(new SourceSettings(SavedPageSource.ID, Map.of()), Duration.ofSeconds(10),
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), IndicatorParser.standard(),
                CaseView.EMPTY, RunOptions.defaults().withNamedFiles(named));
    }

    private static Indicator file(byte[] bytes) {
        return Indicator.fromCanonical(IndicatorType.FILE, SavedPageSource.sha256(bytes));
    }

    private static List<String> links(LookupResult r) {
        return r.observations().stream().filter(o -> o.object() != null)
                .map(o -> o.subject().value().substring(0, 8) + " " + o.relation() + " " + o.object()).toList();
    }

    private static JsonNode attribute(LookupResult r, Relation rel) {
        return r.observations().stream().filter(o -> o.relation() == rel).map(Observation::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rel + " in " + r.observations()));
    }

    @Test
    void aSavedHtmlPageGivesThePageFactsOfflineOnTheFile() throws Exception {
        byte[] bytes = HTML.getBytes(StandardCharsets.UTF_8);
        Path page = Files.write(dir.resolve("page.html"), bytes);
        Indicator f = file(bytes);
        LookupResult r = source.lookup(f, context(Map.of(f.value(), page)));

        assertThat(source.info().access()).isEqualTo(Access.OFFLINE);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        String s = f.value().substring(0, 8);
        assertThat(links(r)).contains(
                s + " uses-analytics-id analytics-id:UA-24681357-3",
                s + " uses-analytics-id analytics-id:G-ABCDEF1234",
                s + " links-to host:cdn.kit-partner.example.org",
                s + " downloaded-from url:https://lure.savedpage.test/login");
        assertThat(r.observations()).allMatch(o -> o.subject().equals(f))
                .allMatch(o -> o.source().equals(SavedPageSource.ID))
                .noneMatch(o -> o.relation() == Relation.FAVICON_HASH);
        JsonNode token = attribute(r, Relation.VERIFICATION_TOKEN);
        assertThat(token.get("service").asText()).isEqualTo("google");
        assertThat(token.get("token").asText()).isEqualTo("tok3n-AbC_123");
        JsonNode web = attribute(r, Relation.WEB_PAGE);
        // the title is data: the escape sequence and markup are kept as text for the faces to escape, not run
        assertThat(web.get("title").asText()).contains("owned", "</title><script>alert(1)</script>", "\"login\"");
        assertThat(web.get("final_url").asText()).isEqualTo("https://lure.savedpage.test/login");
        assertThat(r.evidence()).isNotEmpty().allMatch(a -> a.source().equals(SavedPageSource.ID));
    }

    @Test
    void aHarGivesTheChainTheIdsTheFaviconHashAndTheRecordedUrl() throws Exception {
        byte[] icon = new byte[200];
        for (int i = 0; i < icon.length; i++) icon[i] = (byte) (i * 13 + 1);
        String body = "<html><head><title>Sign in</title><link rel=icon href=/favicon.ico>"
                + "<script>gtag('config', 'G-HARPAGE123');</script></head></html>";
        String har = """
                {"log": {"version": "1.2", "entries": [
                  {"request": {"method": "GET", "url": "http://lure.savedpage.test/"},
                   "response": {"status": 302, "headers": [{"name": "Location", "value": "https://www.savedpage.test/in"}],
                                "redirectURL": "https://www.savedpage.test/in", "content": {"size": 0, "mimeType": "text/html"}}},
                  {"request": {"method": "GET", "url": "https://www.savedpage.test/in"},
                   "response": {"status": 200, "headers": [{"name": "Server", "value": "nginx"}],
                                "content": {"mimeType": "text/html", "text": %s}}},
                  {"request": {"method": "GET", "url": "https://www.savedpage.test/favicon.ico"},
                   "response": {"status": 200, "headers": [],
                                "content": {"mimeType": "image/x-icon", "encoding": "base64", "text": "%s"}}}
                ]}}
                """.formatted(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body),
                Base64.getEncoder().encodeToString(icon));
        byte[] bytes = har.getBytes(StandardCharsets.UTF_8);
        Path capture = Files.write(dir.resolve("capture.HAR"), bytes);
        Indicator f = file(bytes);
        LookupResult r = source.lookup(f, context(Map.of(f.value(), capture)));

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.OK);
        String s = f.value().substring(0, 8);
        assertThat(links(r)).contains(
                s + " redirects-to url:https://www.savedpage.test/in",
                s + " uses-analytics-id analytics-id:G-HARPAGE123",
                s + " downloaded-from url:http://lure.savedpage.test/");
        assertThat(links(r)).anyMatch(l -> l.startsWith(s + " favicon-hash hash:mmh3:"));
        JsonNode web = attribute(r, Relation.WEB_PAGE);
        assertThat(web.get("title").asText()).isEqualTo("Sign in");
        assertThat(web.get("headers").get("Server").asText()).isEqualTo("nginx");
    }

    @Test
    void readsOnlyASavedPageTheAnalystNamedAndUnchanged() throws Exception {
        byte[] bytes = HTML.getBytes(StandardCharsets.UTF_8);
        Path page = Files.write(dir.resolve("page.html"), bytes);
        Indicator f = file(bytes);
        // a FILE indicator with no named path (from a service or the case): nothing is read
        assertThat(source.lookup(f, context(Map.of())).outcome()).isEqualTo(Outcome.SKIPPED);
        // a named file that is not a saved page is the file source's alone
        Path exe = Files.write(dir.resolve("sample.exe"), bytes);
        assertThat(source.lookup(f, context(Map.of(f.value(), exe))).outcome()).isEqualTo(Outcome.SKIPPED);
        // changed since it was named
        Files.writeString(page, HTML.replace("UA-24681357-3", "UA-11111111-1"));
        LookupResult changed = source.lookup(f, context(Map.of(f.value(), page)));
        assertThat(changed.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(changed.message()).contains("changed since it was named");
        assertThat(changed.observations()).isEmpty();
        // gone
        Files.delete(page);
        assertThat(source.lookup(f, context(Map.of(f.value(), page))).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aBrokenHarIsAClearErrorNotACrash() throws Exception {
        byte[] bytes = "{\"log\": {\"entries\": [".getBytes(StandardCharsets.UTF_8);
        Path bad = Files.write(dir.resolve("broken.har"), bytes);
        Indicator f = file(bytes);
        LookupResult r = source.lookup(f, context(Map.of(f.value(), bad)));
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).startsWith("not a HAR file");
    }
}
