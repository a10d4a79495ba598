package io.infrapivot.source.thirdparty;

import java.time.Instant;

/**
 * A domain a reverse-WHOIS (or reverse-IP) service returned for a query, with the dates it gives.
 *
 * @param domain    the name as the service wrote it
 * @param firstSeen creation or first-seen date the service gives, or null
 * @param lastSeen  last-seen or last-update date the service gives, or null
 */
public record DomainHit(String domain, Instant firstSeen, Instant lastSeen) {
    public static DomainHit of(String domain) {
        return new DomainHit(domain, null, null);
    }
}
