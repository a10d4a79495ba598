package io.infrapivot.source.ripestat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.routing.HostingAsns;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * RIPEstat Data API answers ({@code /data/<call>/data.json}). Every answer is an envelope
 * {@code {"status": "ok"|"error", "status_code": 200, "messages": [["info"|"warning"|"error", text]], "data": {...}}};
 * a refusal says {@code "status": "error"} with its own {@code status_code} (400 bad resource, 429 too many
 * requests, 500 ...) and its reason among the {@code messages}. Pure; every value is capped and checked.
 */
public final class RipeStatParser {
    private RipeStatParser() {}

    /** {@code network-info}: the routed prefix holding an IP and its origin ASNs. */
    public record NetworkInfo(String prefix, List<Long> asns) {}

    /** An origin AS with its holder name ({@code prefix-overview}). */
    public record Holder(long asn, String holder) {}

    /** {@code prefix-overview}: whether the prefix is announced, by which ASNs, in which registry block. */
    public record PrefixOverview(String resource, boolean announced, List<Holder> asns, String block, String blockDesc) {}

    /** {@code as-overview}: the AS's holder and whether it is announced. */
    public record AsOverview(long asn, String holder, boolean announced) {}

    /** One prefix seen announced from {@code firstSeen} to {@code lastSeen} (by one origin). */
    public record Seen(String prefix, long origin, Instant firstSeen, Instant lastSeen) {}

    /** The envelope's {@code data}, after checking its {@code status}. */
    public static JsonNode data(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        if (!root.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "not a RIPEstat answer");
        String status = Json.text(root, "status");
        if (!"ok".equalsIgnoreCase(status)) {
            Long code = Json.number(root, "status_code");
            ErrorClass c = code == null ? null : ERRORS.ofStatus(code.intValue());
            throw new ServiceException(c == null ? ErrorClass.SERVER : c, "RIPEstat says " + (status == null
                    ? "no status" : Json.excerpt(status)) + (code == null ? "" : " " + code) + said(root));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "an answer without data");
        return data;
    }

    /** The service's error messages, for an error text. */
    private static String said(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            if (m.isArray() && m.size() >= 2 && "error".equalsIgnoreCase(m.get(0).asText())) {
                out.add(Json.excerpt(m.get(1).asText()));
            }
        }
        return out.isEmpty() ? "" : ": " + String.join("; ", out);
    }

    /**
     * RIPEstat's statuses: a 429 or a 503 without Retry-After is its rate limit (it asks for fewer parallel
     * queries), 404 an unknown data call; in-body {@code status_code}s read the same table.
     */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD;

    public static NetworkInfo networkInfo(String body) throws ServiceException {
        JsonNode d = data(body);
        String prefix = Json.text(d, "prefix");
        List<Long> asns = new ArrayList<>();
        for (String a : Json.texts(d, "asns")) {
            Long n = HostingAsns.number(a);
            if (n != null && asns.size() < 32) asns.add(n);
        }
        return new NetworkInfo(prefix, asns);
    }

    public static PrefixOverview prefixOverview(String body) throws ServiceException {
        JsonNode d = data(body);
        List<Holder> asns = new ArrayList<>();
        for (JsonNode a : d.path("asns")) {
            Long n = HostingAsns.number(Json.text(a, "asn"));
            if (n != null && asns.size() < 32) asns.add(new Holder(n, Json.text(a, "holder")));
        }
        JsonNode block = d.path("block");
        return new PrefixOverview(Json.text(d, "resource"), d.path("announced").asBoolean(false), asns,
                Json.text(block, "resource"), Json.text(block, "desc"));
    }

    public static AsOverview asOverview(String body) throws ServiceException {
        JsonNode d = data(body);
        Long n = HostingAsns.number(Json.text(d, "resource"));
        if (n == null) throw new ServiceException(ErrorClass.GARBAGE, "as-overview without an AS number");
        return new AsOverview(n, Json.text(d, "holder"), d.path("announced").asBoolean(false));
    }

    /** {@code announced-prefixes}: each prefix with the span of its timelines. */
    public static List<Seen> announcedPrefixes(String body, long asn) throws ServiceException {
        JsonNode d = data(body);
        List<Seen> out = new ArrayList<>();
        for (JsonNode p : d.path("prefixes")) {
            String prefix = Json.text(p, "prefix");
            if (prefix != null) out.add(span(prefix, asn, p.path("timelines")));
        }
        return out;
    }

    /** {@code routing-history}: each (origin, prefix) with the span of its timelines; newest end first. */
    public static List<Seen> routingHistory(String body) throws ServiceException {
        JsonNode d = data(body);
        List<Seen> out = new ArrayList<>();
        for (JsonNode o : d.path("by_origin")) {
            Long origin = HostingAsns.number(Json.text(o, "origin"));
            if (origin == null) continue; // an AS set or a first-hop pair: not one origin
            for (JsonNode p : o.path("prefixes")) {
                String prefix = Json.text(p, "prefix");
                if (prefix != null) out.add(span(prefix, origin, p.path("timelines")));
            }
        }
        out.sort((a, b) -> compare(b.lastSeen(), a.lastSeen()));
        return out;
    }

    private static int compare(Instant a, Instant b) {
        if (a == null) return b == null ? 0 : -1;
        return b == null ? 1 : a.compareTo(b);
    }

    private static Seen span(String prefix, long origin, JsonNode timelines) {
        Instant first = null;
        Instant last = null;
        for (JsonNode t : timelines) {
            Instant s = Times.parse(Json.text(t, "starttime"));
            Instant e = Times.parse(Json.text(t, "endtime"));
            if (s != null && (first == null || s.isBefore(first))) first = s;
            if (e != null && (last == null || e.isAfter(last))) last = e;
        }
        return new Seen(prefix, origin, first, last);
    }
}
