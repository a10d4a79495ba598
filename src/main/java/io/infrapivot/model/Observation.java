package io.infrapivot.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One fact with its provenance: {@code subject —relation→ object} (a LINK), or {@code subject —relation→ value}
 * (an ATTRIBUTE with a structured or plain value).
 *
 * @param subject   the indicator the fact is about
 * @param relation  one of the closed set
 * @param object    the other indicator, for links; null for attributes
 * @param value     the attribute value (JSON), for attributes; may also annotate a link (e.g. a record's TTL)
 * @param source    the source id that said it
 * @param firstSeen when the source says it first saw the fact, or null
 * @param lastSeen  when the source says it last saw the fact, or null
 * @param learnedAt when we learned it
 * @param count     how many times the source saw it, where the source says, or null
 * @param evidence  the raw answer behind it, or null
 */
public record Observation(Indicator subject, Relation relation, Indicator object, JsonNode value, String source,
                          Instant firstSeen, Instant lastSeen, Instant learnedAt, Long count, RawAnswer evidence) {
    public Observation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(learnedAt, "learnedAt");
        if (relation.kind() == Relation.Kind.LINK && object == null) {
            throw new IllegalArgumentException("relation " + relation + " needs an object indicator");
        }
        if (relation.kind() == Relation.Kind.ATTRIBUTE && value == null) {
            throw new IllegalArgumentException("relation " + relation + " needs a value");
        }
        if (relation.kind() == Relation.Kind.ATTRIBUTE && object != null) {
            throw new IllegalArgumentException("attribute " + relation + " takes no object indicator");
        }
    }

    public static Observation link(Indicator subject, Relation relation, Indicator object, String source,
                                   Instant learnedAt, RawAnswer evidence) {
        return new Observation(subject, relation, object, null, source, null, null, learnedAt, null, evidence);
    }

    public static Observation attribute(Indicator subject, Relation relation, JsonNode value, String source,
                                        Instant learnedAt, RawAnswer evidence) {
        return new Observation(subject, relation, null, value, source, null, null, learnedAt, null, evidence);
    }

    public Observation withSeen(Instant first, Instant last, Long count) {
        return new Observation(subject, relation, object, value, source, first, last, learnedAt, count, evidence);
    }
}
