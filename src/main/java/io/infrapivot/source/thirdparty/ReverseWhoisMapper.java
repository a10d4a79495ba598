package io.infrapivot.source.thirdparty;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.util.List;
import java.util.Set;

/**
 * Turns a reverse-WHOIS answer (the domains whose registration names a term) into the same facts a forward
 * registration lookup gives, so they merge: {@code domain —registrant-email→ email} for an email query,
 * {@code registrant-org} for an organisation, {@code registrant-name} for a person, {@code registrant-phone}
 * for a phone. The link's value says {@code {"via":"reverse-whois"}} and, where the service gives it, the
 * domain's creation date ({@code "created"}); the service's last-update or last-checked date is the fact's last
 * seen (the creation date is not when the registrant was seen, so it is not the first seen).
 */
public final class ReverseWhoisMapper {
    /** The indicator types a reverse-WHOIS lookup accepts. */
    public static final Set<IndicatorType> ACCEPTS = Set.of(IndicatorType.EMAIL, IndicatorType.ORG,
            IndicatorType.PERSON, IndicatorType.PHONE);

    private ReverseWhoisMapper() {}

    public static Relation relationFor(IndicatorType type) {
        return switch (type) {
            case EMAIL -> Relation.REGISTRANT_EMAIL;
            case ORG -> Relation.REGISTRANT_ORG;
            case PERSON -> Relation.REGISTRANT_NAME;
            case PHONE -> Relation.REGISTRANT_PHONE;
            default -> throw new IllegalArgumentException("reverse WHOIS does not take " + type);
        };
    }

    public static void map(Indicator queried, List<DomainHit> hits, Facts facts) {
        Relation rel = relationFor(queried.type());
        for (DomainHit h : hits) {
            var value = Json.object().put("via", "reverse-whois");
            if (h.firstSeen() != null) value.put("created", h.firstSeen().toString());
            facts.name(h.domain()).ifPresent(d -> facts.link(d, rel, queried, value, null, h.lastSeen(), null));
        }
    }
}
