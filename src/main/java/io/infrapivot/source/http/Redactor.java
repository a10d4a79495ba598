package io.infrapivot.source.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks secrets out of text and bytes in every form a request carries them: as given, URL-encoded ({@code +} or
 * {@code %20} for spaces, upper- or lower-case hex), the password half of a {@code user:password} credential, the
 * base64 of {@code Authorization: Basic} (standard, URL-safe, with or without padding) and each of these with
 * JSON's escaped slash. Whatever a service echoes back — the URL, the headers, the body we sent — comes out as
 * {@code ****}. Immutable and thread-safe.
 */
public final class Redactor {
    /** Shown in place of a secret. */
    public static final String MASK = "****";
    /** Secrets shorter than this are not searched for (they would blank ordinary text). */
    static final int MIN_LENGTH = 4;

    /** Redacts nothing. */
    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> forms;
    private final List<String> byteForms;

    private Redactor(List<String> forms) {
        this.forms = List.copyOf(forms);
        this.byteForms = forms.stream()
                .map(f -> new String(f.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).toList();
    }

    /** A redactor of these secret values (API keys, {@code user:password} pairs, tokens). */
    public static Redactor of(List<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.isEmpty()) continue;
            addForms(all, s);
            int colon = s.indexOf(':');
            if (colon > 0) {
                addForms(all, s.substring(colon + 1));
                // a user name alone is no secret; the pair and the password are
            }
            for (String basic : List.of(s, s + ":")) {
                byte[] raw = basic.getBytes(StandardCharsets.UTF_8);
                addEncoded(all, Base64.getEncoder().encodeToString(raw));
                addEncoded(all, Base64.getUrlEncoder().encodeToString(raw));
            }
        }
        List<String> sorted = new ArrayList<>();
        for (String f : all) if (f.length() >= MIN_LENGTH) sorted.add(f);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(sorted);
    }

    private static void addForms(Set<String> all, String s) {
        if (s.length() < MIN_LENGTH) return;
        all.add(s);
        all.add(jsonEscaped(s));
        String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
        all.add(form);
        all.add(form.replace("+", "%20"));
        all.add(lowerHex(form));
        all.add(lowerHex(form.replace("+", "%20")));
    }

    private static void addEncoded(Set<String> all, String b64) {
        String unpadded = b64.replaceAll("=+$", "");
        for (String v : List.of(b64, unpadded)) {
            all.add(v);
            all.add(jsonEscaped(v));
            String url = URLEncoder.encode(v, StandardCharsets.UTF_8);
            all.add(url);
            all.add(lowerHex(url));
        }
    }

    private static String jsonEscaped(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
    }

    private static final Pattern HEX = Pattern.compile("%[0-9A-F]{2}");

    private static String lowerHex(String s) {
        Matcher m = HEX.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, m.group().toLowerCase(Locale.ROOT));
        m.appendTail(b);
        return b.toString();
    }

    /** Whether there is anything to redact. */
    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /** The text with every form of every secret replaced by {@link #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || forms.isEmpty()) return text;
        String t = text;
        for (String f : forms) {
            if (t.contains(f)) t = t.replace(f, MASK);
        }
        return t;
    }

    /** The bytes with every form of every secret (in UTF-8) replaced by {@link #MASK}; the same array when none. */
    public byte[] redact(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || forms.isEmpty()) return bytes;
        String t = new String(bytes, StandardCharsets.ISO_8859_1);
        String r = t;
        for (String f : byteForms) {
            if (r.contains(f)) r = r.replace(f, MASK);
        }
        return r == t ? bytes : r.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code text} still holds a form of a secret (for tests and assertions). */
    public boolean leaks(String text) {
        if (text == null) return false;
        for (String f : forms) if (text.contains(f)) return true;
        return false;
    }

    /** This redactor plus {@code other}'s secrets. */
    public Redactor and(Redactor other) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(forms));
        for (String f : other.forms) if (!all.contains(f)) all.add(f);
        all.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(all);
    }

    @Override
    public String toString() {
        return "Redactor[" + forms.size() + " forms]";
    }
}
