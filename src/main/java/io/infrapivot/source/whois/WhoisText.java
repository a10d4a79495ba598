package io.infrapivot.source.whois;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes WHOIS answers are made of: lines, {@code key: value} pairs, blank-line separated blocks, and
 * indented sections. Pure; bounded by the size cap of the transport.
 */
final class WhoisText {
    /** A pair split at its first colon, ASCII or full width ("注册商：", Chinese and Japanese answers). */
    private static final Pattern KV = Pattern.compile("^\\s*([^:\uFF1A\\[\\]]{1,60}?)\\s*[:\uFF1A](?!//)\\s*(.*?)\\s*$");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,63}");

    /** One {@code key: value} pair; {@code key} is normalised (lower case, separators as single blanks). */
    record Pair(String key, String value, String rawKey) {}

    private WhoisText() {}

    /** Lines without CR, with comment lines (%, #, >>>) and the ICANN footer after ">>>" dropped. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(">>>") || t.equals("--")) break;
            if (t.startsWith("%") || t.startsWith("#")) continue;
            out.add(stripTrailing(line));
        }
        return out;
    }

    /** Normalises a key: lower case, '-', '_', '.', '/' and runs of blanks become one blank. */
    static String normKey(String k) {
        String t = k.toLowerCase(Locale.ROOT);
        if (!t.chars().allMatch(c -> c < 0x80)) {
            t = KeyLabels.english(t); // Chinese, Japanese, Russian labels, before accents (and kana marks) go
            // accents dropped (Spanish, Portuguese, French keys: "Fecha de Creación" = "fecha de creacion")
            t = java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        }
        // "** Domain Name", "[Domain Name]" (leading markers) and "Created on......" (dotted leaders) as plain keys
        return t.replaceAll("^[*\\s]+", "").replaceAll("[-_./\\s'\u2019]+", " ").strip();
    }

    /** The line as a pair, or null. A line "URL: http://..." still splits at the first colon. */
    private static final Pattern BRACKET_KV = Pattern.compile("^\\s*\\[([^\\[\\]]{1,60})]\\s+(\\S.*?)\\s*$");

    static Pair pair(String line) {
        Matcher b = BRACKET_KV.matcher(line);
        if (b.matches()) return new Pair(normKey(b.group(1)), b.group(2), b.group(1).strip()); // .my, .jp style
        Matcher m = KV.matcher(line);
        if (!m.matches()) return null;
        String key = m.group(1);
        if (key.isBlank() || key.startsWith(" ") && key.isBlank()) return null;
        return new Pair(normKey(key), m.group(2), key.strip());
    }

    /** Every pair in the text, in order; lines that are no pair are skipped. */
    static List<Pair> pairs(List<String> lines) {
        List<Pair> out = new ArrayList<>();
        for (String l : lines) {
            Pair p = pair(l);
            if (p != null) out.add(p);
        }
        return out;
    }

    /** Blank-line separated blocks of lines. */
    static List<List<String>> blocks(List<String> lines) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String l : lines) {
            if (l.isBlank()) {
                if (!cur.isEmpty()) out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(l);
            }
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    /** Email addresses anywhere in the text. */
    static List<String> emails(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find() && out.size() < 200) {
            String e = m.group().toLowerCase(Locale.ROOT);
            if (!out.contains(e)) out.add(e);
        }
        return out;
    }

    /** The first email address in a value, or null. */
    static String email(String value) {
        if (value == null) return null;
        Matcher m = EMAIL.matcher(value);
        return m.find() ? m.group() : null;
    }

    static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return i;
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }
}
