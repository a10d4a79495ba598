package io.infrapivot.source.registration;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import java.util.List;

/** Turns the record of a registration lookup into the source's {@link LookupResult}. */
public final class RegistrationResults {
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
