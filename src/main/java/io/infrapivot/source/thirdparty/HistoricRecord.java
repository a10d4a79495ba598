package io.infrapivot.source.thirdparty;

import io.infrapivot.source.registration.RegistrationRecord;
import java.time.Instant;

/**
 * One version of a domain's registration as a historical-WHOIS service kept it.
 *
 * @param record    the version, as a normalised registration record ({@code fetched} = when the service captured it)
 * @param firstSeen when the service first saw this version, or null
 * @param lastSeen  when it last saw it (or when the version ended), or null
 */
public record HistoricRecord(RegistrationRecord record, Instant firstSeen, Instant lastSeen) {}
