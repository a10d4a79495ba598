package io.infrapivot.source.thirdparty;

import io.infrapivot.source.ErrorClass;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading services' JSON answers defensively: clear errors for HTML pages, truncation and garbage. */
public final class Json {
    /** The shared mapper (nesting and string lengths bounded). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1_000_000).build());
    }

    private Json() {}

    /** Parses a whole JSON document; HTML, empty or broken bodies become {@link ErrorClass#GARBAGE}. */
    public static JsonNode read(String body) throws ServiceException {
        if (body == null || body.isBlank()) throw new ServiceException(ErrorClass.GARBAGE, "empty body");
        if (looksLikeHtml(body)) {
            throw new ServiceException(ErrorClass.GARBAGE, "an HTML page instead of JSON"
                    + htmlTitle(body));
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) throw new ServiceException(ErrorClass.GARBAGE, "empty body");
            return n;
        } catch (JsonProcessingException e) {
            throw new ServiceException(ErrorClass.GARBAGE, "truncated or invalid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** Parses one JSON object per non-blank line (COF, Robtex, DNSDB's SAF). */
    public static List<JsonNode> readLines(String body) throws ServiceException {
        if (body == null) return List.of();
        if (looksLikeHtml(body)) {
            throw new ServiceException(ErrorClass.GARBAGE, "an HTML page instead of JSON lines"
                    + htmlTitle(body));
        }
        List<JsonNode> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : body.split("\r?\n")) {
            lineNo++;
            if (line.isBlank()) continue;
            try {
                out.add(MAPPER.readTree(line));
            } catch (JsonProcessingException e) {
                throw new ServiceException(ErrorClass.GARBAGE, "truncated or invalid JSON on line "
                        + lineNo, e);
            }
        }
        return out;
    }

    /** Whether the body starts like an HTML page (a login wall, a CDN error page, a captcha). */
    public static boolean looksLikeHtml(String body) {
        String head = body.stripLeading();
        head = head.substring(0, Math.min(head.length(), 64)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body") || head.startsWith("<?xml") && body.contains("<html");
    }

    private static String htmlTitle(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        int a = lower.indexOf("<title>");
        int b = lower.indexOf("</title>");
        if (a < 0 || b <= a) return "";
        return " (\"" + Safe.oneLine(Safe.truncate(body.substring(a + 7, b).strip(), 80)) + "\")";
    }

    /** A field as text (strings, numbers and booleans), or null when absent, null or structured. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) return null;
        String s = v.asText();
        return s.isBlank() ? null : s.strip();
    }

    /** A field as a long, or null when absent or not a number (numeric strings are read too). */
    public static Long number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The texts of an array field (or of a single string field), skipping non-text entries. */
    public static List<String> texts(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isArray()) {
            for (JsonNode e : v) if (e.isValueNode() && !e.isNull() && !e.asText().isBlank()) out.add(e.asText().strip());
        } else if (v.isValueNode() && !v.asText().isBlank()) {
            out.add(v.asText().strip());
        }
        return out;
    }

    /** A short, escaped excerpt of a service's message for an error text. */
    public static String excerpt(String s) {
        return s == null ? "" : Safe.oneLine(Safe.truncate(s.strip(), 160));
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
