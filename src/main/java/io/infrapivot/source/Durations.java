package io.infrapivot.source;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human durations: {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, {@code 250ms}, or ISO-8601 {@code PT30S}.
 * The unit is required everywhere (flags, settings, environment): a bare {@code 5} could mean seconds or
 * minutes, so it is refused with the forms to use. Durations are at most {@link #MAX} and never negative; a
 * value beyond (say {@code 99999999999d}) is refused with that message, never an arithmetic error.
 */
public final class Durations {
    /** The longest duration accepted (ten years: any timeout or budget beyond is a typo). */
    public static final Duration MAX = Duration.ofDays(3650);
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern BARE = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final String FORMS = "use e.g. 250ms, 30s, 5m, 2h, 7d";

    private Durations() {}

    public static Duration parse(String text) {
        if (text == null) throw new IllegalArgumentException("no duration given (" + FORMS + ")");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (BARE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text.trim() + "' has no unit: write " + t + "s for seconds ("
                    + FORMS + ")");
        }
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
            if (digits.length() > 12) throw tooLong(text);
            long n = Long.parseLong(digits);
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (ArithmeticException e) {
                throw tooLong(text);
            } catch (RuntimeException e) {
                if (e.getCause() instanceof ArithmeticException) throw tooLong(text); // overflow inside parse
                throw new IllegalArgumentException("not a duration: '" + text + "' (" + FORMS + ")");
            }
        }
        if (d.isNegative()) throw new IllegalArgumentException("'" + text.trim() + "' is negative; a duration is not");
        if (d.compareTo(MAX) > 0) throw tooLong(text);
        return d;
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text.trim() + "' is too long: at most " + MAX.toDays() + "d");
    }

    /** The shortest exact form {@link #parse} reads back: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        if (s == 0) return "0s";
        if (s % 86400 == 0) return s / 86400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
