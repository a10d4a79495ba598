package io.infrapivot.source.domaintools;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.ParseStatus;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * DomainTools Iris Investigate ({@code /v1/iris-investigate/?domain=D}): {@code response.results[]}, each field a
 * {@code {"value":..,"count":N}} pair where {@code count} is how many domains share the value (the pivot count).
 */
public final class IrisParser {
    private IrisParser() {}

    /** A value and how many domains Iris says share it. */
    public record Shared(String value, Long pivotCount) {}

    /**
     * One domain's profile.
     *
     * @param registration the current registration (registrar, dates, contacts, name servers)
     * @param ips          addresses it resolves to
     * @param mx           mail servers
     * @param nameServers  name servers
     * @param analytics    Google Analytics IDs
     * @param sslSha1      SHA-1 fingerprints of the certificates seen on it
     */
    public record Profile(String domain, RegistrationRecord registration, List<Shared> ips, List<Shared> mx,
                          List<Shared> nameServers, List<Shared> analytics, List<Shared> sslSha1) {}

    /**
     * One page of a search: the profiles, whether more exist ({@code has_more_results}), the {@code position}
     * to ask for the next page, and {@code total_count} when given.
     */
    public record SearchPage(List<Profile> profiles, boolean more, String position, Long total) {}

    public static SearchPage search(String body, Instant now) throws ServiceException {
        JsonNode response = DomainToolsParser.response(body);
        return new SearchPage(profiles(response, now), response.path("has_more_results").asBoolean(false),
                Json.text(response, "position"), Json.number(response, "total_count"));
    }

    public static List<Profile> parse(String body, Instant now) throws ServiceException {
        return profiles(DomainToolsParser.response(body), now);
    }

    private static List<Profile> profiles(JsonNode response, Instant now) {
        List<Profile> out = new ArrayList<>();
        for (JsonNode r : response.path("results")) {
            String domain = Json.text(r, "domain");
            if (domain == null) continue;
            RecordBuilder b = RegistrationRecord.builder("domain", domain).domain(domain).source("domaintools")
                    .format("domaintools-iris").fetched(now).parseStatus(ParseStatus.FULL)
                    .registrarName(value(r.path("registrar")))
                    .created(Times.parse(value(r.path("create_date"))))
                    .expires(Times.parse(value(r.path("expiration_date"))));
            List<Shared> ns = shared(r.path("name_server"), "host");
            ns.forEach(s -> b.nameServer(s.value()));
            contact(b.registrant(), r.path("registrant_contact"));
            contact(b.admin(), r.path("admin_contact"));
            contact(b.tech(), r.path("technical_contact"));
            contact(b.billing(), r.path("billing_contact"));
            List<Shared> analytics = new ArrayList<>();
            Shared ga = one(r.path("google_analytics"));
            if (ga != null) analytics.add(ga);
            out.add(new Profile(domain, b.build(), shared(r.path("ip"), "address"), shared(r.path("mx"), "host"), ns,
                    analytics, shared(r.path("ssl_info"), "hash")));
        }
        return out;
    }

    private static void contact(ContactBuilder c, JsonNode o) {
        c.name(value(o.path("name"))).organization(value(o.path("org"))).phone(value(o.path("phone")))
                .country(value(o.path("country")));
        JsonNode emails = o.path("email");
        if (emails.isArray() && !emails.isEmpty()) c.email(value(emails.get(0)));
    }

    private static String value(JsonNode pair) {
        return Json.text(pair, "value");
    }

    private static Shared one(JsonNode pair) {
        String v = value(pair);
        return v == null ? null : new Shared(v, Json.number(pair, "count"));
    }

    /** {@code [{"<field>":{"value","count"}},..]} as shared values. */
    private static List<Shared> shared(JsonNode list, String field) {
        List<Shared> out = new ArrayList<>();
        for (JsonNode e : list) {
            Shared s = one(e.path(field));
            if (s != null) out.add(s);
        }
        return out;
    }
}
