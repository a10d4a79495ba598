package io.infrapivot.source.registration;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates registries print into UTC instants: ISO-8601 with or without zone, {@code yyyy-mm-dd hh:mm:ss},
 * {@code yyyy.mm.dd}, {@code yyyy/mm/dd}, {@code yyyymmdd}, {@code dd.mm.yyyy}, {@code dd-mm-yyyy}, {@code dd-Mon-yyyy},
 * {@code dd Mon yyyy}, {@code Mon dd yyyy} and {@code Month dd, yyyy} (a weekday before either is allowed), the C
 * library's {@code Mon dd hh:mm:ss yyyy}, {@code before Aug-1996} (the first of that month), unix time (seconds or
 * milliseconds, 1985–2100), a time after "at" ({@code 09th March 2004 at 14:20:21}), with zones given as {@code Z},
 * {@code UTC}/{@code GMT}, {@code +hh[:mm]}, {@code (GMT+8:00)}, or the abbreviations JST/KST/CET/CEST/MSK.
 * A date without a zone is read in the zone the caller names (UTC unless a registry is known to use another).
 */
public final class RegistrationDates {
    private static final String MON = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
    private static final String TIME = "(?:(?:\\s+at\\s+|[t ]+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?)?";
    private static final String ZONE = "\\s*\\(?\\s*(z|[a-z]{2,5}|"
            + "(?:utc|gmt)?\\s*[+-]\\d{1,2}(?::?\\d{2})?)?\\s*\\)?";
    private static final Pattern YMD = Pattern.compile(
            "(\\d{4})\\s*[-./]\\s*(\\d{1,2})\\s*[-./]\\s*(\\d{1,2})\\.?" + TIME + ZONE);
    private static final Pattern COMPACT_TIME = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?" + ZONE);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:\\s|#|$).*");
    private static final Pattern DMY = Pattern.compile("(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})" + TIME + ZONE);
    private static final Pattern D_MON_Y = Pattern.compile(
            "(?:[a-z]{3},?\\s+)?(\\d{1,2})[- ]" + MON + "[- ,]+(\\d{4})" + TIME + ZONE);
    private static final Pattern MON_D_Y = Pattern.compile(
            "(?:[a-z]{3},?\\s+)?" + MON + "\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})" + TIME + ZONE);
    private static final Pattern CTIME = Pattern.compile(
            "(?:[a-z]{3}\\s+)?" + MON + "\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+(?:" + ZONE.strip()
                    + "\\s+)?(\\d{4})");
    private static final Pattern EPOCH = Pattern.compile("(\\d{9,10}|\\d{13})");
    private static final Pattern BEFORE = Pattern.compile("before\\s+" + MON + "[- ](\\d{4})");
    private static final Pattern FIND = Pattern.compile(
            "\\b(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "|\\d{4}[./]\\d{2}[./]\\d{2}|\\d{1,2}-[A-Za-z]{3}-\\d{4})\\b");
    private static final Map<String, String> MONTHS = Map.ofEntries(Map.entry("jan", "1"), Map.entry("feb", "2"),
            Map.entry("mar", "3"), Map.entry("apr", "4"), Map.entry("may", "5"), Map.entry("jun", "6"),
            Map.entry("jul", "7"), Map.entry("aug", "8"), Map.entry("sep", "9"), Map.entry("oct", "10"),
            Map.entry("nov", "11"), Map.entry("dec", "12"));
    /** Zone abbreviations registries print (an unknown one is read as the caller's default zone). */
    private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(Map.entry("z", ZoneOffset.UTC),
            Map.entry("utc", ZoneOffset.UTC), Map.entry("gmt", ZoneOffset.UTC), Map.entry("ut", ZoneOffset.UTC),
            Map.entry("jst", ZoneOffset.ofHours(9)), Map.entry("kst", ZoneOffset.ofHours(9)),
            Map.entry("cet", ZoneOffset.ofHours(1)), Map.entry("cest", ZoneOffset.ofHours(2)),
            Map.entry("msk", ZoneOffset.ofHours(3)), Map.entry("clt", ZoneOffset.ofHours(-4)),
            Map.entry("clst", ZoneOffset.ofHours(-3)), Map.entry("est", ZoneOffset.ofHours(-5)),
            Map.entry("edt", ZoneOffset.ofHours(-4)), Map.entry("cst", ZoneOffset.ofHours(-6)),
            Map.entry("cdt", ZoneOffset.ofHours(-5)), Map.entry("pst", ZoneOffset.ofHours(-8)),
            Map.entry("pdt", ZoneOffset.ofHours(-7)), Map.entry("eet", ZoneOffset.ofHours(2)),
            Map.entry("eest", ZoneOffset.ofHours(3)), Map.entry("wet", ZoneOffset.UTC),
            Map.entry("west", ZoneOffset.ofHours(1)), Map.entry("bst", ZoneOffset.ofHours(1)),
            Map.entry("aest", ZoneOffset.ofHours(10)), Map.entry("aedt", ZoneOffset.ofHours(11)),
            Map.entry("nzst", ZoneOffset.ofHours(12)), Map.entry("nzdt", ZoneOffset.ofHours(13)),
            Map.entry("hkt", ZoneOffset.ofHours(8)), Map.entry("sgt", ZoneOffset.ofHours(8)),
            Map.entry("myt", ZoneOffset.ofHours(8)), Map.entry("wib", ZoneOffset.ofHours(7)),
            Map.entry("ict", ZoneOffset.ofHours(7)), Map.entry("brt", ZoneOffset.ofHours(-3)),
            Map.entry("art", ZoneOffset.ofHours(-3)), Map.entry("ist", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("trt", ZoneOffset.ofHours(3)), Map.entry("vet", ZoneOffset.ofHours(-4)),
            Map.entry("bot", ZoneOffset.ofHours(-4)), Map.entry("almt", ZoneOffset.ofHours(5)),
            Map.entry("tmt", ZoneOffset.ofHours(5)), Map.entry("wat", ZoneOffset.ofHours(1)));
    /** Y-Mon-D (.tr: "2000-Jan-01"). */
    private static final Pattern Y_MON_D = Pattern.compile("(\\d{4})[- ]" + MON + "[- ](\\d{1,2})" + TIME + ZONE);
    private static final Pattern WEEKDAY = Pattern.compile(
            "^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+");
    private static final Pattern FORMAT_NOTE = Pattern.compile("\\s*\\([ymdhs/.: -]{6,}\\)$");
    private static final Pattern ORDINAL = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)\\b");

    private RegistrationDates() {}

    /** Parses one date, UTC assumed when no zone is given; null when it is not a date. */
    public static Instant parse(String text) {
        return parse(text, ZoneOffset.UTC);
    }

    /** Parses one date, {@code defaultZone} assumed when no zone is given; null when it is not a date. */
    public static Instant parse(String text, ZoneOffset defaultZone) {
        if (text == null) return null;
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 80) return null;
        // "Monday 1st Jan 2026" (JANET), "2000-Jan-01." (.tr): weekday names, ordinals and a final dot dropped
        t = ORDINAL.matcher(WEEKDAY.matcher(t).replaceFirst("")).replaceAll("$1");
        if (t.endsWith(".") && t.length() > 1) t = t.substring(0, t.length() - 1).strip();
        t = FORMAT_NOTE.matcher(t).replaceFirst(""); // "2026-05-06 (YYYY-MM-DD)": the format, not a zone
        try {
            Matcher m;
            if ((m = YMD.matcher(t)).matches()) {
                return at(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
                        defaultZone);
            }
            if ((m = COMPACT_TIME.matcher(t)).matches()) { // nic.at: "20250102 10:11:12"
                return at(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
                        defaultZone);
            }
            if ((m = COMPACT.matcher(t)).matches()) {
                return at(m.group(1), m.group(2), m.group(3), null, null, null, null, defaultZone);
            }
            if ((m = DMY.matcher(t)).matches()) { // dd.mm.yyyy, dd-mm-yyyy (.hk), dd/mm/yyyy (.pt): day first
                boolean monthFirst = Integer.parseInt(m.group(3)) > 12 && Integer.parseInt(m.group(1)) <= 12;
                return at(m.group(4), monthFirst ? m.group(1) : m.group(3), monthFirst ? m.group(3) : m.group(1),
                        m.group(5), m.group(6), m.group(7), m.group(8), defaultZone);
            }
            if ((m = Y_MON_D.matcher(t)).matches()) {
                return at(m.group(1), MONTHS.get(m.group(2)), m.group(3), m.group(4), m.group(5), m.group(6),
                        m.group(7), defaultZone);
            }
            if ((m = D_MON_Y.matcher(t)).matches()) {
                return at(m.group(3), MONTHS.get(m.group(2)), m.group(1), m.group(4), m.group(5), m.group(6),
                        m.group(7), defaultZone);
            }
            if ((m = MON_D_Y.matcher(t)).matches()) {
                return at(m.group(3), MONTHS.get(m.group(1)), m.group(2), m.group(4), m.group(5), m.group(6),
                        m.group(7), defaultZone);
            }
            if ((m = CTIME.matcher(t)).matches()) {
                return at(m.group(7), MONTHS.get(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5),
                        m.group(6), defaultZone);
            }
            if ((m = EPOCH.matcher(t)).matches()) { // unix time, seconds or milliseconds, 1985 to 2100 only
                long v = Long.parseLong(m.group(1));
                long seconds = m.group(1).length() == 13 ? v / 1000 : v;
                return seconds >= 473_385_600L && seconds <= 4_102_444_800L ? Instant.ofEpochSecond(seconds) : null;
            }
            if ((m = BEFORE.matcher(t)).matches()) {
                return at(m.group(2), MONTHS.get(m.group(1)), "1", null, null, null, null, ZoneOffset.UTC);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** Every date-looking token in free text, parsed (for answers in unknown formats). */
    public static List<Instant> findAll(String text) {
        List<Instant> out = new ArrayList<>();
        Matcher m = FIND.matcher(text);
        while (m.find() && out.size() < 200) {
            Instant i = parse(m.group(1));
            if (i != null && !out.contains(i)) out.add(i);
        }
        return out;
    }

    private static Instant at(String y, String mo, String d, String h, String mi, String s, String zone,
                              ZoneOffset defaultZone) {
        LocalDateTime ldt = LocalDateTime.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d),
                h == null ? 0 : Integer.parseInt(h), mi == null ? 0 : Integer.parseInt(mi),
                s == null ? 0 : Integer.parseInt(s));
        return ldt.toInstant(zone(zone, defaultZone));
    }

    private static ZoneOffset zone(String z, ZoneOffset defaultZone) {
        if (z == null) return defaultZone;
        String k = z.replace(" ", "");
        ZoneOffset named = ZONES.get(k);
        if (named != null) return named;
        k = k.replaceFirst("^(utc|gmt)", "");
        Matcher m = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?").matcher(k);
        if (!m.matches()) return defaultZone;
        int hours = Integer.parseInt(m.group(2));
        int mins = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sign = m.group(1).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * mins);
    }
}
