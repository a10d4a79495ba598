package io.infrapivot.source.web;

import io.infrapivot.model.AnalyticsIds;
import io.infrapivot.model.Safe;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads one HTML page (fetched, or saved): its title, the hosts it loads or links to, the analytics and ad IDs in
 * its scripts and in the URLs it loads ({@link AnalyticsIds}), its site-verification meta tags and its favicon
 * links. Parsed with jsoup; everything read is attacker-controlled and kept as data, bounded in count and length.
 */
public final class PageReader {
    static final int MAX_HOSTS = 500;
    static final int MAX_TITLE = 300;

    private PageReader() {}

    /** A site-verification meta tag. */
    public record Verification(String service, String name, String token) {}

    /**
     * What one page holds.
     *
     * @param hosts     hosts (other than the page's own) its scripts, styles, images, frames, forms and links point at
     * @param favicons  the icon URLs it declares, absolute ({@code /favicon.ico} when it declares none)
     */
    public record Page(String title, Set<String> hosts, List<AnalyticsIds.Found> ids, List<Verification> verifications,
                       List<String> favicons) {}

    /** The charset of a Content-Type header, or UTF-8. */
    static Charset charset(String contentType) {
        if (contentType != null) {
            var mt = okhttp3.MediaType.parse(contentType);
            if (mt != null && mt.charset() != null) return mt.charset();
        }
        return StandardCharsets.UTF_8;
    }

    private static final java.util.regex.Pattern REFRESH = java.util.regex.Pattern.compile(
            "(?i)^\\s*\\d{0,6}(?:\\.\\d*)?\\s*[;,]\\s*(?:url\\s*=\\s*)?['\"]?([^'\"]+)['\"]?\\s*$");

    /**
     * Where an HTML page sends the browser with {@code <meta http-equiv="refresh" content="N; url=...">}, absolute;
     * null when it does not (or names no http/https URL).
     */
    public static String refresh(byte[] body, String contentType, String url) {
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("html")) return null;
        Document doc = Jsoup.parse(new String(body, charset(contentType)), url);
        for (Element m : doc.select("meta[http-equiv][content]")) {
            if (!m.attr("http-equiv").strip().equalsIgnoreCase("refresh")) continue;
            java.util.regex.Matcher r = REFRESH.matcher(m.attr("content"));
            HttpUrl base = HttpUrl.parse(url);
            if (!r.matches() || base == null) continue;
            HttpUrl to = base.resolve(r.group(1).strip());
            if (to != null) return to.toString();
        }
        return null;
    }

    /** Reads a page's bytes; {@code url} resolves its relative links. */
    public static Page read(byte[] body, String contentType, String url) {
        String html = new String(body, charset(contentType));
        Document doc = Jsoup.parse(html, url);
        String title = Safe.truncate(doc.title().strip(), MAX_TITLE);
        HttpUrl base = HttpUrl.parse(url);
        String own = base == null ? null : base.host();
        Set<String> hosts = new LinkedHashSet<>();
        StringBuilder scanned = new StringBuilder();
        for (Element e : doc.select("script[src], img[src], iframe[src], embed[src], source[src], link[href], a[href],"
                + " form[action]")) {
            String attr = e.hasAttr("src") ? "src" : e.hasAttr("href") ? "href" : "action";
            String abs = e.absUrl(attr);
            HttpUrl u = HttpUrl.parse(abs);
            if (u == null) continue;
            if (!u.host().equals(own) && hosts.size() < MAX_HOSTS) hosts.add(u.host());
            if (!e.tagName().equals("a")) scanned.append(abs).append('\n');
        }
        for (Element s : doc.select("script:not([src])")) scanned.append(s.data()).append('\n');
        for (Element n : doc.select("noscript")) scanned.append(n.html()).append('\n');
        List<AnalyticsIds.Found> ids = AnalyticsIds.find(scanned.toString());
        Map<String, Verification> verifications = new LinkedHashMap<>();
        for (Element m : doc.select("meta[name][content], meta[property][content]")) {
            String name = m.hasAttr("name") ? m.attr("name") : m.attr("property");
            String service = AnalyticsIds.verificationService(name);
            if (service == null) continue;
            String token = Safe.truncate(m.attr("content").strip(), 200);
            if (!token.isEmpty()) {
                verifications.putIfAbsent(name + "=" + token,
                        new Verification(service, name.toLowerCase(Locale.ROOT), token));
            }
        }
        List<String> favicons = new ArrayList<>();
        for (Element l : doc.select("link[rel][href]")) {
            Set<String> rel = Set.of(l.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"));
            if (rel.contains("icon")) {
                String abs = l.absUrl("href");
                if (HttpUrl.parse(abs) != null && !favicons.contains(abs)) favicons.add(abs);
            }
        }
        if (favicons.isEmpty() && base != null) favicons.add(base.resolve("/favicon.ico").toString());
        return new Page(title, hosts, ids, new ArrayList<>(verifications.values()), favicons);
    }
}
