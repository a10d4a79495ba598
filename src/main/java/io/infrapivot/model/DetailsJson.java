package io.infrapivot.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** Turns parser results into the flat snake_case JSON documented in docs/indicators.md. */
public final class DetailsJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DetailsJson() {}

    /** {@code input, type, value, display, notes} and the details' fields. */
    public static ObjectNode of(ParsedIndicator p, String input) {
        ObjectNode o = F.objectNode();
        if (input != null) o.put("input", input);
        o.put("type", p.type().id());
        o.put("value", p.value());
        o.put("display", p.display());
        o.set("notes", strings(p.notes()));
        details(o, p.details());
        return o;
    }

    /** Writes the fields of {@code d} into {@code o}. */
    public static void details(ObjectNode o, Details d) {
        switch (d) {
            case Details.None n -> { }
            case Details.Name n -> {
                o.put("unicode", n.unicode());
                o.put("registrable_domain", n.registrableDomain());
                o.put("public_suffix", n.publicSuffix());
                o.put("suffix_section", n.suffixSection());
                o.put("icann_registrable_domain", n.icannRegistrableDomain());
                o.put("icann_public_suffix", n.icannPublicSuffix());
                o.put("is_public_suffix", n.isPublicSuffix());
                o.put("known_tld", n.knownTld());
                o.put("labels", n.labels());
            }
            case Details.Ip ip -> {
                o.put("version", ip.version());
                o.set("flags", strings(ip.flags().stream().sorted().toList()));
                o.put("range_name", ip.rangeName());
                o.put("embedded_ipv4", ip.embeddedIpv4());
                if (ip.port() != null) o.put("port", ip.port());
            }
            case Details.Cidr c -> {
                o.put("version", c.version());
                o.put("network", c.network());
                o.put("prefix_length", c.prefixLength());
                o.put("size", c.size());
                o.put("host_bits_set", c.hostBitsSet());
                o.set("flags", strings(c.flags().stream().sorted().toList()));
            }
            case Details.Asn a -> {
                o.put("number", a.number());
                o.set("flags", strings(a.flags().stream().sorted().toList()));
            }
            case Details.Url u -> {
                o.put("scheme", u.scheme());
                o.put("host", u.host().value());
                o.put("host_type", u.host().type().id());
                if (u.port() != null) o.put("port", u.port());
                o.put("path", u.path());
                o.put("query", u.query());
                o.put("scheme_assumed", u.schemeAssumed());
                if (u.hostDetails() instanceof Details.Name n) {
                    o.put("registrable_domain", n.registrableDomain());
                    o.put("icann_registrable_domain", n.icannRegistrableDomain());
                }
            }
            case Details.Email e -> {
                o.put("local_part", e.localPart());
                o.put("domain", e.domain().value());
                if (e.domainDetails() instanceof Details.Name n) {
                    o.put("registrable_domain", n.registrableDomain());
                    o.put("icann_registrable_domain", n.icannRegistrableDomain());
                }
            }
            case Details.Hash h -> o.put("algorithm", h.algorithm());
            case Details.File f -> {
                o.put("path", f.path());
                o.put("size", f.size());
                o.put("md5", f.md5());
                o.put("sha1", f.sha1());
                o.put("sha256", f.sha256());
                o.put("sha512", f.sha512());
            }
            case Details.AnalyticsId a -> {
                o.put("kind", a.kind());
                o.put("property", a.property());
            }
            case Details.Phone ph -> o.put("country_code", ph.countryCode());
        }
    }

    /** The details alone as an object (the classify source's attribute value). */
    public static ObjectNode detailsOnly(Details d) {
        ObjectNode o = F.objectNode();
        details(o, d);
        return o;
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** For ambiguous input: {@code type: "ambiguous", input, reason, candidates}. */
    public static ObjectNode ambiguous(ParseResult.Ambiguous a) {
        ObjectNode o = F.objectNode();
        o.put("input", a.input());
        o.put("type", "ambiguous");
        o.put("reason", a.reason());
        ArrayNode c = o.putArray("candidates");
        a.candidates().forEach(p -> c.add(of(p, null)));
        return o;
    }

    static JsonNode empty() {
        return F.objectNode();
    }
}
