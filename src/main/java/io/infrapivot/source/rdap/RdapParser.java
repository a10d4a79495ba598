package io.infrapivot.source.rdap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.infrapivot.source.registration.AutNum;
import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.Network;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import io.infrapivot.source.whois.Ranges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads RDAP JSON (RFC 9083) into a {@link RegistrationRecord}: events, status, nameservers, secureDNS, entities
 * by role with their jCard and nested entities, the registrar's IANA ID from publicIds, remarks and notices, IP
 * networks (start/end, cidr0_cidrs, name, type, country, parentHandle), autnum ranges, and redaction (RFC 9537
 * {@code redacted} members and the common placeholder texts). Pure; errors (RFC 9083 error objects, 404) become
 * {@code available}, 429 becomes {@code throttled}.
 */
public final class RdapParser {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final int MAX_DEPTH = 6;

    private RdapParser() {}

    /**
     * Parses one RDAP answer.
     *
     * @param json     the body
     * @param httpCode the HTTP status (0 offline)
     * @param server   the base URL or host that answered, or null
     * @param query    what was asked
     * @param fetched  when it arrived
     * @throws IllegalArgumentException when the body is not JSON or not an RDAP object
     */
    public static RegistrationRecord parse(String json, int httpCode, String server, String query, Instant fetched) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not an RDAP object");
        String cls = root.path("objectClassName").asText("");
        RecordBuilder b = RegistrationRecord.builder(kind(cls, query), query).source("rdap").server(server)
                .format("rdap").fetched(fetched);
        int code = root.has("errorCode") ? root.path("errorCode").asInt(httpCode) : httpCode;
        if (cls.isEmpty() && (code == 404 || code == 429 || root.has("errorCode"))) {
            b.status(code == 429 ? RegistrationStatus.THROTTLED : code == 404 ? RegistrationStatus.AVAILABLE
                    : RegistrationStatus.UNKNOWN);
            String title = root.path("title").asText("");
            String first = root.path("description").path(0).asText("");
            b.remark((title + (title.isEmpty() || first.isEmpty() ? "" : ": ") + first).strip());
            return b.build();
        }
        if (cls.isEmpty()) throw new IllegalArgumentException("not an RDAP object (no objectClassName)");
        switch (cls) {
            case "domain" -> domain(b, root);
            case "ip network" -> network(b, root, server);
            case "autnum" -> autnum(b, root, server);
            case "nameserver" -> b.domain(root.path("ldhName").asText(null));
            default -> { }
        }
        common(b, root);
        return b.build();
    }

    /** The href of the first {@code related} link with an RDAP media type (the registrar's answer), or null. */
    public static String relatedLink(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            for (JsonNode l : root.path("links")) {
                String type = l.path("type").asText("application/rdap+json");
                if ("related".equals(l.path("rel").asText()) && type.contains("rdap") && l.hasNonNull("href")) {
                    return l.get("href").asText();
                }
            }
        } catch (JsonProcessingException e) {
            return null;
        }
        return null;
    }

    private static void domain(RecordBuilder b, JsonNode root) {
        b.domain(root.path("ldhName").asText(null));
        for (JsonNode ns : root.path("nameservers")) b.nameServer(ns.path("ldhName").asText(null));
        JsonNode sec = root.path("secureDNS");
        if (sec.has("delegationSigned")) b.dnssec(sec.get("delegationSigned").asBoolean());
        else if (sec.has("dsData") || sec.has("keyData")) b.dnssec(Boolean.TRUE);
    }

    private static void network(RecordBuilder b, JsonNode root, String server) {
        String start = root.path("startAddress").asText(null);
        String end = root.path("endAddress").asText(null);
        List<String> cidrs = new ArrayList<>();
        for (JsonNode c : root.path("cidr0_cidrs")) {
            String prefix = c.has("v4prefix") ? c.get("v4prefix").asText() : c.path("v6prefix").asText(null);
            if (prefix != null && c.has("length")) cidrs.add(prefix + "/" + c.get("length").asInt());
        }
        if (cidrs.isEmpty() && start != null && end != null) {
            Ranges.Range r = Ranges.span(start, end);
            if (r != null) cidrs.addAll(r.cidrs());
        }
        b.network(new Network(start, end, cidrs, text(root, "name"), text(root, "handle"),
                holderName(root), text(root, "country"), rir(root, server), text(root, "type"),
                text(root, "parentHandle")));
    }

    private static void autnum(RecordBuilder b, JsonNode root, String server) {
        Long start = root.hasNonNull("startAutnum") ? root.get("startAutnum").asLong() : null;
        Long end = root.hasNonNull("endAutnum") ? root.get("endAutnum").asLong() : null;
        if (end != null && end.equals(start)) end = null;
        b.autnum(new AutNum(start, end, text(root, "name"), text(root, "handle"), holderName(root),
                text(root, "country"), rir(root, server)));
    }

    private static void common(RecordBuilder b, JsonNode root) {
        for (JsonNode s : root.path("status")) b.addStatus(s.asText());
        events(b, root.path("events"));
        for (JsonNode e : root.path("entities")) entity(b, e, null, 0);
        for (JsonNode r : root.path("redacted")) {
            String name = r.path("name").path("type").asText(r.path("name").path("description").asText(null));
            b.redacted(name);
            if (name != null && name.toLowerCase(Locale.ROOT).contains("registrant")) b.privacy(true);
        }
        remarks(b, root);
        String port43 = text(root, "port43");
        if (port43 != null) b.remark("port43 " + port43);
    }

    private static void events(RecordBuilder b, JsonNode events) {
        for (JsonNode e : events) {
            Instant at = RegistrationDates.parse(e.path("eventDate").asText(null));
            switch (e.path("eventAction").asText("")) {
                case "registration" -> b.created(at);
                case "expiration" -> b.expires(at);
                case "last changed" -> b.updated(at);
                case "transfer" -> b.remark("transfer " + e.path("eventDate").asText());
                default -> { }
            }
        }
    }

    /**
     * One entity and its nested entities (at most {@value #MAX_DEPTH} levels: answers are attacker-controlled);
     * {@code parentRole} is the role of the enclosing entity, or null.
     */
    private static void entity(RecordBuilder b, JsonNode e, String parentRole, int depth) {
        if (depth > MAX_DEPTH) return;
        List<String> roles = new ArrayList<>();
        e.path("roles").forEach(r -> roles.add(r.asText().toLowerCase(Locale.ROOT)));
        if (roles.contains("registrar")) registrar(b, e);
        for (String role : roles) {
            String mapped = switch (role) {
                case "registrant" -> "registrant";
                case "administrative" -> "admin";
                case "technical", "noc" -> "tech";
                case "billing" -> "billing";
                case "abuse" -> "abuse";
                default -> null;
            };
            if (mapped == null) continue;
            if (mapped.equals("abuse") && "registrar".equals(parentRole)) {
                ContactBuilder tmp = new ContactBuilder();
                JCard.fill(tmp, e.get("vcardArray"));
                var c = tmp.build();
                if (c != null) {
                    b.abuseEmail(c.email());
                    b.abusePhone(c.phone());
                }
                continue;
            }
            ContactBuilder c = b.contact(mapped);
            String kind = JCard.fill(c, e.get("vcardArray"));
            c.handle(text(e, "handle"));
            if ("org".equalsIgnoreCase(kind)) {
                var built = c.build();
                if (built != null && built.organization() == null) c.organization(built.name());
            }
        }
        String role = roles.contains("registrar") ? "registrar" : roles.isEmpty() ? parentRole : roles.get(0);
        for (JsonNode nested : e.path("entities")) entity(b, nested, role, depth + 1);
    }

    private static void registrar(RecordBuilder b, JsonNode e) {
        ContactBuilder tmp = new ContactBuilder();
        JCard.fill(tmp, e.get("vcardArray"));
        var c = tmp.build();
        if (c != null) b.registrarName(c.organization() != null && c.name() == null ? c.organization() : c.name());
        for (JsonNode id : e.path("publicIds")) {
            if (id.path("type").asText("").toLowerCase(Locale.ROOT).contains("iana")) {
                b.ianaId(id.path("identifier").asText(null));
            }
        }
        for (JsonNode l : e.path("links")) {
            if ("about".equals(l.path("rel").asText()) || "text/html".equals(l.path("type").asText())) {
                b.registrarUrl(l.path("href").asText(null));
            }
        }
    }

    /** Name of the registrant entity (the holder of a network or ASN), or null. */
    private static String holderName(JsonNode root) {
        for (JsonNode e : root.path("entities")) {
            for (JsonNode r : e.path("roles")) {
                if ("registrant".equals(r.asText())) {
                    ContactBuilder tmp = new ContactBuilder();
                    JCard.fill(tmp, e.get("vcardArray"));
                    var c = tmp.build();
                    if (c != null) return c.organization() != null ? c.organization() : c.name();
                }
            }
        }
        return null;
    }

    private static void remarks(RecordBuilder b, JsonNode root) {
        for (String member : List.of("remarks", "notices")) {
            for (JsonNode n : root.path(member)) {
                String title = n.path("title").asText("");
                JsonNode d = n.path("description");
                String first = d.isArray() && !d.isEmpty() ? d.get(0).asText("") : "";
                String text = (title + (title.isEmpty() || first.isEmpty() ? "" : ": ") + first).strip();
                if (!text.isEmpty()) b.remark(text.length() > 300 ? text.substring(0, 300) : text);
            }
        }
    }

    private static String rir(JsonNode root, String server) {
        String s = (text(root, "port43") + " " + server).toLowerCase(Locale.ROOT);
        for (String r : List.of("arin", "ripe", "apnic", "lacnic", "afrinic")) if (s.contains(r)) return r;
        return null;
    }

    private static String kind(String cls, String query) {
        return switch (cls) {
            case "ip network" -> "ip";
            case "autnum" -> "asn";
            case "nameserver" -> "nameserver";
            case "entity" -> "entity";
            case "domain" -> "domain";
            default -> query != null && query.matches("(?i)(as)?\\d+") ? "asn"
                    : query != null && (query.contains(":") || query.matches("[0-9./]+")) ? "ip" : "domain";
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
