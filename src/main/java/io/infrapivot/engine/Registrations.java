package io.infrapivot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.registration.RegistrationDiff;
import io.infrapivot.source.registration.RegistrationSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Registration records as stored in a case (the {@code registration} attribute's JSON value), read for a face:
 * the report's summary lines and the timeline of changes ({@code history --registration}), without the face
 * knowing the registration parsers' own types.
 */
public final class Registrations {
    private Registrations() {}

    /** One field that changed between two records; {@link #line()} says it for people (values escaped). */
    public record Change(String field, String before, String after, String line) {}

    /** The changes of the record fetched {@code at} against the record before it. */
    public record Step(Instant at, List<Change> changes) {}

    /** The summary lines of a stored record ({@code now} dates its age and expiry). */
    public static List<String> summary(JsonNode value, Instant now) {
        return RegistrationSummary.lines(value, now);
    }

    /**
     * The records' changes in the order given (oldest first): a step for each record that differs from the one
     * before it. Values that are not registration records, and throttled or unknown ones, are skipped.
     */
    public static List<Step> timeline(List<Map.Entry<Instant, JsonNode>> fetches) {
        return RegistrationDiff.timeline(fetches).stream().map(s -> new Step(s.at(), s.changes().stream()
                .map(c -> new Change(c.field(), c.before(), c.after(), c.line())).toList())).toList();
    }
}
