package io.infrapivot.engine.port;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.Outcome;
import java.time.Instant;

/** One row of the lookup log, which doubles as the cache. */
public record LookupRecord(long id, String source, Indicator indicator, String params, Instant started,
                           Instant finished, Outcome outcome, String message, Long total, Instant expiresAt,
                           int observationCount) {}
