package io.infrapivot.engine.port;

import java.time.Instant;

/** A case's name, where it is kept and how much it holds. */
public record CaseInfo(String name, String location, Instant created, long indicators, long observations,
                       long lookups, long evidence, Instant lastActivity) {}
