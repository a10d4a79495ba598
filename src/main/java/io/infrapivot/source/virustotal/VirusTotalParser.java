package io.infrapivot.source.virustotal;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * VirusTotal API v3 relationship collections (JSON:API): {@code {"data":[{"type":..,"id":..,"attributes":{..}}],
 * "meta":{"count":N,"cursor":".."},"links":{"self":..,"next":..}}}. The next page is asked with
 * {@code cursor=meta.cursor} on our own base URL ({@code links.next} is never followed: it names a host, and the
 * key must go to the configured one only).
 * Errors: {@code {"error":{"code":"WrongCredentialsError","message":".."}}}; {@code NotFoundError} (an
 * object VirusTotal has never seen) reads as an empty collection.
 */
public final class VirusTotalParser {
    private VirusTotalParser() {}

    /** {@code /domains/D/resolutions} and {@code /ip_addresses/IP/resolutions}: objects of type "resolution". */
    public static Page<PdnsRecord> resolutions(String body) throws ServiceException {
        JsonNode root = envelope(body);
        List<PdnsRecord> out = new ArrayList<>();
        for (JsonNode o : root.path("data")) {
            JsonNode a = o.path("attributes");
            String host = Json.text(a, "host_name");
            String ip = Json.text(a, "ip_address");
            if (host == null || ip == null) continue;
            var date = Times.of(a, "date");
            out.add(PdnsRecord.address(host, ip, date, date, null));
        }
        return page(root, out);
    }

    /** {@code /domains/D/subdomains} and {@code /domains/D/siblings}: domain objects, the name is the id. */
    public static Page<String> names(String body) throws ServiceException {
        JsonNode root = envelope(body);
        List<String> out = new ArrayList<>();
        for (JsonNode o : root.path("data")) {
            String id = Json.text(o, "id");
            if (id != null && "domain".equals(Json.text(o, "type"))) out.add(id);
        }
        return page(root, out);
    }

    /** The envelope of any v3 answer: its error object thrown, its data checked. */
    public static JsonNode envelope(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode err = root.get("error");
        if (err != null && err.isObject()) {
            String code = Json.text(err, "code");
            if (ERRORS.ofCode(code) == ErrorClass.NOT_FOUND) return Json.MAPPER.createObjectNode().set("data",
                    Json.MAPPER.createArrayNode());
            throw new ServiceException(ERRORS.ofCode(code), Json.excerpt((code == null ? "" : code + ": ")
                    + (Json.text(err, "message") == null ? "" : Json.text(err, "message"))));
        }
        if (!root.path("data").isArray()) throw new ServiceException(ErrorClass.GARBAGE, "no data array in the answer");
        return root;
    }

    /** VirusTotal v3's documented error codes (the {@code error.code} of any answer). */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty()
            .said("WrongCredentialsError", ErrorClass.AUTH).said("AuthenticationRequiredError", ErrorClass.AUTH)
            .said("ForbiddenError", ErrorClass.AUTH).said("UserNotActiveError", ErrorClass.AUTH)
            .said("QuotaExceededError", ErrorClass.QUOTA).said("TooManyRequestsError", ErrorClass.RATE_LIMITED)
            .said("BadRequestError", ErrorClass.BAD_REQUEST).said("InvalidArgumentError", ErrorClass.BAD_REQUEST)
            .said("NotAvailableYet", ErrorClass.BAD_REQUEST)
            .said("UnsupportedContentQueryError", ErrorClass.BAD_REQUEST)
            .said("NotFoundError", ErrorClass.NOT_FOUND);

    private static <T> Page<T> page(JsonNode root, List<T> items) {
        JsonNode meta = root.path("meta");
        String next = Json.text(root.path("links"), "next") == null ? null : Json.text(meta, "cursor");
        return new Page<>(items, Json.number(meta, "count"), next);
    }

    /**
     * {@code /domains/D/historical_whois}: objects of type "whois" with {@code attributes.first_seen_date},
     * {@code last_updated}, {@code registrar_name} and {@code whois_map} (the WHOIS text's key/value pairs:
     * "Registrant Email", "Creation Date", "Name Server" ...).
     */
    public static Page<HistoricRecord> historicalWhois(String domain, String body) throws ServiceException {
        JsonNode root = envelope(body);
        List<HistoricRecord> out = new ArrayList<>();
        for (JsonNode o : root.path("data")) {
            JsonNode a = o.path("attributes");
            JsonNode m = a.path("whois_map");
            var first = Times.of(a, "first_seen_date");
            var last = Times.of(a, "last_updated");
            String registrar = Json.text(a, "registrar_name");
            var b = HistoryMapper.builder(domain, "virustotal", first)
                    .registrarName(registrar != null ? registrar : Json.text(m, "Registrar"))
                    .created(Times.of(m, "Creation Date")).updated(Times.of(m, "Updated Date"))
                    .expires(Times.of(m, "Registry Expiry Date"));
            Json.texts(m, "Name Server").forEach(ns -> java.util.Arrays.stream(ns.split("\\|")).forEach(b::nameServer));
            for (String role : List.of("Registrant", "Admin", "Tech")) {
                var c = b.contact(role.toLowerCase(java.util.Locale.ROOT));
                c.name(Json.text(m, role + " Name")).organization(Json.text(m, role + " Organization"))
                        .email(Json.text(m, role + " Email")).phone(Json.text(m, role + " Phone"))
                        .country(Json.text(m, role + " Country"));
            }
            out.add(new HistoricRecord(b.build(), first, last));
        }
        return new Page<>(out, Json.number(root.path("meta"), "count"), null);
    }
}
