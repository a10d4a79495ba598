package io.infrapivot.app.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the known names closest to a mistyped one (edit distance, prefixes). */
final class Suggest {
    private Suggest() {}

    /** {@code "; did you mean 'x'?"} (or two names), or "" when nothing is close. */
    static String didYouMean(String typed, Collection<String> known) {
        List<String> close = closest(typed, known);
        if (close.isEmpty()) return "";
        return "; did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
    }

    /** At most two known names within a small edit distance of {@code typed} (or that it is a prefix of). */
    static List<String> closest(String typed, Collection<String> known) {
        if (typed == null || typed.isEmpty() || typed.length() > 100) return List.of();
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, t.replaceFirst("^-+", "").length() / 3));
        record Scored(String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String k : known) {
            if (k.equalsIgnoreCase(typed)) continue;
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            boolean prefix = t.replaceFirst("^-+", "").length() >= 3
                    && k.toLowerCase(Locale.ROOT).startsWith(t) && t.length() >= 3;
            if (d <= limit || prefix) scored.add(new Scored(k, prefix ? 0 : d));
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(2).map(Scored::name).toList();
    }

    /** Damerau-Levenshtein distance (optimal string alignment: swapped neighbours cost 1). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
