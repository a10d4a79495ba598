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
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Instant now = context.now();
        if (!name.endsWith(".har")) {
            String url = pageUrl != null ? pageUrl : "http://saved.page.invalid/";
            var hop = new WebFetcher.Hop(url, 200, "text/html", Map.of(), bytes, false, null, now, Duration.ZERO);
            List<RawAnswer> ev = new ArrayList<>(List.of(new RawAnswer(WebSource.ID, "read " + file.getFileName(),
                    bytes, "text/html", "saved", now, Duration.ZERO)));
            Indicator s = subject != null ? subject : urlIndicator(url, context);
            if (s == null) return LookupResult.error(ErrorClass.BAD_REQUEST, "a saved HTML page needs a subject", ev);
            return WebSource.page(s, List.of(hop), u -> null, context, ev, false);
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
        har.chain().forEach(h -> ev.add(WebSource.raw(h)));
        Indicator s = subject != null ? subject : urlIndicator(har.chain().get(0).url(), context);
        if (s == null) return LookupResult.error(ErrorClass.GARBAGE, "the HAR's first URL is not a URL", ev);
        return WebSource.page(s, har.chain(), u -> har.byUrl().get(u), context, ev, true);
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
