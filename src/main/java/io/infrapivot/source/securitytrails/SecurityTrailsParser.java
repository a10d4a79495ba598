package io.infrapivot.source.securitytrails;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SecurityTrails API v1 answers.
 * <ul>
 *   <li>{@code /history/HOST/dns/TYPE}: {@code {"type":"a/ipv4","records":[{"values":[{"ip":..}],"type":"a",
 *       "first_seen":"2019-01-01","last_seen":"2020-01-01"}],"page":1,"pages":N}}; values carry {@code ip},
 *       {@code ipv6}, {@code nameserver}, {@code host} (MX) or {@code value};</li>
 *   <li>{@code /domain/D/subdomains}: {@code {"subdomains":["www",..],"subdomain_count":N}} (labels below D);</li>
 *   <li>{@code /domains/list} and {@code /domain/D/associated}: {@code {"records":[{"hostname":..}],
 *       "record_count":N,"meta":{"total_pages":..}}}.</li>
 * </ul>
 * Errors: {@code {"message":"Invalid authentication credentials"}}, {@code {"message":"You've exceeded the usage
 * limits for your account."}}.
 */
public final class SecurityTrailsParser {
    private SecurityTrailsParser() {}

    /** DNS history of {@code host} for one record type; the next page number is {@link Page#next()}. */
    public static Page<PdnsRecord> dnsHistory(String host, String body) throws ServiceException {
        JsonNode root = checked(body, "records");
        List<PdnsRecord> out = new ArrayList<>();
        for (JsonNode r : root.get("records")) {
            String type = Json.text(r, "type");
            var first = Times.of(r, "first_seen");
            var last = Times.of(r, "last_seen");
            for (JsonNode v : r.path("values")) {
                String value = firstText(v, "ip", "ipv6", "nameserver", "host", "value", "email");
                if (value == null) continue;
                String rrtype = type == null ? null : type.equals("a") && value.contains(":") ? "AAAA" : type;
                out.add(new PdnsRecord(host, rrtype, value, first, last, null));
            }
        }
        Long page = Json.number(root, "page");
        Long pages = Json.number(root, "pages");
        String next = Page.nextNumber(page, pages);
        return new Page<>(out, null, next);
    }

    /** Subdomains of {@code domain}: the labels joined to the domain. */
    public static Page<String> subdomains(String domain, String body) throws ServiceException {
        JsonNode root = checked(body, "subdomains");
        List<String> out = new ArrayList<>();
        for (String label : Json.texts(root, "subdomains")) out.add(label + "." + domain);
        return new Page<>(out, Json.number(root, "subdomain_count"), null);
    }

    /** Domain lists ({@code /domains/list}, {@code /domain/D/associated}); the next page number is given. */
    public static Page<DomainHit> domainList(String body) throws ServiceException {
        JsonNode root = checked(body, "records");
        List<DomainHit> out = new ArrayList<>();
        for (JsonNode r : root.get("records")) {
            String h = Json.text(r, "hostname");
            if (h != null) out.add(new DomainHit(h, Times.of(r.path("whois"), "createdDate"), null));
        }
        JsonNode meta = root.path("meta");
        Long page = Json.number(meta, "page");
        Long pages = Json.number(meta, "total_pages");
        String next = Page.nextNumber(page, pages);
        return new Page<>(out, Json.number(root, "record_count"), next);
    }

    /** SecurityTrails explains in {@code message}: its documented sentences (the HTTP status is read first). */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("Invalid authentication credentials", ErrorClass.AUTH)
            .said("You've exceeded the usage limits for your account", ErrorClass.QUOTA)
            .said("API rate limit exceeded", ErrorClass.RATE_LIMITED)
            .said("This feature is not allowed on your plan", ErrorClass.AUTH);

    private static JsonNode checked(String body, String field) throws ServiceException {
        JsonNode root = Json.read(body);
        if (root.has(field) && root.get(field).isArray()) return root;
        String msg = Json.text(root, "message");
        if (msg == null) throw new ServiceException(ErrorClass.GARBAGE, "no " + field + " in the answer");
        throw new ServiceException(ERRORS.ofCode(msg), "SecurityTrails says " + Json.excerpt(msg));
    }

    private static String firstText(JsonNode v, String... fields) {
        for (String f : fields) {
            String t = Json.text(v, f);
            if (t != null) return t;
        }
        return null;
    }

    /**
     * WHOIS history ({@code /history/DOMAIN/whois?page=N}): {@code {"result":{"items":[{"started":ms,"ended":ms,
     * "createdDate":ms,"updatedDate":ms,"expiresDate":ms,"registrarName":..,"nameServers":[..],"status":[..],
     * "contact":[{"type":"registrant","name":..,"organization":..,"email":..,"telephone":..,"countryCode":..}]}],
     * "count":N},"pages":P}}. {@code started}/{@code ended} bound the time the version was current.
     */
    public static Page<HistoricRecord> whoisHistory(String domain, String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode items = root.path("result").get("items");
        if (items == null || !items.isArray()) {
            checked(body, "result");
            throw new ServiceException(ErrorClass.GARBAGE, "no result.items in the answer");
        }
        List<HistoricRecord> out = new ArrayList<>();
        for (JsonNode r : items) {
            var first = Times.of(r, "started");
            var last = Times.of(r, "ended");
            var b = HistoryMapper.builder(domain, "securitytrails", first)
                    .registrarName(Json.text(r, "registrarName"))
                    .created(Times.of(r, "createdDate")).updated(Times.of(r, "updatedDate"))
                    .expires(Times.of(r, "expiresDate"));
            Json.texts(r, "nameServers").forEach(b::nameServer);
            Json.texts(r, "status").forEach(b::addStatus);
            for (JsonNode c : r.path("contact")) {
                String type = Json.text(c, "type");
                String role = type == null ? null : type.toLowerCase(Locale.ROOT).replace("administrativecontact", "admin")
                        .replace("technicalcontact", "tech").replace("contact", "");
                if (role == null || b.contact(role) == null) continue;
                HistoryMapper.contact(b.contact(role), c, "name", "organization", "email", "telephone", "countryCode");
            }
            out.add(new HistoricRecord(b.build(), first, last));
        }
        Long page = Json.number(root, "page");
        return new Page<>(out, Json.number(root.path("result"), "count"),
                Page.nextNumber(page == null ? 1L : page, Json.number(root, "pages")));
    }
}
