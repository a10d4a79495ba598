package io.infrapivot.source.virustotal;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceException.Kind;
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
            if ("NotFoundError".equals(code)) return Json.MAPPER.createObjectNode().set("data",
                    Json.MAPPER.createArrayNode());
            throw new ServiceException(kindOf(code), Json.excerpt((code == null ? "" : code + ": ")
                    + (Json.text(err, "message") == null ? "" : Json.text(err, "message"))));
        }
        if (!root.path("data").isArray()) throw new ServiceException(Kind.MALFORMED, "no data array in the answer");
        return root;
    }

    static Kind kindOf(String code) {
        if (code == null) return Kind.SERVER;
        return switch (code) {
            case "WrongCredentialsError", "AuthenticationRequiredError", "ForbiddenError", "UserNotActiveError" ->
                    Kind.AUTH;
            case "QuotaExceededError", "TooManyRequestsError" -> Kind.QUOTA;
            case "BadRequestError", "InvalidArgumentError", "NotAvailableYet", "UnsupportedContentQueryError" ->
                    Kind.BAD_QUERY;
            default -> Kind.SERVER;
        };
    }

    private static <T> Page<T> page(JsonNode root, List<T> items) {
        JsonNode meta = root.path("meta");
        String next = Json.text(root.path("links"), "next") == null ? null : Json.text(meta, "cursor");
        return new Page<>(items, Json.number(meta, "count"), next);
    }
}
