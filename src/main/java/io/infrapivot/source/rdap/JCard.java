package io.infrapivot.source.rdap;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.registration.ContactBuilder;
import java.util.Locale;

/**
 * Reads an RDAP entity's jCard ({@code vcardArray}, RFC 7095) into a contact: fn, org, email, tel (voice
 * preferred, {@code tel:} prefix removed), adr (street, locality, country name or the {@code cc} parameter of
 * RFC 8605, or the {@code label} parameter), kind.
 */
final class JCard {
    private JCard() {}

    /** Fills {@code c} from the entity's vcardArray; returns the jCard "kind" (individual, org, ...) or null. */
    static String fill(ContactBuilder c, JsonNode vcardArray) {
        JsonNode props = vcardArray == null ? null : vcardArray.get(1);
        if (props == null || !props.isArray()) return null;
        String kind = null;
        for (JsonNode p : props) {
            if (!p.isArray() || p.size() < 4) continue;
            String name = p.get(0).asText("");
            JsonNode params = p.get(1);
            JsonNode value = p.get(3);
            switch (name) {
                case "fn" -> c.name(text(value));
                case "org" -> c.organization(text(value));
                case "email" -> c.email(text(value));
                case "kind" -> kind = text(value);
                case "tel" -> {
                    // a fax number is not a phone to call or pivot on
                    if (!params.toString().toLowerCase(Locale.ROOT).contains("fax")) c.phone(stripTel(text(value)));
                }
                case "adr" -> adr(c, params, value);
                default -> { }
            }
        }
        return kind;
    }

    private static void adr(ContactBuilder c, JsonNode params, JsonNode value) {
        if (params.hasNonNull("cc")) c.country(params.get("cc").asText());
        if (params.hasNonNull("label")) {
            for (String line : params.get("label").asText().split("\n")) c.street(line);
        } else if (value.isArray() && value.size() >= 7) {
            JsonNode street = value.get(2);
            if (street.isArray()) street.forEach(s -> c.street(s.asText()));
            else c.street(street.asText());
        }
        if (value.isArray() && value.size() >= 7) {
            c.city(text(value.get(3)));
            c.country(text(value.get(6)));
        }
    }

    /** A jCard value as text: a string, or the non-empty parts of an array joined by ", ". */
    static String text(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode x : v) {
                String t = text(x);
                if (t == null || t.isBlank()) continue;
                if (!b.isEmpty()) b.append(", ");
                b.append(t);
            }
            return b.isEmpty() ? null : b.toString();
        }
        String t = v.asText();
        return t.isBlank() ? null : t;
    }

    private static String stripTel(String v) {
        if (v == null) return null;
        String t = v.startsWith("tel:") ? v.substring(4) : v;
        int semi = t.indexOf(";ext=");
        return semi > 0 ? t.substring(0, semi) : t;
    }
}
