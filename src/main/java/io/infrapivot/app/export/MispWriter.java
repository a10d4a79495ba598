package io.infrapivot.app.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * {@code misp}: one event in the MISP core format ({@code {"Event": …}}), streamed: an attribute per
 * indicator (type and category per {@link Misp#attributeType}; first/last seen; a noise mark becomes an
 * {@code infrapivot:noise} tag and {@code to_ids} false), then an object per link that a template fits
 * ({@code domain-ip} or, with dates, {@code passive-dns}; {@code dns-record}; {@code whois}; {@code asn};
 * {@code x509}), each with a reference (type from MISP's relationship list) to the linked indicator's
 * attribute. Links no template fits are in the other formats only (docs/export.md).
 */
final class MispWriter implements GraphWriter {
    private final JsonGenerator g;
    private boolean objectsOpen;

    MispWriter(OutputStream out) {
        try {
            g = Texts.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    static String attributeUuid(Indicator i) {
        return Misp.uuid("attribute " + i.key()).toString();
    }

    @Override
    public void begin(ExportHeader h) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("Event");
        g.writeStringField("uuid", Misp.uuid("event " + h.info().name() + " " + h.info().created()).toString());
        g.writeStringField("info", "infrapivot case " + h.info().name());
        g.writeStringField("date", h.info().created().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        g.writeStringField("threat_level_id", "4");
        g.writeStringField("analysis", "2");
        g.writeStringField("distribution", "0");
        g.writeBooleanField("published", false);
        g.writeStringField("timestamp", Long.toString(h.exportedAt().getEpochSecond()));
        g.writeObjectFieldStart("Orgc");
        g.writeStringField("name", "infrapivot");
        g.writeEndObject();
        g.writeArrayFieldStart("Tag");
        g.writeStartObject();
        g.writeStringField("name", "tlp:" + h.options().tlp());
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("Attribute");
    }

    @Override
    public void node(Node n) throws IOException {
        Indicator i = n.indicator();
        Misp.AttributeType t = Misp.attributeType(i, n.relationsIn);
        ObjectNode a = Texts.MAPPER.createObjectNode();
        a.put("uuid", attributeUuid(i));
        a.put("type", t.type());
        a.put("category", t.category());
        a.put("value", Misp.value(i));
        a.put("to_ids", t.ids() && !n.marked());
        a.put("distribution", "5");
        a.put("comment", (n.seed() ? "seed; " : "") + "sources: " + String.join(", ", n.sources()));
        if (n.firstSeen() != null) a.put("first_seen", time(n.firstSeen()));
        if (n.lastSeen() != null) a.put("last_seen", time(n.lastSeen()));
        ArrayNode tags = Texts.MAPPER.createArrayNode();
        tags.addObject().put("name", "infrapivot:type=\"" + i.type().id() + "\"");
        for (Node.Mark m : n.marks()) tags.addObject().put("name", "infrapivot:noise=\"" + m.rule() + "\"");
        a.set("Tag", tags);
        g.writeTree(a);
    }

    @Override
    public void fact(ExportFact f) throws IOException {
        if (!f.isLink()) return;
        ObjectNode o = object(f);
        if (o == null) return;
        if (!objectsOpen) {
            g.writeEndArray();
            g.writeArrayFieldStart("Object");
            objectsOpen = true;
        }
        g.writeTree(o);
    }

    /** The object a link is written as, or null when no template fits it. */
    static ObjectNode object(ExportFact f) {
        Indicator s = f.subject().indicator();
        Indicator t = f.object().indicator();
        boolean name = s.type() == IndicatorType.DOMAIN || s.type() == IndicatorType.HOST;
        ObjectNode o = Texts.MAPPER.createObjectNode();
        ArrayNode attrs = Texts.MAPPER.createArrayNode();
        Misp.Template template;
        switch (f.relation()) {
            case RESOLVES_TO -> {
                if (!name || t.type() != IndicatorType.IP) return null;
                if (f.firstSeen() != null) {
                    template = Misp.PASSIVE_DNS;
                    attr(attrs, "rrname", "text", s.value());
                    attr(attrs, "rrtype", "text", t.value().contains(":") ? "AAAA" : "A");
                    attr(attrs, "rdata", "text", t.value());
                    attr(attrs, "time_first", "datetime", time(f.firstSeen()));
                    if (f.lastSeen() != null) attr(attrs, "time_last", "datetime", time(f.lastSeen()));
                    if (f.count() != null) attr(attrs, "count", "counter", f.count().toString());
                } else {
                    template = Misp.DOMAIN_IP;
                    if (s.type() == IndicatorType.DOMAIN) attr(attrs, "domain", "domain", s.value());
                    else attr(attrs, "hostname", "hostname", s.value());
                    attr(attrs, "ip", "ip-dst", t.value());
                }
            }
            case ALIAS_OF, NAME_SERVER, MAIL_SERVER, SOA_PRIMARY, SERVICE_HOST, PTR -> {
                boolean ptr = f.relation() == io.infrapivot.model.Relation.PTR;
                if (ptr ? s.type() != IndicatorType.IP || !isName(t) : !name || !isName(t)) return null;
                template = Misp.DNS_RECORD;
                attr(attrs, "queried-domain", "domain", ptr ? arpa(s.value()) : s.value());
                String rel = switch (f.relation()) {
                    case ALIAS_OF -> "cname-record";
                    case NAME_SERVER -> "ns-record";
                    case MAIL_SERVER -> "mx-record";
                    case SOA_PRIMARY -> "soa-record";
                    case SERVICE_HOST -> "srv-record";
                    default -> "ptr-record";
                };
                attr(attrs, rel, "domain", t.value());
            }
            case REGISTRAR, REGISTRANT_EMAIL, REGISTRANT_NAME, REGISTRANT_ORG, REGISTRANT_PHONE -> {
                if (!name) return null;
                template = Misp.WHOIS;
                attr(attrs, "domain", "domain", s.value());
                switch (f.relation()) {
                    case REGISTRAR -> attr(attrs, "registrar", "whois-registrar", t.value());
                    case REGISTRANT_EMAIL -> attr(attrs, "registrant-email", "whois-registrant-email", t.value());
                    case REGISTRANT_NAME -> attr(attrs, "registrant-name", "whois-registrant-name", t.value());
                    case REGISTRANT_ORG -> attr(attrs, "registrant-org", "whois-registrant-org", t.value());
                    default -> attr(attrs, "registrant-phone", "whois-registrant-phone", t.value());
                }
            }
            case ANNOUNCED_BY -> {
                if (t.type() != IndicatorType.ASN || (s.type() != IndicatorType.IP && s.type() != IndicatorType.CIDR)) {
                    return null;
                }
                template = Misp.ASN;
                attr(attrs, "asn", "AS", Misp.value(t));
                attr(attrs, "subnet-announced", "ip-src", s.value());
            }
            case CERT_NAME -> {
                if (s.type() != IndicatorType.CERT || !isName(t)) return null;
                template = Misp.X509;
                String v = s.value();
                if (v.length() == 64) attr(attrs, "x509-fingerprint-sha256", "x509-fingerprint-sha256", v);
                else if (v.length() == 40) attr(attrs, "x509-fingerprint-sha1", "x509-fingerprint-sha1", v);
                else {
                    int semi = v.indexOf(';');
                    attr(attrs, "serial-number", "text", semi < 0 ? v.substring(7) : v.substring(7, semi));
                    String issuer = Stix.certIssuer(v);
                    if (issuer != null) attr(attrs, "issuer", "text", issuer);
                }
                attr(attrs, "dns_names", "hostname", t.value());
            }
            default -> {
                return null;
            }
        }
        String uuid = Misp.uuid("object " + f.id() + " " + s.key() + " " + f.relation().id() + " " + t.key()).toString();
        o.put("name", template.name());
        o.put("meta-category", "network");
        o.put("template_uuid", template.uuid());
        o.put("template_version", Integer.toString(template.version()));
        o.put("uuid", uuid);
        o.put("distribution", "5");
        o.put("comment", "infrapivot " + f.relation().id() + "; sources: " + String.join(", ", f.sources()));
        if (f.firstSeen() != null) o.put("first_seen", time(f.firstSeen()));
        if (f.lastSeen() != null) o.put("last_seen", time(f.lastSeen()));
        for (var a : attrs) {
            ((ObjectNode) a).put("uuid", Misp.uuid("object-attribute " + uuid + " " + a.path("object_relation").asText()
                    + " " + a.path("value").asText()).toString());
        }
        o.set("Attribute", attrs);
        ArrayNode refs = o.putArray("ObjectReference");
        ObjectNode r = refs.addObject();
        r.put("uuid", Misp.uuid("reference " + uuid).toString());
        r.put("object_uuid", uuid);
        r.put("referenced_uuid", attributeUuid(t));
        r.put("relationship_type", Misp.relationship(f.relation()));
        r.put("comment", f.relation().id());
        return o;
    }

    private static boolean isName(Indicator i) {
        return i.type() == IndicatorType.DOMAIN || i.type() == IndicatorType.HOST;
    }

    private static void attr(ArrayNode attrs, String relation, String type, String value) {
        ObjectNode a = attrs.addObject();
        a.put("object_relation", relation);
        a.put("type", type);
        a.put("category", type.startsWith("whois") ? "Attribution" : "Network activity");
        a.put("value", value);
        a.put("to_ids", false);
        a.put("distribution", "5");
    }

    /** The reverse-DNS name of an IP address (in-addr.arpa or ip6.arpa). */
    static String arpa(String ip) {
        if (!ip.contains(":")) {
            String[] p = ip.split("\\.");
            return p[3] + "." + p[2] + "." + p[1] + "." + p[0] + ".in-addr.arpa";
        }
        String hex = new inet.ipaddr.IPAddressString(ip).getAddress().toFullString().replace(":", "");
        StringBuilder b = new StringBuilder();
        for (int k = hex.length() - 1; k >= 0; k--) b.append(hex.charAt(k)).append('.');
        return b.append("ip6.arpa").toString();
    }

    @Override
    public void end() throws IOException {
        g.writeEndArray();
        if (!objectsOpen) {
            g.writeArrayFieldStart("Object");
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    /** MISP's datetime form: ISO 8601 with microseconds and an offset. */
    static String time(Instant i) {
        return i.atOffset(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
    }
}
