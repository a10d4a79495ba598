package io.infrapivot.source.reputation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import java.time.Instant;
import java.util.Collection;

/**
 * The value of a {@code verdict} or {@code listed-on} fact (docs/reputation.md): a small object whose
 * {@code scale} says how to read it, with the source's own numbers kept — a detection ratio is never turned into a
 * confidence score, and no two sources' verdicts are ever merged into one. {@code date} is the date the source gave
 * for its verdict (its last analysis, last report, list date), null when it gave none; the report calls a verdict
 * older than the configured age stale.
 */
public final class Verdicts {
    private Verdicts() {}

    /** How a verdict's numbers read. */
    public enum Scale {
        /** engines that flagged it of the engines asked: {@code malicious}, {@code suspicious}, {@code total}. */
        DETECTIONS("detections"),
        /** a 0..{@code max} confidence the source gives: {@code score}, {@code max}. */
        CONFIDENCE("confidence"),
        /** the indicator is (or is not) on a list: {@code listed}, {@code list}. */
        LISTED("listed"),
        /** how many reports, pulses or entries mention it: {@code count}. */
        MENTIONS("mentions"),
        /** what a scan saw exposed (open ports, known vulnerabilities): no judgement, {@code ports}, {@code vulns}. */
        EXPOSURE("exposure");

        private final String id;

        Scale(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A verdict value of {@code scale}, dated by the source (null: the source gave no date). */
    public static ObjectNode of(Scale scale, Instant date) {
        ObjectNode v = Json.object();
        v.put("scale", scale.id());
        if (date != null) v.put("date", date.toString());
        else v.putNull("date");
        return v;
    }

    /** Engines that flagged the indicator of the engines that looked. */
    public static ObjectNode detections(long malicious, Long suspicious, long total, Instant date) {
        ObjectNode v = of(Scale.DETECTIONS, date);
        v.put("malicious", malicious);
        if (suspicious != null) v.put("suspicious", suspicious);
        v.put("total", total);
        return v;
    }

    /** A confidence score on the source's own 0..max scale. */
    public static ObjectNode confidence(long score, long max, Instant date) {
        ObjectNode v = of(Scale.CONFIDENCE, date);
        v.put("score", score);
        v.put("max", max);
        return v;
    }

    /** Listed (or explicitly not listed) on a named list. */
    public static ObjectNode listed(String list, boolean listed, Instant date) {
        ObjectNode v = of(Scale.LISTED, date);
        v.put("list", list);
        v.put("listed", listed);
        return v;
    }

    /** How many reports/pulses/entries mention the indicator. */
    public static ObjectNode mentions(long count, Instant date) {
        ObjectNode v = of(Scale.MENTIONS, date);
        v.put("count", count);
        return v;
    }

    /** Puts a list of texts (dropped when empty). */
    public static void texts(ObjectNode v, String field, Collection<String> texts) {
        if (texts == null || texts.isEmpty()) return;
        ArrayNode a = v.putArray(field);
        texts.forEach(a::add);
    }

    /** Copies a text field of a source object when present. */
    public static void copy(ObjectNode v, String field, JsonNode from, String sourceField) {
        String t = Json.text(from, sourceField);
        if (t != null) v.put(field, t);
    }

    /** Adds the verdict as a {@code verdict} attribute, its date as the fact's last-seen time. */
    public static void verdict(Facts facts, Indicator subject, ObjectNode value) {
        facts.attribute(subject, Relation.VERDICT, value, null, dateOf(value));
    }

    /** Adds a {@code listed-on} attribute. */
    public static void listedOn(Facts facts, Indicator subject, ObjectNode value) {
        facts.attribute(subject, Relation.LISTED_ON, value, null, dateOf(value));
    }

    /** The date a verdict value carries, or null. */
    public static Instant dateOf(JsonNode value) {
        String d = value == null ? null : Json.text(value, "date");
        if (d == null) return null;
        try {
            return Instant.parse(d);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
