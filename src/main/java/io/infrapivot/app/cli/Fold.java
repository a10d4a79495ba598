package io.infrapivot.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds a line of human output to the terminal's width ({@code COLUMNS}, else 80): breaks at spaces, each
 * continuation indented to the given column so that columns stay aligned; a word longer than the room left (a long
 * URL, a certificate name) is cut and carried on. The colour sequences the CLI itself adds take no room and are
 * never cut (attacker-controlled text reaches here already escaped, so it holds none).
 */
final class Fold {
    /** The narrowest width folded to: below it, a continuation's indent would leave no room. */
    static final int MIN_WIDTH = 40;
    static final int DEFAULT_WIDTH = 80;

    private Fold() {}

    /** {@code COLUMNS} when it is a number from {@link #MIN_WIDTH} to 1000, else 80. */
    static int width(Map<String, String> env) {
        String c = env.get("COLUMNS");
        if (c != null) {
            try {
                int w = Integer.parseInt(c.strip());
                if (w >= MIN_WIDTH && w <= 1000) return w;
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return DEFAULT_WIDTH;
    }

    /** The line in pieces of at most {@code width} visible characters, the pieces after the first indented by {@code indent}. */
    static List<String> lines(String line, int width, int indent) {
        List<String> out = new ArrayList<>();
        if (visible(line) <= width) {
            out.add(line);
            return out;
        }
        int ind = Math.max(0, Math.min(indent, width / 2));
        String pad = " ".repeat(ind);
        StringBuilder cur = new StringBuilder();
        int curLen = 0;
        // the first piece keeps its own leading spaces (its indent); words are separated by single spaces after it
        int start = 0;
        while (start < line.length() && line.charAt(start) == ' ') start++;
        cur.append(line, 0, start);
        curLen = start;
        boolean fresh = true; // nothing but the indent on the current piece yet
        for (String word : line.substring(start).split(" ", -1)) {
            int w = visible(word);
            int room = width - curLen - (fresh ? 0 : 1);
            if (w <= room) {
                if (!fresh) {
                    cur.append(' ');
                    curLen++;
                }
                cur.append(word);
                curLen += w;
                fresh = false;
                continue;
            }
            if (!fresh && w <= width - ind) { // the word fits on a line of its own
                out.add(cur.toString());
                cur.setLength(0);
                cur.append(pad).append(word);
                curLen = ind + w;
                continue;
            }
            // longer than any line: cut it, carrying on over as many pieces as it needs
            if (!fresh) {
                cur.append(' ');
                curLen++;
            }
            int i = 0;
            while (i < word.length()) {
                if (curLen >= width) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    cur.append(pad);
                    curLen = ind;
                }
                int esc = escapeEnd(word, i);
                if (esc > i) { // a colour sequence: whole, and no room taken
                    cur.append(word, i, esc);
                    i = esc;
                    continue;
                }
                int cp = word.codePointAt(i);
                cur.appendCodePoint(cp);
                i += Character.charCount(cp);
                curLen++;
            }
            fresh = false;
        }
        out.add(cur.toString());
        return out;
    }

    /** Characters shown: colour sequences ({@code ESC [ … m}) take none; a code point is one. */
    static int visible(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int esc = escapeEnd(s, i);
            if (esc > i) {
                i = esc;
                continue;
            }
            i += Character.charCount(s.codePointAt(i));
            n++;
        }
        return n;
    }

    /** The end of the colour sequence starting at {@code i}, or {@code i} when none starts there. */
    private static int escapeEnd(String s, int i) {
        if (s.charAt(i) != '\u001b' || i + 1 >= s.length() || s.charAt(i + 1) != '[') return i;
        int j = i + 2;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == ';')) j++;
        return j < s.length() && s.charAt(j) == 'm' ? j + 1 : i;
    }
}
