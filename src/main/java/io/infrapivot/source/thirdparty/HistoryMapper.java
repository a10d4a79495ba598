package io.infrapivot.source.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.ParseStatus;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationObservations;
import io.infrapivot.source.registration.RegistrationRecord;
import java.time.Instant;
import java.util.List;

/**
 * Historical WHOIS into the normalised registration record: each version a service kept becomes a
 * {@code registration} attribute with the service's first/last seen of that version (so
 * {@code history --registration} shows one timeline across our own fetches and every service), plus the pivots in
 * it ({@code registrant-email}, {@code registrar}, {@code name-server} ...) from the registration mapper.
 * Privacy and proxy contacts are marked by the registration record's own list and never become pivots.
 */
public final class HistoryMapper {
    private HistoryMapper() {}

    public static final java.util.Set<Relation> RELATIONS = java.util.Set.of(Relation.REGISTRATION,
            Relation.REGISTRAR, Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_ORG, Relation.REGISTRANT_NAME,
            Relation.REGISTRANT_PHONE, Relation.NAME_SERVER, Relation.ABUSE_EMAIL);

    public static void map(Indicator domain, List<HistoricRecord> versions, Facts facts) {
        for (HistoricRecord v : versions) {
            List<Observation> obs = RegistrationObservations.of(domain, v.record(), facts.source(), facts.now(),
                    facts.evidence(), facts.parser());
            facts.addAll(obs.stream().map(o -> o.withSeen(v.firstSeen(), v.lastSeen(), null)).toList());
        }
    }

    /** A builder for one historical domain record of {@code service}. */
    public static RecordBuilder builder(String domain, String service, Instant capturedAt) {
        return RegistrationRecord.builder("domain", domain).domain(domain).source(service)
                .format(service + "-history").fetched(capturedAt).parseStatus(ParseStatus.FULL);
    }

    /** Fills a contact from a JSON object with the given field names (any may be absent). */
    public static void contact(ContactBuilder c, JsonNode o, String name, String org, String email, String phone,
                               String country) {
        if (o == null || !o.isObject()) return;
        c.name(Json.text(o, name)).organization(Json.text(o, org)).email(Json.text(o, email))
                .phone(Json.text(o, phone)).country(Json.text(o, country));
    }
}
