package io.infrapivot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One fact as shown to the user: a stored observation (with its id, merged sources and evidence), or an
 * observation from a source whose results are not stored (id null).
 */
public record Fact(Long id, Indicator subject, Relation relation, Indicator object, JsonNode value,
                   List<String> sources, Instant firstSeen, Instant lastSeen, Instant learnedAt, Long count,
                   List<Long> evidenceIds) {
    public Fact {
        sources = List.copyOf(sources);
        evidenceIds = List.copyOf(evidenceIds);
    }

    public static Fact of(StoredObservation o) {
        Long count = null;
        for (Sighting s : o.sightings()) {
            if (s.count() != null) count = count == null ? s.count() : Math.max(count, s.count());
        }
        List<Long> evidence = o.sightings().stream().map(Sighting::evidenceId).filter(Objects::nonNull).distinct()
                .toList();
        return new Fact(o.id(), o.subject(), o.relation(), o.object(), o.value(), o.sources(), o.firstSeen(),
                o.lastSeen(), o.firstLearned(), count, evidence);
    }

    public static Fact of(Observation o) {
        return new Fact(null, o.subject(), o.relation(), o.object(), o.value(), List.of(o.source().split(",")),
                o.firstSeen(), o.lastSeen(), o.learnedAt(), o.count(), List.of());
    }

    /** The other end of the fact as seen from {@code from}: the object, or the subject when {@code from} is the object. */
    public Indicator other(Indicator from) {
        return from.equals(subject) ? object : subject;
    }
}
