package io.infrapivot.source.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.model.Safe;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about a file from the hash services (MalwareBazaar, Hybrid Analysis, Triage, hashlookup): the other hashes
 * of the same file, the hosts, IPs and URLs it contacted, its verdict in the service's own terms. Every value is
 * attacker-controlled and goes through the parser; what it rejects is left out.
 */
public final class SampleFacts {
    /** Texts kept in a verdict value (names, tags, signatures) and how long each may be. */
    public static final int MAX_TEXTS = 50;
    public static final int MAX_TEXT = 256;
    private static final Pattern HOST_PORT = Pattern.compile("\\[?([^\\[\\]]+?)]?:(\\d{1,5})");

    private SampleFacts() {}

    /** A link to another hash of the same file (MD5 ↔ SHA-1 ↔ SHA-256 ...), so the pivot asks by each. */
    public static void sameFile(Facts facts, Indicator subject, String hash) {
        facts.as(IndicatorType.HASH, hash).ifPresent(h -> facts.link(subject, Relation.RELATED, h,
                Json.object().put("how", "same file"), null, null, null));
    }

    /** The same-file links to the hashes in {@code fields} of {@code node} (the subject's own hash left out). */
    public static void sameFile(Facts facts, Indicator subject, JsonNode node, String... fields) {
        for (String f : fields) {
            String h = Json.text(node, f);
            if (h != null && !h.equalsIgnoreCase(subject.value())) sameFile(facts, subject, h);
        }
    }

    /**
     * The kind of a hex hash by its length — {@code md5}, {@code sha1}, {@code sha256}, {@code sha512} — when it is
     * one of {@code taken}, else null (ssdeep, TLSH and the kinds a service does not take).
     */
    public static String hexKind(Indicator hash, java.util.Set<String> taken) {
        String v = hash.value();
        String kind = !v.matches("[0-9a-f]+") ? null : switch (v.length()) {
            case 32 -> "md5";
            case 40 -> "sha1";
            case 64 -> "sha256";
            case 128 -> "sha512";
            default -> null;
        };
        return kind != null && taken.contains(kind) ? kind : null;
    }

    /** MD5, SHA-1 and SHA-256: what most services take. */
    public static final java.util.Set<String> MD5_SHA1_SHA256 = java.util.Set.of("md5", "sha1", "sha256");

    /** An indicator of what a sample contacted: a URL, an IP (a port dropped) or a name; empty when none parses. */
    public static Optional<Indicator> contacted(Facts facts, String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String t = text.strip();
        if (t.contains("://")) return facts.as(IndicatorType.URL, t);
        Optional<Indicator> ip = facts.ip(t);
        if (ip.isPresent()) return ip;
        Matcher m = HOST_PORT.matcher(t);
        if (m.matches()) {
            ip = facts.ip(m.group(1));
            return ip.isPresent() ? ip : facts.name(m.group(1));
        }
        return facts.name(t);
    }

    /** {@code communicates-with} links to each contacted host, IP or URL (value: what the service called it). */
    public static void communicates(Facts facts, Indicator subject, Collection<String> texts, String kind) {
        int n = 0;
        for (String t : texts) {
            if (n++ >= 1000) break;
            contacted(facts, t).ifPresent(i -> facts.link(subject, Relation.COMMUNICATES_WITH, i,
                    Json.object().put("as", kind), null, null, null));
        }
    }

    /** Adds texts (names, tags) to a verdict value as an array, capped in count and length (shown escaped). */
    public static void texts(ObjectNode value, String field, Collection<String> texts) {
        if (texts.isEmpty()) return;
        ArrayNode a = value.putArray(field);
        texts.stream().distinct().limit(MAX_TEXTS).forEach(t -> a.add(text(t)));
    }

    /** A field's text, capped in length, or nothing when absent (every face escapes it where it shows it). */
    public static void text(ObjectNode value, String field, JsonNode from, String fromField) {
        String t = Json.text(from, fromField);
        if (t != null) value.put(field, text(t));
    }

    static String text(String t) {
        return Safe.truncate(t, MAX_TEXT);
    }
}
