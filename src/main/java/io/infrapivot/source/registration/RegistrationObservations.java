package io.infrapivot.source.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link RegistrationRecord} into observations: the whole record as a {@code registration} attribute,
 * and the pivots in it as links ({@code registrar}, {@code registrant-email}, {@code registrant-org},
 * {@code registrant-name}, {@code registrant-phone}, {@code name-server}, {@code abuse-email},
 * {@code in-netblock}, {@code network-owner}). Contacts marked privacy/proxy are never emitted as pivots; values
 * the parser rejects (not an email, not a phone) are left out. Contact links carry {@code {"role": ...}}.
 */
public final class RegistrationObservations {
    private final IndicatorParser parser;
    private final String source;
    private final Instant learnedAt;
    private final RawAnswer evidence;

    private RegistrationObservations(IndicatorParser parser, String source, Instant learnedAt, RawAnswer evidence) {
        this.parser = parser;
        this.source = source;
        this.learnedAt = learnedAt;
        this.evidence = evidence;
    }

    /**
     * @param subject   the indicator looked up (domain, host, ip, cidr or asn)
     * @param record    its registration record
     * @param source    the source id
     * @param learnedAt when it was learned
     * @param evidence  the raw answer the record came from (the last of a chain), or null
     * @param parser    the indicator parser
     */
    public static List<Observation> of(Indicator subject, RegistrationRecord record, String source,
                                       Instant learnedAt, RawAnswer evidence, IndicatorParser parser) {
        return new RegistrationObservations(parser, source, learnedAt, evidence).build(subject, record);
    }

    private List<Observation> build(Indicator subject, RegistrationRecord r) {
        List<Observation> out = new ArrayList<>();
        out.add(Observation.attribute(subject, Relation.REGISTRATION, RegistrationJson.toTree(r), source, learnedAt,
                evidence));
        if (r.status() != RegistrationStatus.REGISTERED) return out;
        if (r.registrar() != null) {
            link(out, subject, Relation.REGISTRAR, IndicatorType.ORG, r.registrar().name(), null);
            link(out, subject, Relation.ABUSE_EMAIL, IndicatorType.EMAIL, r.registrar().abuseEmail(), "registrar");
        }
        for (String ns : r.nameServers()) {
            if (!link(out, subject, Relation.NAME_SERVER, IndicatorType.HOST, ns, null)) {
                link(out, subject, Relation.NAME_SERVER, IndicatorType.DOMAIN, ns, null);
            }
        }
        boolean holderIsNetwork = r.network() != null || r.autnum() != null;
        for (Map.Entry<String, Contact> e : r.contacts().byRole().entrySet()) {
            Contact c = e.getValue();
            String role = e.getKey();
            if (c.privacy()) continue;
            if (role.equals("abuse")) {
                link(out, subject, Relation.ABUSE_EMAIL, IndicatorType.EMAIL, c.email(), role);
                continue;
            }
            if (holderIsNetwork && role.equals("registrant")) continue;
            link(out, subject, Relation.REGISTRANT_EMAIL, IndicatorType.EMAIL, c.email(), role);
            link(out, subject, Relation.REGISTRANT_ORG, IndicatorType.ORG, c.organization(), role);
            link(out, subject, Relation.REGISTRANT_NAME, IndicatorType.PERSON, c.name(), role);
            link(out, subject, Relation.REGISTRANT_PHONE, IndicatorType.PHONE, c.phone(), role);
        }
        if (r.network() != null) network(out, subject, r.network());
        if (r.autnum() != null) {
            link(out, subject, Relation.NETWORK_OWNER, IndicatorType.ORG, r.autnum().organization(), null);
        }
        return out;
    }

    private void network(List<Observation> out, Indicator subject, Network n) {
        for (String cidr : n.cidrs()) {
            Optional<Indicator> block = indicator(IndicatorType.CIDR, cidr);
            if (block.isEmpty()) continue;
            if (!block.get().equals(subject)) {
                out.add(Observation.link(subject, Relation.IN_NETBLOCK, block.get(), source, learnedAt, evidence));
            }
            link(out, block.get(), Relation.NETWORK_OWNER, IndicatorType.ORG, n.organization(), null);
        }
    }

    private boolean link(List<Observation> out, Indicator subject, Relation rel, IndicatorType type, String text,
                         String role) {
        if (text == null || PrivacyServices.standard().isPrivacyText(text)) return false;
        Optional<Indicator> object = indicator(type, text);
        if (object.isEmpty() || object.get().equals(subject)) return false;
        JsonNode value = role == null ? null : JsonNodeFactory.instance.objectNode().put("role", role);
        Observation o = new Observation(subject, rel, object.get(), value, source, null, null, learnedAt, null,
                evidence);
        if (out.stream().noneMatch(x -> x.relation() == rel && x.subject().equals(subject)
                && object.get().equals(x.object()))) {
            out.add(o);
        }
        return true;
    }

    private Optional<Indicator> indicator(IndicatorType type, String text) {
        return parser.parseAs(type, text) instanceof ParseResult.Parsed p ? Optional.of(p.parsed().indicator())
                : Optional.empty();
    }
}
