package io.infrapivot.app.maltego;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entity properties Maltego passes a local transform after the value: {@code k=v#k2=v2}. A backslash
 * escapes the next character, so {@code \#} and {@code \=} may appear inside a value; a part without
 * {@code =} is skipped (bounded: at most {@link #MAX_FIELDS} fields of {@link #MAX_CHARS} characters).
 */
public final class LocalArgs {
    static final int MAX_FIELDS = 200;
    static final int MAX_CHARS = 64 * 1024;

    private LocalArgs() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        if (text.length() > MAX_CHARS) throw new IllegalArgumentException("entity properties longer than " + MAX_CHARS + " characters");
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        boolean inValue = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                (inValue ? value : key).append(text.charAt(++i));
            } else if (c == '#') {
                put(out, key, value, inValue);
                inValue = false;
            } else if (c == '=' && !inValue) {
                inValue = true;
            } else {
                (inValue ? value : key).append(c);
            }
        }
        put(out, key, value, inValue);
        return out;
    }

    private static void put(Map<String, String> out, StringBuilder key, StringBuilder value, boolean inValue) {
        String k = key.toString().trim();
        if (inValue && !k.isEmpty() && out.size() < MAX_FIELDS) out.putIfAbsent(k, value.toString());
        key.setLength(0);
        value.setLength(0);
    }
}
