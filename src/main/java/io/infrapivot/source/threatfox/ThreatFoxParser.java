package io.infrapivot.source.threatfox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * abuse.ch ThreatFox API v1 ({@code POST /api/v1/} with {@code {"query":"search_ioc","search_term":..}} or
 * {@code {"query":"search_hash","hash":..}}): {@code {"query_status":"ok","data":[{"ioc":"192.0.2.1:443",
 * "ioc_type":"ip:port","threat_type":"botnet_cc","malware":"win.cobalt_strike","malware_printable":"Cobalt Strike",
 * "confidence_level":75,"first_seen":"2021-.. UTC","last_seen":null,"reference":..,"reporter":..,"tags":[..]}]}}.
 * {@code no_result} (with {@code data} a sentence) is an empty answer; {@code illegal_search_term},
 * {@code illegal_hash}, {@code unknown_query} a refused query; {@code unknown_auth_key} a wrong Auth-Key.
 */
public final class ThreatFoxParser {
    private ThreatFoxParser() {}

    static final int MAX_TAGS = 20;

    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("unknown_auth_key", ErrorClass.AUTH)
            .saidStarting("illegal_", ErrorClass.BAD_REQUEST)
            .said("unknown_query", ErrorClass.BAD_REQUEST)
            .said("no_result", ErrorClass.NOT_FOUND)
            .said("no_results", ErrorClass.NOT_FOUND);

    /** One IOC entry: the IOC text and type, and its verdict. */
    public record Ioc(String ioc, String type, ObjectNode verdict) {}

    public static List<Ioc> parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        String status = Json.text(root, "query_status");
        if (status == null) throw new ServiceException(ErrorClass.GARBAGE, "no query_status in the answer");
        if (!status.equals("ok")) {
            ErrorClass c = ERRORS.ofCode(status);
            if (c == ErrorClass.NOT_FOUND) return List.of();
            throw new ServiceException(c, "ThreatFox says " + Json.excerpt(status));
        }
        if (!root.path("data").isArray()) throw new ServiceException(ErrorClass.GARBAGE, "no data array in the answer");
        List<Ioc> out = new ArrayList<>();
        for (JsonNode d : root.path("data")) {
            String ioc = Json.text(d, "ioc");
            if (ioc == null) continue;
            var first = Times.of(d, "first_seen");
            var last = Times.of(d, "last_seen");
            Long conf = Json.number(d, "confidence_level");
            ObjectNode v = Verdicts.confidence(conf == null ? 0 : Math.max(0, Math.min(100, conf)), 100,
                    last != null ? last : first);
            put(v, "ioc", Json.text(d, "ioc"));
            put(v, "threat_type", Json.text(d, "threat_type"));
            String malware = Json.text(d, "malware_printable");
            put(v, "malware", malware != null ? malware : Json.text(d, "malware"));
            if (first != null) v.put("first_seen", first.toString());
            List<String> tags = new ArrayList<>();
            d.path("tags").forEach(t -> {
                if (t.isTextual() && tags.size() < MAX_TAGS) tags.add(Safe.truncate(t.asText(), 100));
            });
            Verdicts.texts(v, "tags", tags);
            put(v, "reference", Json.text(d, "reference"));
            put(v, "id", Json.text(d, "id"));
            out.add(new Ioc(ioc, Json.text(d, "ioc_type"), v));
        }
        return out;
    }

    /** Reads an error body and throws what its {@code query_status} says. */
    public static void error(String body) throws ServiceException {
        parse(body);
    }

    private static void put(ObjectNode v, String field, String text) {
        if (text != null) v.put(field, Safe.truncate(text, 300));
    }
}
