package io.infrapivot.engine.port;

import java.time.Instant;

/** One time a source reported a fact: its own first/last seen, when we learned it, and the evidence. */
public record Sighting(long id, String source, Instant firstSeen, Instant lastSeen, Instant learnedAt, Long count,
                       Long evidenceId, Long lookupId) {}
