package io.infrapivot.source.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Timestamps as services write them: epoch seconds or milliseconds (numbers or numeric strings),
 * ISO-8601 with or without offset (UTC assumed when none), {@code yyyy-MM-dd HH:mm:ss}, a bare date.
 * Anything else reads as null (an unreadable date is a missing date, never a parse failure).
 */
public final class Times {
    private static final long MILLIS_THRESHOLD = 100_000_000_000L; // beyond year 5138 in seconds
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS]"));

    private Times() {}

    public static Instant of(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return epoch(v.asLong());
        return v.isTextual() ? parse(v.asText()) : null;
    }

    public static Instant epoch(long n) {
        if (n <= 0) return null;
        return n >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }

    public static Instant parse(String text) {
        if (text == null) return null;
        String t = text.strip();
        if (t.isEmpty()) return null;
        if (t.matches("\\d{9,13}")) return epoch(Long.parseLong(t));
        t = t.replace(" UTC", "Z").replaceFirst(" ([+-]\\d\\d:?\\d\\d)$", "$1");
        if (t.contains(":")) t = t.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Instant.parse(t.replace(' ', 'T'));
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
