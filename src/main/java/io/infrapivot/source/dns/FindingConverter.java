package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns findings into observations, building every indicator through the indicator parser. A finding whose
 * subject does not parse is attached to the looked-up indicator (the text kept in the value); one whose
 * object does not parse (a name with characters no host has) becomes a {@code dns-record} attribute, so
 * nothing DNS said is lost and nothing malformed becomes an indicator.
 */
public final class FindingConverter {
    private final IndicatorParser parser;
    private final String source;
    private final Instant now;
    private final Map<DnsAnswer, RawAnswer> evidence = new IdentityHashMap<>();

    public FindingConverter(IndicatorParser parser, String source, Instant now) {
        this.parser = parser;
        this.source = source;
        this.now = now;
    }

    /** The raw answer kept for a DNS answer (one per answer). */
    public RawAnswer evidence(DnsAnswer a) {
        return a == null ? null : evidence.computeIfAbsent(a, x -> x.evidence(source));
    }

    /** The evidence of every answer, in order. */
    public List<RawAnswer> evidence(List<DnsAnswer> answers) {
        List<RawAnswer> out = new ArrayList<>();
        for (DnsAnswer a : answers) out.add(evidence(a));
        return out;
    }

    public List<Observation> convert(List<Finding> findings, Indicator lookedUp) {
        List<Observation> out = new ArrayList<>();
        for (Finding f : findings) {
            Observation o = convert(f, lookedUp);
            if (o != null && !out.contains(o)) out.add(o);
        }
        return out;
    }

    private Observation convert(Finding f, Indicator lookedUp) {
        Indicator subject = indicator(f.subject());
        ObjectNode value = f.value() == null ? null : f.value().deepCopy();
        if (subject == null) {
            subject = lookedUp;
            value = value == null ? Json.object() : value;
            value.put("subject", f.subject().text());
        }
        RawAnswer ev = evidence(f.answer());
        if (f.relation().kind() == Relation.Kind.ATTRIBUTE) {
            return new Observation(subject, f.relation(), null, value, source, null, null, now, null, ev);
        }
        Indicator object = indicator(f.object());
        if (object == null) {
            ObjectNode v = value == null ? Json.object() : value;
            v.put("relation", f.relation().id()).put("object", f.object().text());
            return new Observation(subject, Relation.DNS_RECORD, null, v, source, null, null, now, null, ev);
        }
        return new Observation(subject, f.relation(), object, value, source, null, null, now, null, ev);
    }

    /** The indicator for a reference, or null when the parser will not take it. */
    public Indicator indicator(Ref ref) {
        try {
            return switch (ref.kind()) {
                case NAME -> {
                    Indicator i = parser.parse(ref.text()).orElseThrow().indicator();
                    yield i.type() == IndicatorType.DOMAIN || i.type() == IndicatorType.HOST ? i : null;
                }
                case IP -> parser.parseAs(IndicatorType.IP, ref.text()).orElseThrow().indicator();
                case CIDR -> parser.parseAs(IndicatorType.CIDR, ref.text()).orElseThrow().indicator();
                case EMAIL -> parser.parseAs(IndicatorType.EMAIL, ref.text()).orElseThrow().indicator();
                case ASN -> parser.parseAs(IndicatorType.ASN, ref.text()).orElseThrow().indicator();
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
