package io.infrapivot.source.registration;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns the record of a registration lookup into the source's {@link LookupResult}. */
public final class RegistrationResults {
    /** The indicator types the registration sources (rdap, whois) look up. */
    public static final Set<IndicatorType> ACCEPTS = Set.copyOf(EnumSet.of(IndicatorType.DOMAIN, IndicatorType.HOST,
            IndicatorType.IP, IndicatorType.CIDR, IndicatorType.ASN));
    /** The relations they produce. */
    public static final Set<Relation> PRODUCES = Set.of(Relation.REGISTRATION, Relation.REGISTRAR,
            Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_NAME, Relation.REGISTRANT_ORG, Relation.REGISTRANT_PHONE,
            Relation.NAME_SERVER, Relation.ABUSE_EMAIL, Relation.IN_NETBLOCK, Relation.NETWORK_OWNER);

    private RegistrationResults() {}

    /**
     * A throttled record becomes an error (a rate limit is not data); any other record becomes observations
     * whose evidence is the last raw answer.
     *
     * @param notes remarks of the lookup (referrals not followed, a failed registrar), joined into the message
     */
    public static LookupResult of(Indicator subject, RegistrationRecord record, String sourceId,
                                  List<RawAnswer> evidence, List<String> notes, LookupContext context) {
        String message = notes.isEmpty() ? null : String.join("; ", notes);
        if (record.status() == RegistrationStatus.THROTTLED) {
            String server = record.server() == null ? "the server" : record.server();
            return LookupResult.error(server + " rate-limited the query (throttled); try later", evidence);
        }
        RawAnswer last = evidence.isEmpty() ? null : evidence.get(evidence.size() - 1);
        List<Observation> obs = RegistrationObservations.of(subject, record, sourceId, context.now(), last,
                context.parser());
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, evidence, message, null);
    }
}
