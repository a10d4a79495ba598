package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Relation;
import java.util.Objects;

/**
 * One fact read from DNS, before indicators are built: what the record parsers produce, so they are
 * tested on recorded messages without the indicator parser. {@link FindingConverter} makes observations.
 *
 * @param subject  what the fact is about
 * @param relation the relation (links have an {@code object}, attributes a {@code value})
 * @param object   the other end of a link, or null
 * @param value    the attribute value, or an annotation of the link (TTL, preference, mechanism); may be null
 *                 for links
 * @param answer   the answer it came from (its evidence), or null
 */
public record Finding(Ref subject, Relation relation, Ref object, ObjectNode value, DnsAnswer answer) {
    public Finding {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(relation);
        if (relation.kind() == Relation.Kind.LINK && object == null) {
            throw new IllegalArgumentException(relation + " needs an object");
        }
        if (relation.kind() == Relation.Kind.ATTRIBUTE && value == null) {
            throw new IllegalArgumentException(relation + " needs a value");
        }
    }

    public static Finding link(Ref subject, Relation relation, Ref object, ObjectNode value, DnsAnswer answer) {
        return new Finding(subject, relation, object, value, answer);
    }

    public static Finding attribute(Ref subject, Relation relation, ObjectNode value, DnsAnswer answer) {
        return new Finding(subject, relation, null, value, answer);
    }

    /** The value's field as text, or null (for tests and display). */
    public String field(String name) {
        return value == null || !value.hasNonNull(name) ? null : value.get(name).asText();
    }
}
