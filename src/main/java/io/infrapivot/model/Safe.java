package io.infrapivot.model;

/**
 * Escaping for attacker-controlled text. Everything read from WHOIS, DNS, passive DNS, certificates or
 * web pages passes through here before it reaches a terminal.
 */
public final class Safe {
    private Safe() {}

    /**
     * Makes text safe for a terminal line: C0/C1 controls (ESC included), DEL, line and paragraph
     * separators and bidirectional overrides are shown as {@code \\uXXXX}; backslashes are doubled.
     * Newlines and tabs are escaped too, so one value is always one line.
     */
    public static String oneLine(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = null;
            if (c == '\\') rep = "\\\\";
            else if (c == '\n') rep = "\\n";
            else if (c == '\r') rep = "\\r";
            else if (c == '\t') rep = "\\t";
            else if (needsEscape(c)) rep = String.format("\\u%04x", (int) c);
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16);
                    b.append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Like {@link #oneLine} but keeps newlines and tabs (for multi-line raw evidence shown on a terminal).
     */
    public static String multiLine(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t') b.append(c);
            else if (c == '\r') {
                // drop CR of CRLF, escape a lone CR (it would overwrite the line)
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') continue;
                b.append("\\r");
            } else if (needsEscape(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /**
     * For a one-line message that may hold text already escaped by {@link #oneLine} (a file name, a value): escapes
     * as {@code oneLine} does but leaves backslashes as they are, so escaping twice changes nothing and a user's
     * own {@code a\\b} is shown as typed, not doubled. Nothing that could move the cursor or recolour survives.
     */
    public static String message(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (needsEscape(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    public static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c'
                || c == '\ufeff';
    }

    /** Truncates to at most {@code max} characters, marking the cut. */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) return s;
        return s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
