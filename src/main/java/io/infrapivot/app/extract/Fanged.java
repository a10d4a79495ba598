package io.infrapivot.app.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A window of text with its defanging undone, and the way back to the original positions: {@code hxxp[:]//evil[.]com}
 * reads {@code http://evil.com} here, and a match in the refanged text maps back to the text as it stood.
 *
 * <p>The forms (case-insensitive): brackets {@code [] () {} <>} around {@code .}, {@code dot}, {@code @}, {@code at},
 * {@code :}, {@code ://}, {@code /} (spaces allowed inside and around); {@code \.} and the JSON escape {@code \/};
 * a bracket on one side ({@code evil[.com}, {@code evil.]com}); {@code " dot "} between name parts;
 * {@code " at "} between a local part and a defanged domain; defanged schemes ({@code hxxp}, {@code hXXps},
 * {@code hxtp}, {@code h**p}, {@code h__p}, {@code h[tt]p}, {@code fxp}, {@code fxps}, {@code meow}) before a colon.
 * The parser ({@code IndicatorParser}) knows the same forms for one indicator at a time; this finds them in running
 * text without copying the window when there are none.
 */
final class Fanged {
    private static final int CI = Pattern.CASE_INSENSITIVE;
    /** A bracketed mark: what it stands for is group 1. */
    private static final Pattern BRACKET = Pattern.compile(
            "[\\[({<][ \\t]{0,3}(\\.|dot|@|at|://|:|/)[ \\t]{0,3}[\\])}>]", CI);
    private static final Pattern SPACED_DOT = Pattern.compile("[ \\t]{1,3}dot[ \\t]{1,3}(?=[\\p{L}\\p{N}])", CI);
    private static final Pattern SPACED_AT = Pattern.compile(
            "[ \\t]{1,3}at[ \\t]{1,3}(?=[\\p{L}\\p{N}-]{1,63}(?:[ \\t]{0,3}[\\[({<][ \\t]{0,3}(?:\\.|dot)[ \\t]{0,3}[\\])}>]|[ \\t]{1,3}dot[ \\t]{1,3}))",
            CI);
    private static final Pattern SCHEME = Pattern.compile(
            "(?:h(?:xx|xxx|tx|xt|\\*\\*|__|\\[tt]|\\(tt\\))p(s?)|f(?:x|\\[t])p(s?)|meow(s?))(?=[ \\t]{0,2}[\\[({<]?[ \\t]{0,2}:)", CI);

    /** The text to search. */
    final String text;
    /** The same characters as {@link #text} (from 0; the array may be longer). */
    final char[] chars;
    /**
     * The replacements, four ints each in the order made: start and end in {@link #text}, start and end in the
     * original; null when nothing was changed. Between replacements characters map one to one.
     */
    private final int[] reps;
    private final int repCount;

    private Fanged(String text, char[] chars, int[] reps, int repCount) {
        this.text = text;
        this.chars = chars;
        this.reps = reps;
        this.repCount = repCount;
    }

    int start(int i) {
        if (reps == null) return i;
        return i < text.length() ? from(i) : text.isEmpty() ? 0 : to(text.length() - 1);
    }

    int end(int i) {
        if (reps == null) return i;
        return i == 0 ? 0 : to(i - 1);
    }

    /** Whether the span [s, e) of {@link #text} was changed from the original (it was defanged). */
    boolean changed(int s, int e) {
        if (reps == null) return false;
        return end(e) - start(s) != e - s || changedInside(s, e);
    }

    /** Whether a char of [s, e) came from other than one original char (a replacement overlaps the span). */
    private boolean changedInside(int s, int e) {
        if (s >= e) return false;
        for (int j = rep(e - 1); j >= 0 && reps[4 * j + 1] > s; j--) {
            if (reps[4 * j + 3] - reps[4 * j + 2] != 1) return true;
        }
        return false;
    }

    /** The last replacement starting at or before {@code i} of {@link #text}, or -1. */
    private int rep(int i) {
        int lo = 0;
        int hi = repCount - 1;
        int r = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (reps[4 * mid] <= i) {
                r = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return r;
    }

    /** Original position of char {@code i} of {@link #text}. */
    private int from(int i) {
        int j = rep(i);
        if (j < 0) return i;
        int b = 4 * j;
        return i < reps[b + 1] ? reps[b + 2] : reps[b + 3] + i - reps[b + 1];
    }

    /** Original end (exclusive) of the piece char {@code i} of {@link #text} came from. */
    private int to(int i) {
        int j = rep(i);
        if (j < 0) return i + 1;
        int b = 4 * j;
        return i < reps[b + 1] ? reps[b + 3] : reps[b + 3] + i - reps[b + 1] + 1;
    }

    static Fanged of(String src) {
        return of(src, src.toCharArray(), null);
    }

    /** Characters that can begin a defanged form (ASCII). */
    private static final boolean[] TRIGGER = new boolean[128];

    static {
        for (char c : "[({<.\\ \thHfFmM".toCharArray()) TRIGGER[c] = true;
    }

    /**
     * {@code src} refanged; {@code chars} holds the same characters (from 0). {@code done}: a result no longer used,
     * whose arrays may be reused for this one (or null).
     */
    static Fanged of(String src, char[] chars, Fanged done) {
        Out out = null;
        Matcher bracket = BRACKET.matcher(src);
        Matcher dot = SPACED_DOT.matcher(src);
        Matcher at = SPACED_AT.matcher(src);
        Matcher scheme = SCHEME.matcher(src);
        int n = src.length();
        int i = 0;
        int copied = 0; // src[copied, i) not yet copied to out
        while (i < n) {
            char c = chars[i];
            if (c >= 128 || !TRIGGER[c]) {
                i++;
                continue;
            }
            String rep = null;
            int end = i;
            int start = i;
            switch (c) {
                case '[', '(', '{', '<' -> {
                    if (i + 2 < n && bracketMark(src, i + 1, n) && region(bracket, i, n).lookingAt()) {
                        String g = bracket.group(1).toLowerCase(java.util.Locale.ROOT);
                        rep = g.equals("dot") ? "." : g.equals("at") ? "@" : g;
                        end = bracket.end();
                        if (rep.equals(".") || rep.equals("@")) {
                            // spaces around a dot or at mark belong to it: "evil [.] com"
                            while (start > copied && isBlank(src.charAt(start - 1))) start--;
                            while (end < n && isBlank(src.charAt(end)) && end - bracket.end() < 3) end++;
                        }
                    } else if (c == '[' && i + 1 < n && src.charAt(i + 1) == '.' && nameChar(src, i - 1) && nameChar(src, i + 2)) {
                        rep = ".";
                        end = i + 2;
                    }
                }
                case '.' -> {
                    if (i + 1 < n && src.charAt(i + 1) == ']' && nameChar(src, i - 1) && nameChar(src, i + 2)) {
                        rep = ".";
                        end = i + 2;
                    }
                }
                case '\\' -> {
                    if (i + 1 < n && (src.charAt(i + 1) == '.' || src.charAt(i + 1) == '/')) {
                        rep = String.valueOf(src.charAt(i + 1));
                        end = i + 2;
                    }
                }
                case ' ', '\t' -> {
                    // most blanks stand before a word that is not "dot" or "at": told by the next character alone
                    char nx = i + 4 < n ? chars[i + 1] : 'x';
                    if (nx != ' ' && nx != '\t' && (nx | 0x20) != 'd' && (nx | 0x20) != 'a') {
                        i++;
                        continue;
                    }
                    char w = i + 4 < n ? spacedWord(src, i, n) : 0;
                    if ((w == 'd' || w == 'D' || w == 'a' || w == 'A') && i > 0 && nameChar(src, i - 1)) {
                        if ((w == 'd' || w == 'D') && region(dot, i, n).lookingAt() && !stopWordBefore(src, i)) {
                            rep = ".";
                            end = dot.end();
                        } else if ((w == 'a' || w == 'A') && region(at, i, n).lookingAt()) {
                            rep = "@";
                            end = at.end();
                        }
                    }
                }
                case 'h', 'H', 'f', 'F', 'm', 'M' -> {
                    if (i + 4 < n && schemeMark(c, src.charAt(i + 1)) && !nameChar(src, i - 1)
                            && region(scheme, i, n).lookingAt()) {
                        boolean secure = scheme.group(1) != null && !scheme.group(1).isEmpty()
                                || scheme.group(2) != null && !scheme.group(2).isEmpty()
                                || scheme.group(3) != null && !scheme.group(3).isEmpty();
                        boolean ftp = Character.toLowerCase(c) == 'f';
                        rep = (ftp ? "ftp" : "http") + (secure ? "s" : "");
                        end = scheme.end();
                    }
                }
                default -> { }
            }
            if (rep == null) {
                i++;
                continue;
            }
            if (out == null) out = done != null && done.reps != null && done.chars.length >= n ? new Out(done) : new Out(n);
            out.copy(chars, copied, start);
            out.replace(rep, start, end);
            i = end;
            copied = end;
        }
        if (out == null) return new Fanged(src, chars, null, 0);
        out.copy(chars, copied, n);
        return out.done();
    }

    /** Prose words that are never the label before " dot " ("the dot com bubble", "connect a dot to"). */
    private static final java.util.Set<String> STOP = java.util.Set.of("a", "an", "the", "this", "that", "each", "one",
            "no", "to", "of", "in", "on", "and", "or", "is", "its", "dot", "every", "any", "red", "blue", "green",
            "black", "white", "small", "big", "single", "first", "last", "next");

    private static boolean stopWordBefore(String s, int at) {
        int k = at;
        while (k > 0 && Character.isLetter(s.charAt(k - 1)) && at - k < 8) k--;
        if (k > 0 && nameChar(s, k - 1)) return false;
        return STOP.contains(s.substring(k, at).toLowerCase(java.util.Locale.ROOT));
    }

    /** Cheap test before the bracket pattern: the first non-blank after an opening bracket can start a mark. */
    private static boolean bracketMark(String s, int k, int n) {
        int stop = Math.min(n, k + 4);
        while (k < stop && isBlank(s.charAt(k))) k++;
        if (k >= stop) return false;
        char c = s.charAt(k);
        return c == '.' || c == '@' || c == ':' || c == '/' || c == 'd' || c == 'D' || c == 'a' || c == 'A';
    }

    /** After up to three blanks from {@code k}: 'd' when the word "dot" follows, 'a' for "at" (then a blank), else 0. */
    private static char spacedWord(String s, int k, int n) {
        int stop = Math.min(n, k + 4);
        while (k < stop && isBlank(s.charAt(k))) k++;
        if (k >= stop) return 0;
        char c = s.charAt(k);
        if (c != 'd' && c != 'D' && c != 'a' && c != 'A') return 0;
        if (k + 3 < n && s.regionMatches(true, k, "dot", 0, 3) && isBlank(s.charAt(k + 3))) return 'd';
        if (k + 2 < n && s.regionMatches(true, k, "at", 0, 2) && isBlank(s.charAt(k + 2))) return 'a';
        return 0;
    }

    /** Cheap test before the scheme pattern: the second letter of a defanged scheme. */
    private static boolean schemeMark(char first, char second) {
        return switch (first) {
            case 'h', 'H' -> second == 'x' || second == 'X' || second == 't' || second == 'T' || second == '*'
                    || second == '_' || second == '[' || second == '(';
            case 'f', 'F' -> second == 'x' || second == 'X' || second == '[';
            default -> second == 'e' || second == 'E';
        };
    }

    private static Matcher region(Matcher m, int from, int to) {
        return m.region(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean nameChar(String s, int i) {
        if (i < 0 || i >= s.length()) return false;
        char c = s.charAt(i);
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    /** The refanged text being built. */
    private static final class Out {
        private char[] b;
        private int len;
        private int[] reps;
        private int count;

        Out(int n) {
            b = new char[n];
            reps = new int[64];
        }

        /** Into the arrays of a refanging no longer used. */
        Out(Fanged done) {
            b = done.chars;
            reps = done.reps;
        }

        private void room(int n) {
            if (len + n > b.length) b = java.util.Arrays.copyOf(b, Math.max(len + n, len * 2 + 16));
        }

        void copy(char[] src, int s, int e) {
            int n = e - s;
            room(n);
            System.arraycopy(src, s, b, len, n);
            len += n;
        }

        void replace(String rep, int s, int e) {
            room(rep.length());
            if (4 * count + 4 > reps.length) reps = java.util.Arrays.copyOf(reps, reps.length * 2);
            int k = 4 * count++;
            reps[k] = len;
            for (int i = 0; i < rep.length(); i++) b[len++] = rep.charAt(i);
            reps[k + 1] = len;
            reps[k + 2] = s;
            reps[k + 3] = e;
        }

        Fanged done() {
            return new Fanged(new String(b, 0, len), b, reps, count);
        }
    }
}
