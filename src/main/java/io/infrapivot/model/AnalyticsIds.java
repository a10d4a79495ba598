package io.infrapivot.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds analytics and advertising IDs in the text of a web page's scripts and in the URLs it loads, and names
 * site-verification meta tags. Every ID found is given in its canonical form, the one the indicator parser accepts
 * as an {@code analytics-id} (docs/web-ids.md): {@code UA-N-N}, {@code G-X}, {@code GTM-X}, {@code AW-N},
 * {@code ca-pub-N}, {@code yandex:N}, {@code fbpixel:N}, {@code hotjar:N}, {@code baidu:HEX},
 * {@code matomo:HOST/N}. Pure text scanning of attacker-controlled input: bounded input, no backtracking-heavy
 * patterns.
 */
public final class AnalyticsIds {
    /** The longest text scanned (longer text is scanned up to this length). */
    public static final int MAX_TEXT = 2 << 20;

    private AnalyticsIds() {}

    /**
     * One ID found.
     *
     * @param kind the service ({@code google-analytics-ua}, {@code yandex-metrica}, ...)
     * @param id   the canonical form, parseable as an {@code analytics-id}
     */
    public record Found(String kind, String id) {}

    private record Rule(Pattern pattern, String kind, String prefix, boolean upper) {}

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("\\bUA-(\\d{4,10}-\\d{1,4})\\b"), "google-analytics-ua", "UA-", true),
            new Rule(Pattern.compile("\\bG-([A-Z0-9]{8,12})\\b"), "google-analytics-ga4", "G-", true),
            new Rule(Pattern.compile("\\bGTM-([A-Z0-9]{4,9})\\b"), "google-tag-manager", "GTM-", true),
            new Rule(Pattern.compile("\\bAW-(\\d{9,11})\\b"), "google-ads", "AW-", true),
            new Rule(Pattern.compile("\\b(?:ca-)?pub-(\\d{16})\\b"), "google-adsense", "ca-pub-", true),
            new Rule(Pattern.compile("mc\\.yandex\\.(?:ru|com|by|kz|ua|com\\.tr)/watch/(\\d{4,12})"), "yandex-metrica",
                    "yandex:", false),
            new Rule(Pattern.compile("\\bym\\(\\s*(\\d{4,12})\\s*,\\s*['\"]init['\"]"), "yandex-metrica", "yandex:", false),
            new Rule(Pattern.compile("\\byaCounter(\\d{4,12})\\b"), "yandex-metrica", "yandex:", false),
            new Rule(Pattern.compile("\\bfbq\\(\\s*['\"]init['\"]\\s*,\\s*['\"]?(\\d{10,20})"), "facebook-pixel",
                    "fbpixel:", false),
            new Rule(Pattern.compile("facebook\\.com/tr/?\\?(?:[^\"'\\s<>]{0,200}?[&;])?id=(\\d{10,20})"),
                    "facebook-pixel", "fbpixel:", false),
            new Rule(Pattern.compile("\\bhjid\\s*:\\s*(\\d{4,10})\\b"), "hotjar", "hotjar:", false),
            new Rule(Pattern.compile("static\\.hotjar\\.com/c/hotjar-(\\d{4,10})\\.js"), "hotjar", "hotjar:", false),
            new Rule(Pattern.compile("hm\\.baidu\\.com/hm\\.js\\?([0-9a-fA-F]{32})\\b"), "baidu-tongji", "baidu:", false));

    private static final Pattern MATOMO_SITE = Pattern.compile(
            "\\[\\s*['\"]setSiteId['\"]\\s*,\\s*['\"]?(\\d{1,9})['\"]?\\s*]");
    private static final Pattern MATOMO_VAR_HOST = Pattern.compile(
            "\\bu\\s*=\\s*['\"](?:https?:)?//([A-Za-z0-9.-]{1,253}(?::\\d{1,5})?)/");
    private static final Pattern MATOMO_SCRIPT_HOST = Pattern.compile(
            "(?:https?:)?//([A-Za-z0-9.-]{1,253}(?::\\d{1,5})?)/[A-Za-z0-9._/-]{0,200}?(?:matomo|piwik)\\.(?:js|php)");
    private static final Pattern MATOMO_PIXEL = Pattern.compile(
            "(?:https?:)?//([A-Za-z0-9.-]{1,253}(?::\\d{1,5})?)/[A-Za-z0-9._/-]{0,200}?(?:matomo|piwik)\\.php\\?"
                    + "(?:[^\"'\\s<>]{0,200}?[&;])?idsite=(\\d{1,9})");

    /** The IDs in a script, a page's text or a URL it loads, in order of first appearance, each once. */
    public static List<Found> find(String text) {
        if (text == null || text.isEmpty()) return List.of();
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        Map<Integer, Found> byPosition = new java.util.TreeMap<>();
        for (Rule r : RULES) {
            Matcher m = r.pattern.matcher(t);
            while (m.find()) {
                String v = r.upper ? m.group(1).toUpperCase(Locale.ROOT) : m.group(1).toLowerCase(Locale.ROOT);
                byPosition.putIfAbsent(m.start(), new Found(r.kind, r.prefix + v));
            }
        }
        matomo(t, byPosition);
        Map<String, Found> unique = new LinkedHashMap<>();
        for (Found f : byPosition.values()) unique.putIfAbsent(f.id(), f);
        return new ArrayList<>(unique.values());
    }

    /** Matomo site IDs mean something only with their tracker's host: {@code matomo:HOST/N}. */
    private static void matomo(String t, Map<Integer, Found> out) {
        Matcher pixel = MATOMO_PIXEL.matcher(t);
        while (pixel.find()) {
            out.putIfAbsent(pixel.start(), new Found("matomo", "matomo:" + pixel.group(1).toLowerCase(Locale.ROOT)
                    + "/" + Long.parseLong(pixel.group(2))));
        }
        Matcher site = MATOMO_SITE.matcher(t);
        if (!site.find()) return;
        String host = null;
        Matcher h = MATOMO_VAR_HOST.matcher(t);
        if (h.find()) host = h.group(1);
        else {
            Matcher s = MATOMO_SCRIPT_HOST.matcher(t);
            if (s.find()) host = s.group(1);
        }
        if (host == null) return; // a site number without its server names nothing
        out.putIfAbsent(site.start(), new Found("matomo", "matomo:" + host.toLowerCase(Locale.ROOT) + "/"
                + Long.parseLong(site.group(1))));
    }

    /** Google's kinds (UA, GA4, Tag Manager, Ads, AdSense): what most reverse-analytics services know. */
    public static final java.util.Set<String> GOOGLE = java.util.Set.of("google-analytics-ua", "google-analytics-ga4",
            "google-tag-manager", "google-ads", "google-adsense");

    /** The kind of an {@code analytics-id} value ({@code google-analytics-ua}, {@code yandex-metrica}, ...), or null. */
    public static String kindOf(String id) {
        if (id == null) return null;
        try {
            return TokenParser.analyticsId(id, new ArrayList<>()).details() instanceof Details.AnalyticsId a
                    ? a.kind() : null;
        } catch (BadInput e) {
            return null;
        }
    }

    /** Site-verification meta tag names (lower case) and the service each belongs to. */
    private static final Map<String, String> VERIFICATIONS = Map.ofEntries(
            Map.entry("google-site-verification", "google"),
            Map.entry("msvalidate.01", "bing"),
            Map.entry("yandex-verification", "yandex"),
            Map.entry("facebook-domain-verification", "facebook"),
            Map.entry("baidu-site-verification", "baidu"),
            Map.entry("p:domain_verify", "pinterest"),
            Map.entry("norton-safeweb-site-verification", "norton"),
            Map.entry("ahrefs-site-verification", "ahrefs"),
            Map.entry("apple-domain-verification", "apple"),
            Map.entry("alexaverifyid", "alexa"),
            Map.entry("naver-site-verification", "naver"),
            Map.entry("wot-verification", "wot"),
            Map.entry("dailymotion-domain-verification", "dailymotion"),
            Map.entry("majestic-site-verification", "majestic"),
            Map.entry("seznam-wmt", "seznam"),
            Map.entry("sogou_site_verification", "sogou"),
            Map.entry("360-site-verification", "360"),
            Map.entry("shenma-site-verification", "shenma"),
            Map.entry("zoho-verification", "zoho"));

    /** The service of a site-verification meta tag ({@code <meta name=NAME content=TOKEN>}), or null. */
    public static String verificationService(String metaName) {
        if (metaName == null) return null;
        return VERIFICATIONS.get(metaName.strip().toLowerCase(Locale.ROOT));
    }
}
