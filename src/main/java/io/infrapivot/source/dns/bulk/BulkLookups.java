package io.infrapivot.source.dns.bulk;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.dns.FindingConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One bulk answer as a lookup of the {@code dns} source, ready to be stored: the name as an indicator, the
 * lookup's parameters ({@code resolve:TYPE}) and its observations with the answer's packet as evidence (as
 * the dns source keeps it). Invalid names, and names that are not domains or hosts, give nothing.
 */
public record BulkLookups(Indicator subject, String params, LookupResult result) {
    public static final String SOURCE = "dns";

    public static Optional<BulkLookups> of(BulkResult r, IndicatorParser parser, Instant now) {
        if (r.status() == BulkStatus.INVALID) return Optional.empty();
        Indicator subject;
        try {
            subject = parser.parse(r.name()).orElseThrow().indicator();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (subject.type() != IndicatorType.DOMAIN && subject.type() != IndicatorType.HOST) return Optional.empty();
        FindingConverter conv = new FindingConverter(parser, SOURCE, now);
        String type = org.xbill.DNS.Type.string(r.type());
        String question = r.name() + " " + type;
        // the answer's packet as received (dns-wire, like the dns source's evidence); a timeout has none
        RawAnswer ev = r.wire() != null
                ? new RawAnswer(SOURCE, question, r.wire(), "dns-wire", r.status().id(), now, null)
                : RawAnswer.text(SOURCE, question + " (bulk)", r.status().id() + (r.error() == null ? ""
                        : ": " + r.error()), "text/plain", r.status().id(), now, Duration.ZERO);
        List<Observation> obs = conv.convert(BulkFindings.of(r), subject).stream()
                .map(o -> new Observation(o.subject(), o.relation(), o.object(), o.value(), o.source(), null, null,
                        o.learnedAt(), null, ev)).toList();
        return Optional.of(new BulkLookups(subject, "resolve:" + type, LookupResult.of(obs, List.of(ev))));
    }
}
