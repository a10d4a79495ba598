package io.infrapivot.source.whois;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Keys written in Chinese (simplified and traditional), Japanese and Russian, as registrars and registries of those
 * languages label their answers ({@code 注册商：}, {@code [ドメイン名]}, {@code Регистратор:}), mapped to the English
 * key the rest of the parser knows ({@code key-labels.txt}). Looked up before accents are dropped (that would change
 * kana and Cyrillic letters).
 */
final class KeyLabels {
    private static final Map<String, String> ENGLISH = load();

    private KeyLabels() {}

    /** The English key for a key in another script (lower case, trimmed), or the key itself. */
    static String english(String key) {
        String k = key.strip();
        if (k.startsWith("[") && k.endsWith("]")) k = k.substring(1, k.length() - 1).strip();
        return ENGLISH.getOrDefault(k, key);
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = KeyLabels.class.getResourceAsStream("key-labels.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) continue;
                m.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
