package io.infrapivot.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the defanging analysts apply to indicators ({@code hxxps://evil[.]example(.)com}, {@code 1.2.3[.]4},
 * {@code john[@]mail[.]ru}, {@code john at mail dot ru}). Each rule is a regular expression and its
 * replacement; they are applied in order, so mixtures of forms work.
 */
final class Refanger {
    private record Rule(Pattern pattern, String replacement) {
        String apply(String s) {
            return pattern.matcher(s).replaceAll(replacement);
        }
    }

    private static final int CI = Pattern.CASE_INSENSITIVE;

    private static final List<Rule> RULES = List.of(
            // [://] (://) and [:]// forms of the scheme separator
            rule("\\s*[\\[({]\\s*:\\s*//\\s*[\\])}]\\s*", "://"),
            rule("[\\[({]\\s*:\\s*[\\])}]", ":"),
            rule("[\\[({]\\s*/\\s*[\\])}]", "/"),
            // dots: [.] (.) {.} [dot] (dot) {dot} with optional spaces around, and \.
            rule("\\s*[\\[({]\\s*(?:\\.|dot)\\s*[\\])}]\\s*", "."),
            rule("\\\\\\.", "."),
            // a bracket on one side only: "example[.com", "example.]com" (seen in reports; never valid in a name)
            rule("(?<=[\\p{L}\\p{N}_-])\\[\\.(?=[\\p{L}\\p{N}_-])", "."),
            rule("(?<=[\\p{L}\\p{N}_-])\\.\\](?=[\\p{L}\\p{N}_-])", "."),
            // at signs: [@] (@) {@} [at] (at) {at}
            rule("\\s*[\\[({]\\s*(?:@|at)\\s*[\\])}]\\s*", "@"),
            // " dot " between name-like parts
            rule("(?<=[\\p{L}\\p{N}_-])\\s+dot\\s+(?=[\\p{L}\\p{N}_-])", "."));

    /** Defanged scheme spellings (at the start, before "://") and the scheme they stand for. */
    private static final Pattern SCHEME = Pattern.compile(
            "^(h(?:xx|xt|tx|\\*\\*|__|\\[tt\\]|xxx)ps?|fxps?|meows?)(?=://)", CI);

    /** "john at mail.ru": " at " only between a local-part-like word and a dotted name. */
    private static final Pattern SPACED_AT = Pattern.compile(
            "^([\\p{L}\\p{N}._%+-]+)\\s+at\\s+([\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)+)$", CI);

    private Refanger() {}

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, CI), Matcher.quoteReplacement(replacement));
    }

    static String refang(String text) {
        String s = text;
        if (!plain(text)) {
            for (Rule r : RULES) s = r.apply(s);
        }
        Matcher at = SPACED_AT.matcher(s);
        if (at.matches()) s = at.group(1) + "@" + at.group(2);
        Matcher m = SCHEME.matcher(s);
        if (m.find()) s = scheme(m.group(1)) + s.substring(m.end());
        return s;
    }

    /** No character any rule but the scheme's looks at (brackets, backslash, blanks): the rules would change nothing. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == ']' || c == '(' || c == ')' || c == '{' || c == '}' || c == '\\'
                    || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static String scheme(String defanged) {
        String d = defanged.toLowerCase(java.util.Locale.ROOT);
        boolean secure = d.endsWith("s");
        if (d.startsWith("f")) return secure ? "ftps" : "ftp";
        return secure ? "https" : "http";
    }
}
