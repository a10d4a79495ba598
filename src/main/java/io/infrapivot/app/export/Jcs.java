package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values STIX ids are computed over: objects with
 * members sorted by their names' UTF-16 code units, no white space, strings escaped as ECMAScript's
 * JSON.stringify does, integers in plain decimal. Non-integral numbers are refused (no id-contributing
 * property of the objects written here has one; RFC 8785's shortest-double form is not needed).
 */
final class Jcs {
    private Jcs() {
    }

    static String canonical(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, b);
        return b.toString();
    }

    private static void write(JsonNode n, StringBuilder b) {
        if (n == null || n.isNull()) {
            b.append("null");
        } else if (n.isBoolean()) {
            b.append(n.booleanValue());
        } else if (n.isIntegralNumber()) {
            b.append(n.bigIntegerValue().toString());
        } else if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            if (d.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("JCS here takes integers only, not " + d);
            }
            b.append(d.toBigIntegerExact());
        } else if (n.isTextual()) {
            string(n.textValue(), b);
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) b.append(',');
                write(n.get(i), b);
            }
            b.append(']');
        } else if (n.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) members.add(it.next());
            members.sort(Map.Entry.comparingByKey()); // String.compareTo orders by UTF-16 code units, as RFC 8785 asks
            b.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) b.append(',');
                string(members.get(i).getKey(), b);
                b.append(':');
                write(members.get(i).getValue(), b);
            }
            b.append('}');
        } else {
            throw new IllegalArgumentException("not JSON data: " + n.getNodeType());
        }
    }

    /** ECMAScript JSON string serialisation: the two-character escapes, \\u00XX for other controls, all else literal. */
    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
