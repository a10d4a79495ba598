package io.infrapivot.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds analytics and advertising IDs in running text (documents, logs, pages) fast and with their offsets, for
 * {@code extract}; {@link AnalyticsIds} is the page reader's finder (one whole page at a time, verification tags).
 * Both give the canonical forms the indicator parser accepts (docs/web-ids.md).
 *
 * <p>Google's own IDs stand alone in text ({@code UA-12345-1}, {@code G-ABCDEF1234}, {@code GTM-ABC123},
 * {@code AW-123456789}, {@code ca-pub-1234567890123456}); the others are bare numbers that mean something only in
 * their snippet ({@code ym(12345678, "init"}, {@code fbq('init', '123456789012345')}, {@code hjid:1234567},
 * {@code _paq.push(['setSiteId', '3'])}, {@code hm.baidu.com/hm.js?<32 hex>}), so they are recognised in that
 * context and given a prefix of their kind: {@code yandex:12345678}, {@code fbpixel:123456789012345},
 * {@code hotjar:1234567}, {@code matomo:<tracker host>/3}, {@code baidu:<hex>}.
 */
public final class AnalyticsIdScanner {
    /** One ID found in text: its kind, canonical value, and the span of the ID itself in the text. */
    public record Found(String kind, String value, int start, int end) {}

    private record Form(String kind, Pattern pattern, String prefix, boolean upper) {}

    /**
     * IDs that stand alone: the whole match is the ID (group 1 its variable part). Each pattern starts with its literal
     * prefix (so the regex engine can skip ahead to it); the character before is checked in {@link #find}.
     */
    private static final List<Form> TOKENS = List.of(
            new Form("google-analytics-ua", Pattern.compile("UA-(\\d{4,10}-\\d{1,4})(?![\\w-])"), "UA-", false),
            new Form("google-analytics-ga4", Pattern.compile("G-((?=[A-Z]{0,11}\\d)[A-Z0-9]{8,12})(?![\\w-])"), "G-", false),
            new Form("google-tag-manager", Pattern.compile("GTM-([A-Z0-9]{4,9})(?![\\w-])"), "GTM-", false),
            new Form("google-ads", Pattern.compile("AW-(\\d{9,11})(?![\\w-])"), "AW-", false),
            new Form("google-adsense", Pattern.compile("pub-(\\d{16})(?![\\w-])"), "ca-pub-", false));

    /** IDs known by their snippet: group 1 is the ID. */
    private static final List<Form> SNIPPETS = List.of(
            new Form("yandex-metrica", Pattern.compile("\\bym\\(\\s*(\\d{5,10})\\s*,\\s*['\"]init"), "yandex:", false),
            new Form("yandex-metrica", Pattern.compile("mc\\.yandex\\.(?:ru|com|by|kz|ua|com\\.tr)/watch/(\\d{5,10})"), "yandex:", false),
            new Form("yandex-metrica", Pattern.compile("\\byaCounter(\\d{5,10})\\b"), "yandex:", false),
            new Form("yandex-metrica", Pattern.compile("Ya\\.Metrika2?\\(\\s*\\{\\s*id\\s*:\\s*(\\d{5,10})"), "yandex:", false),
            new Form("facebook-pixel", Pattern.compile("fbq\\(\\s*['\"]init['\"]\\s*,\\s*['\"]?(\\d{15,16})"), "fbpixel:", false),
            new Form("facebook-pixel", Pattern.compile("facebook\\.com/tr/?\\?id=(\\d{15,16})"), "fbpixel:", false),
            new Form("facebook-pixel", Pattern.compile("connect\\.facebook\\.net/signals/config/(\\d{15,16})"), "fbpixel:", false),
            new Form("hotjar", Pattern.compile("\\bhjid\\s*[:=]\\s*(\\d{5,8})\\b"), "hotjar:", false),
            new Form("hotjar", Pattern.compile("static\\.hotjar\\.com/c/hotjar-(\\d{5,8})\\.js"), "hotjar:", false),
            new Form("baidu-tongji", Pattern.compile("hm\\.baidu\\.com/hm?\\.js\\?([0-9a-fA-F]{32})"), "baidu:", false));

    /** Matomo: a site ID means something only with its tracker's host. */
    private static final Pattern MATOMO_SITE = Pattern.compile("\\[\\s*['\"]setSiteId['\"]\\s*,\\s*['\"]?(\\d{1,6})");
    private static final Pattern MATOMO_HOST = Pattern.compile(
            "(?:https?:)?//([A-Za-z0-9.-]{1,253}(?::\\d{1,5})?)/[^'\"\\s]{0,200}?(?:matomo|piwik)(?:\\.php|\\.js|/)|"
                    + "\\bu\\s*=\\s*['\"](?:https?:)?//([A-Za-z0-9.-]{1,253}(?::\\d{1,5})?)/");
    /** How far before a setSiteId call its tracker URL is looked for. */
    private static final int MATOMO_REACH = 600;

    /** The literal prefix of each token form (its pattern up to the first '-'). */
    private static final String[] LITERALS = TOKENS.stream()
            .map(f -> f.pattern.pattern().substring(0, f.pattern.pattern().indexOf('-') + 1)).toArray(String[]::new);

    /** Cheap markers: a snippet form is tried only when its marker is in the text. */
    private static final String[] MARKERS = {"ym(", "yandex", "yaCounter", "Metrika", "fbq(", "facebook", "hjid",
        "hotjar", "baidu", "setSiteId"};


    private AnalyticsIdScanner() {}

    /** Every analytics ID in {@code text}, in no particular order. */
    public static List<Found> find(CharSequence text) {
        String s = text.toString();
        return find(s, s.toCharArray());
    }

    /** As {@link #find(CharSequence)}, {@code chars} holding the characters of {@code s} (from 0; it may be longer). */
    public static List<Found> find(String s, char[] chars) {
        return find(s, hasMarker(chars, s.length()));
    }

    /**
     * As {@link #find(CharSequence)}, for a caller that has already looked for the snippet markers with
     * {@link #markerAt} at every character: {@code marker} says whether one was found (if not, no snippet form is tried).
     */
    public static List<Found> find(String s, boolean marker) {
        CharSequence text = s;
        List<Found> out = new ArrayList<>();
        Matcher[] matchers = new Matcher[TOKENS.size()];
        // every token form's literal ends with '-': one pass over the dashes tries the forms whose literal ends there
        for (int dash = s.indexOf('-'); dash >= 0; dash = s.indexOf('-', dash + 1)) {
            for (int k = 0; k < TOKENS.size(); k++) {
                String literal = LITERALS[k];
                int at = dash + 1 - literal.length();
                if (at < 0 || !s.startsWith(literal, at)) continue;
                Form f = TOKENS.get(k);
                Matcher m = matchers[k] == null ? (matchers[k] = f.pattern.matcher(s)) : matchers[k];
                if (!m.region(at, s.length()).lookingAt()) continue;
                int start = m.start();
                if (f.prefix.equals("ca-pub-") && start >= 3 && s.startsWith("ca-", start - 3)) {
                    start -= 3;
                }
                if (start > 0 && (Character.isLetterOrDigit(s.charAt(start - 1)) || s.charAt(start - 1) == '_'
                        || s.charAt(start - 1) == '-')) {
                    continue;
                }
                out.add(new Found(f.kind, f.prefix + m.group(1), start, m.end()));
            }
        }
        if (!marker) return out;
        for (Form f : SNIPPETS) {
            Matcher m = f.pattern.matcher(text);
            while (m.find()) {
                String id = f.kind.equals("baidu-tongji") ? m.group(1).toLowerCase(Locale.ROOT) : m.group(1);
                out.add(new Found(f.kind, f.prefix + id, m.start(1), m.end(1)));
            }
        }
        Matcher site = MATOMO_SITE.matcher(text);
        while (site.find()) {
            Matcher host = MATOMO_HOST.matcher(text);
            host.region(Math.max(0, site.start() - MATOMO_REACH), Math.min(text.length(), site.end() + MATOMO_REACH));
            String h = null;
            while (host.find()) h = host.group(1) != null ? host.group(1) : host.group(2);
            if (h != null) {
                out.add(new Found("matomo", "matomo:" + h.toLowerCase(Locale.ROOT) + "/" + Long.parseLong(site.group(1)), site.start(1),
                        site.end(1)));
            }
        }
        return out;
    }

    /**
     * Whether one of {@link #MARKERS} is in {@code a[0, length)}: one pass, and a closer look only where a marker's
     * first two letters stand.
     */
    static boolean hasMarker(char[] a, int length) {
        for (int i = 0; i < length; i++) if (markerAt(a, i, length)) return true;
        return false;
    }

    /**
     * Whether a snippet marker starts at {@code a[i]} (the text is {@code a[0, length)}). Cheap where none can: a
     * caller's own pass over the text may call it at every character instead of {@link #find(String, char[])}'s pass.
     */
    public static boolean markerAt(char[] a, int i, int length) {
        char c = a[i];
        if (c > 'y' || c < 'M' || (FIRST & 1L << (c & 63)) == 0 || i + 2 >= length) return false;
        char d = a[i + 1];
        char e = a[i + 2];
        // the first three letters pick the marker (two share "ya"), then the rest is compared
        return switch (c) {
            case 'y' -> d == 'm' && e == '(' || d == 'a' && (e == 'n' && startsWith(a, i, length, "yandex")
                    || e == 'C' && startsWith(a, i, length, "yaCounter"));
            case 'M' -> d == 'e' && e == 't' && startsWith(a, i, length, "Metrika");
            case 's' -> d == 'e' && e == 't' && startsWith(a, i, length, "setSiteId");
            case 'f' -> d == 'b' && e == 'q' && startsWith(a, i, length, "fbq(")
                    || d == 'a' && e == 'c' && startsWith(a, i, length, "facebook");
            case 'h' -> d == 'j' && e == 'i' && startsWith(a, i, length, "hjid")
                    || d == 'o' && e == 't' && startsWith(a, i, length, "hotjar");
            case 'b' -> d == 'a' && e == 'i' && startsWith(a, i, length, "baidu");
            default -> false;
        };
    }

    private static boolean startsWith(char[] a, int i, int length, String m) {
        if (i + m.length() > length) return false;
        for (int k = 3; k < m.length(); k++) if (a[i + k] != m.charAt(k)) return false;
        return true;
    }

    /** The first letters of the markers, as bits (the low six bits of a character from 'M' to 'y': no two collide). */
    private static final long FIRST;

    static {
        long f = 0;
        for (String m : MARKERS) f |= 1L << (m.charAt(0) & 63);
        FIRST = f;
    }

}
