package io.infrapivot.source.virustotal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * VirusTotal v3 object reports ({@code GET /domains/D}, {@code /ip_addresses/IP}, {@code /urls/ID},
 * {@code /files/HASH}: {@code {"data":{"type":..,"id":..,"attributes":{..}}}}) read into a verdict value, and
 * relationship collections of objects (communicating_files, urls, contacted_domains, ...) read into
 * {@link Related} items. Every text and list from the answer is bounded.
 */
public final class VirusTotalReports {
    private VirusTotalReports() {}

    /** At most this many names, tags, categories or engines are kept in one verdict. */
    static final int MAX_ITEMS = 20;

    /** One object of a relationship collection: its type, id and the dates VirusTotal gives it. */
    public record Related(String type, String id, String url, java.time.Instant first, java.time.Instant last) {}

    /** The URL identifier of {@code /urls/{id}}: the URL's unpadded URL-safe base64. */
    public static String urlId(String url) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code data} object of a report, or null when VirusTotal has never seen the object (NotFoundError). */
    public static JsonNode object(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode err = root.get("error");
        if (err != null && err.isObject()) {
            String code = Json.text(err, "code");
            ErrorClass c = VirusTotalParser.ERRORS.ofCode(code);
            if (c == ErrorClass.NOT_FOUND) return null;
            throw new ServiceException(c, Json.excerpt((code == null ? "" : code + ": ")
                    + (Json.text(err, "message") == null ? "" : Json.text(err, "message"))));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject() || !data.path("attributes").isObject()) {
            throw new ServiceException(ErrorClass.GARBAGE, "no data object in the answer");
        }
        return data;
    }

    /** Reads (and throws) an error body; a NotFoundError says nothing more than the status. */
    static void error(String body) throws ServiceException {
        object(body);
    }

    /**
     * The verdict of a report: {@code scale "detections"} with the engines' counts of {@code last_analysis_stats}
     * (total = every engine counted), the {@code last_analysis_date}, the community {@code reputation} and
     * {@code votes}, {@code categories}, {@code tags}, the engines that said malicious, and per type: a file's
     * {@code names}, {@code type}, {@code first_submission}, {@code threat_label}; a URL's {@code url},
     * {@code final_url}, {@code title}.
     */
    public static ObjectNode verdict(JsonNode data) {
        JsonNode a = data.path("attributes");
        JsonNode stats = a.path("last_analysis_stats");
        long total = 0;
        for (var e : stats.properties()) total += count(stats, e.getKey());
        ObjectNode v = Verdicts.detections(count(stats, "malicious"), count(stats, "suspicious"), total,
                Times.of(a, "last_analysis_date"));
        v.put("harmless", count(stats, "harmless"));
        v.put("undetected", count(stats, "undetected"));
        if (a.path("reputation").canConvertToLong()) v.put("reputation", a.path("reputation").asLong());
        JsonNode votes = a.path("total_votes");
        if (votes.isObject()) {
            ObjectNode vo = v.putObject("votes");
            vo.put("harmless", count(votes, "harmless"));
            vo.put("malicious", count(votes, "malicious"));
        }
        Set<String> categories = new LinkedHashSet<>();
        a.path("categories").forEach(c -> {
            if (c.isTextual()) categories.add(bounded(c.asText()));
        });
        Verdicts.texts(v, "categories", first(categories));
        Verdicts.texts(v, "tags", first(texts(a.path("tags"))));
        List<String> flagged = new ArrayList<>();
        a.path("last_analysis_results").properties().forEach(e -> {
            if ("malicious".equals(Json.text(e.getValue(), "category"))) flagged.add(bounded(e.getKey()));
        });
        Verdicts.texts(v, "flagged_by", first(flagged));
        switch (String.valueOf(Json.text(data, "type"))) {
            case "file" -> {
                Verdicts.texts(v, "names", first(texts(a.path("names"))));
                put(v, "type", Json.text(a, "type_description"));
                put(v, "meaningful_name", Json.text(a, "meaningful_name"));
                put(v, "threat_label", Json.text(a.path("popular_threat_classification"), "suggested_threat_label"));
                var firstSub = Times.of(a, "first_submission_date");
                if (firstSub != null) v.put("first_submission", firstSub.toString());
                if (a.path("size").canConvertToLong()) v.put("size", a.path("size").asLong());
            }
            case "url" -> {
                put(v, "url", Json.text(a, "url"));
                put(v, "final_url", Json.text(a, "last_final_url"));
                put(v, "title", Json.text(a, "title"));
                var firstSub = Times.of(a, "first_submission_date");
                if (firstSub != null) v.put("first_submission", firstSub.toString());
            }
            default -> { }
        }
        return v;
    }

    /** A relationship collection of objects (JSON:API, paged like the resolutions). */
    public static Page<Related> related(String body) throws ServiceException {
        JsonNode root = VirusTotalParser.envelope(body);
        List<Related> out = new ArrayList<>();
        for (JsonNode o : root.path("data")) {
            String type = Json.text(o, "type");
            String id = Json.text(o, "id");
            if (type == null || id == null) continue;
            JsonNode a = o.path("attributes");
            var first = Times.of(a, "first_submission_date");
            if (first == null) first = Times.of(a, "creation_date");
            var last = Times.of(a, "last_analysis_date");
            if (last == null) last = Times.of(a, "last_modification_date");
            out.add(new Related(type, id, Json.text(a, "url"), first, last));
        }
        JsonNode meta = root.path("meta");
        String next = Json.text(root.path("links"), "next") == null ? null : Json.text(meta, "cursor");
        return new Page<>(out, Json.number(meta, "count"), next);
    }

    private static long count(JsonNode node, String field) {
        Long n = Json.number(node, field);
        return n == null ? 0 : Math.max(0, n);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : array) if (t.isTextual() && !t.asText().isBlank()) out.add(bounded(t.asText()));
        return out;
    }

    private static List<String> first(java.util.Collection<String> items) {
        return items.stream().distinct().limit(MAX_ITEMS).toList();
    }

    private static void put(ObjectNode v, String field, String text) {
        if (text != null) v.put(field, bounded(text));
    }

    private static String bounded(String s) {
        return Safe.truncate(s, 300);
    }
}
