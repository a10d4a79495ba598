package io.infrapivot.engine.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.List;

/**
 * A deduplicated fact in a case with all its sightings. {@code firstSeen}/{@code lastSeen} span every
 * sighting's source-reported dates; {@code firstLearned}/{@code lastLearned} span when we learned it.
 */
public record StoredObservation(long id, Indicator subject, Relation relation, Indicator object, JsonNode value,
                                Instant firstSeen, Instant lastSeen, Instant firstLearned, Instant lastLearned,
                                List<Sighting> sightings) {
    public StoredObservation {
        sightings = List.copyOf(sightings);
    }

    /** The distinct sources that reported it, in order of first sighting. */
    public List<String> sources() {
        return sightings.stream().map(Sighting::source).distinct().toList();
    }
}
