package io.infrapivot.source.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A saved page read offline, without touching the network: an HTML file, or a HAR file (a browser's record of a
 * visit: {@code log.entries[]} with each request's URL and each response's status, headers, redirect URL and
 * content, text or base64). The same facts as a fetch ({@link WebSource}), the favicon's hash taken from the HAR's
 * own entries; no certificate (neither format keeps one).
 */
public final class SavedPages {
    /** The largest file read. */
    public static final long MAX_FILE = 64L << 20;

    private SavedPages() {}

    /** Whether a file name looks like a saved page this class reads. */
    public static boolean isSavedPage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".har") || n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml");
    }

    /**
     * Reads a saved page; its facts hang on {@code subject} (the file's indicator, or the page's URL).
     *
     * @param pageUrl the URL an HTML file was saved from (resolves its relative links), or null
     */
    public static LookupResult read(Path file, Indicator subject, String pageUrl, LookupContext context)
            throws InterruptedException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE) {
                return LookupResult.error(ErrorClass.BAD_REQUEST, "saved page larger than " + MAX_FILE + " bytes",
                        List.of());
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE);
            }
        } catch (IOException e) {
            return LookupResult.error(ErrorClass.BAD_REQUEST, "cannot read the saved page: "
                    + e.getClass().getSimpleName(), List.of());
        }
        return read(WebSource.ID, bytes, file.getFileName().toString(), subject, pageUrl, context);
    }

    /**
     * Reads a saved page already in memory (at most {@link #MAX_FILE} bytes), its facts and evidence credited to
     * {@code source}. An HTML file's URL, when {@code pageUrl} is null, is the one its "saved from url" mark records
     * (see {@link #savedFrom}); a HAR's page is its first entry.
     *
     * @param fileName the file's name: {@code .har} is read as a HAR, anything else as HTML
     */
    public static LookupResult read(String source, byte[] bytes, String fileName, Indicator subject, String pageUrl,
                                    LookupContext context) throws InterruptedException {
        String name = fileName.toLowerCase(Locale.ROOT);
        Instant now = context.now();
        if (!name.endsWith(".har")) {
            String recorded = pageUrl != null ? pageUrl : savedFrom(bytes);
            String url = recorded != null ? recorded : "http://saved.page.invalid/";
            var hop = new WebFetcher.Hop(url, 200, "text/html", Map.of(), bytes, false, null, now, Duration.ZERO);
            List<RawAnswer> ev = new ArrayList<>(List.of(new RawAnswer(source, "read "
                    + io.infrapivot.model.Safe.truncate(fileName, 200), bytes, "text/html", "saved", now,
                    Duration.ZERO)));
            Indicator s = subject != null ? subject : urlIndicator(url, context);
            if (s == null) return LookupResult.error(ErrorClass.BAD_REQUEST, "a saved HTML page needs a subject", ev);
            return withOrigin(WebSource.page(source, s, List.of(hop), u -> null, context, ev, false), subject,
                    recorded, source, context);
        }
        Har har;
        try {
            har = har(bytes, now);
        } catch (IOException | RuntimeException e) {
            return LookupResult.error(ErrorClass.GARBAGE, "not a HAR file: " + e.getClass().getSimpleName(),
                    List.of());
        }
        if (har.chain().isEmpty()) return LookupResult.error(ErrorClass.GARBAGE, "a HAR file with no page", List.of());
        List<RawAnswer> ev = new ArrayList<>();
        har.chain().forEach(h -> ev.add(WebSource.raw(source, h)));
        Indicator s = subject != null ? subject : urlIndicator(har.chain().get(0).url(), context);
        if (s == null) return LookupResult.error(ErrorClass.GARBAGE, "the HAR's first URL is not a URL", ev);
        return withOrigin(WebSource.page(source, s, har.chain(), u -> har.byUrl().get(u), context, ev, true), subject,
                har.chain().get(0).url(), source, context);
    }

    /**
     * A saved file's facts, plus {@code file downloaded-from URL} when the file records the URL its page was served
     * at (a HAR's first entry, an HTML file's "saved from" mark), so the URL is pivoted too.
     */
    private static LookupResult withOrigin(LookupResult r, Indicator subject, String url, String source,
                                           LookupContext context) {
        if (subject == null || subject.type() != IndicatorType.FILE || url == null) return r;
        Indicator u = urlIndicator(url, context);
        if (u == null) return r;
        List<io.infrapivot.model.Observation> obs = new ArrayList<>(r.observations());
        RawAnswer ev = r.evidence().isEmpty() ? null : r.evidence().get(0);
        obs.add(io.infrapivot.model.Observation.link(subject, io.infrapivot.model.Relation.DOWNLOADED_FROM, u, source,
                context.now(), ev));
        return new LookupResult(io.infrapivot.source.Outcome.OK, obs, r.evidence(), r.message(), r.total(),
                r.errorClass());
    }

    /** The "saved from url=(NNNN)URL" mark browsers write at the top of a page saved as HTML. */
    private static final java.util.regex.Pattern SAVED_FROM = java.util.regex.Pattern.compile(
            "<!--\\s*saved from url=\\(\\d{1,5}\\)(https?://[^\\s>]{1,2000}?)\\s*-->",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The URL a saved HTML page records it was saved from (the "mark of the web" comment, looked for in the first
     * 4 KiB), when it is an http(s) URL; null otherwise.
     */
    public static String savedFrom(byte[] html) {
        String head = new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1);
        var m = SAVED_FROM.matcher(head);
        if (!m.find()) return null;
        String url = m.group(1);
        return okhttp3.HttpUrl.parse(url) != null ? url : null;
    }

    private static Indicator urlIndicator(String url, LookupContext context) {
        return context.parser().parseAs(IndicatorType.URL, url) instanceof io.infrapivot.model.ParseResult.Parsed p
                ? p.parsed().indicator() : null;
    }

    /** A HAR file: the page's redirect chain (from the first entry), and every entry by URL. */
    record Har(List<WebFetcher.Hop> chain, Map<String, WebFetcher.Hop> byUrl) {}

    static Har har(byte[] bytes, Instant now) throws IOException {
        JsonNode root = new ObjectMapper().readTree(bytes);
        JsonNode entries = root.path("log").path("entries");
        if (!entries.isArray()) throw new IOException("no log.entries");
        Map<String, WebFetcher.Hop> byUrl = new LinkedHashMap<>();
        Map<String, String> redirects = new LinkedHashMap<>();
        String first = null;
        for (JsonNode e : entries) {
            String url = e.path("request").path("url").asText(null);
            if (url == null || okhttp3.HttpUrl.parse(url) == null) continue;
            JsonNode resp = e.path("response");
            Map<String, String> headers = new LinkedHashMap<>();
            for (JsonNode h : resp.path("headers")) {
                String n = h.path("name").asText("");
                for (String kept : WebFetcher.KEPT_HEADERS) {
                    if (kept.equalsIgnoreCase(n)) headers.put(kept, io.infrapivot.model.Safe.truncate(
                            h.path("value").asText(""), 500));
                }
            }
            String redirect = resp.path("redirectURL").asText("");
            if (!redirect.isEmpty()) headers.putIfAbsent("Location", redirect);
            JsonNode content = resp.path("content");
            String text = content.path("text").asText("");
            byte[] body = "base64".equalsIgnoreCase(content.path("encoding").asText(""))
                    ? Base64.getMimeDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            String type = content.path("mimeType").asText(headers.get("Content-Type"));
            var hop = new WebFetcher.Hop(url, resp.path("status").asInt(0), type, headers, body, false, null, now,
                    Duration.ofMillis(Math.max(0, e.path("time").asLong(0))));
            byUrl.putIfAbsent(url, hop);
            if (headers.containsKey("Location")) {
                var next = okhttp3.HttpUrl.parse(url).resolve(headers.get("Location"));
                if (next != null) redirects.putIfAbsent(url, next.toString());
            }
            if (first == null) first = url;
        }
        List<WebFetcher.Hop> chain = new ArrayList<>();
        for (String u = first; u != null && byUrl.containsKey(u) && chain.size() <= 20; u = redirects.get(u)) {
            chain.add(byUrl.get(u));
            int st = byUrl.get(u).status();
            if (st < 300 || st >= 400) break;
        }
        return new Har(chain, byUrl);
    }
}
