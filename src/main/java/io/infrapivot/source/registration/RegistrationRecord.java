package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One normalised registration record, from RDAP or WHOIS, for a domain, an IP network or an ASN.
 * The JSON names (snake_case) are a documented contract: see docs/registration.md.
 *
 * @param kind         "domain", "ip", "asn" (or "nameserver", "entity" for those RDAP lookups)
 * @param query        what was asked
 * @param domain       the domain name (lower case, ASCII) for domain records
 * @param status       registered / available / reserved / throttled / unknown
 * @param statuses     the registry's own status codes (EPP codes, RDAP status values, ccTLD words)
 * @param registrar    the registrar
 * @param created      registration (or allocation) date
 * @param updated      last change
 * @param expires      expiry
 * @param ageDays      whole days from {@code created} to {@code fetched}
 * @param nameServers  name server host names, lower case, without trailing dot
 * @param dnssec       whether the delegation is signed, where said
 * @param contacts     contacts by role
 * @param privacy      true when the registrant (or all named contacts) is a privacy/proxy service or redacted
 * @param parseStatus  full / partial / raw-only
 * @param network      the IP network (ip records)
 * @param autnum       the ASN (asn records)
 * @param source       "whois" or "rdap"
 * @param server       the WHOIS server or RDAP base that answered (last in a chain)
 * @param format       the parser that read it, e.g. "icann", "verisign-thin", "arin", "rpsl", "nominet", "rdap"
 * @param fetched      when the answer was received (or parsed, offline)
 * @param redacted     the names of fields the answer declares redacted
 * @param emailsFound  email addresses found anywhere in the text (partial / raw-only parses)
 * @param datesFound   dates found anywhere in the text (partial / raw-only parses)
 * @param remarks      remarks and notices worth keeping (bounded)
 * @param raw          the raw text for raw-only parses (bounded), otherwise null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"kind", "query", "domain", "status", "statuses", "registrar", "created", "updated", "expires",
        "age_days", "name_servers", "dnssec", "contacts", "privacy", "parse_status", "network", "autnum", "source",
        "server", "format", "fetched", "redacted", "emails_found", "dates_found", "remarks", "raw"})
public record RegistrationRecord(String kind, String query, String domain, RegistrationStatus status,
                                 List<String> statuses, Registrar registrar, Instant created, Instant updated,
                                 Instant expires, Long ageDays, List<String> nameServers, Boolean dnssec,
                                 Contacts contacts, @JsonInclude(JsonInclude.Include.ALWAYS) boolean privacy,
                                 ParseStatus parseStatus, Network network, AutNum autnum, String source,
                                 String server, String format, Instant fetched, List<String> redacted,
                                 List<String> emailsFound, List<Instant> datesFound, List<String> remarks,
                                 String raw) {
    public RegistrationRecord {
        statuses = copy(statuses);
        nameServers = copy(nameServers);
        redacted = copy(redacted);
        emailsFound = copy(emailsFound);
        datesFound = datesFound == null ? List.of() : List.copyOf(datesFound);
        remarks = copy(remarks);
        contacts = contacts == null ? Contacts.NONE : contacts;
        if (ageDays == null && created != null && fetched != null && !fetched.isBefore(created)) {
            ageDays = Duration.between(created, fetched).toDays();
        }
    }

    private static List<String> copy(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** A new builder. */
    public static RecordBuilder builder(String kind, String query) {
        return new RecordBuilder(kind, query);
    }

    /** A builder holding this record's values, to change some. */
    public RecordBuilder toBuilder() {
        return RecordBuilder.from(this);
    }
}
