package io.infrapivot.engine.port;

import java.time.Duration;
import java.time.Instant;

/** A raw answer as stored. */
public record StoredEvidence(long id, String source, String request, byte[] response, String sha256,
                             String contentType, String status, Instant started, Duration elapsed) {}
