package io.infrapivot.source.urlhaus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * abuse.ch URLhaus API v1 answers ({@code POST /v1/host/}, {@code /v1/url/}, {@code /v1/payload/}): the outcome is in
 * {@code query_status} — {@code ok}; {@code no_results} (not listed: an empty answer); {@code invalid_host},
 * {@code invalid_url}, {@code invalid_md5_hash}, {@code invalid_sha256_hash} and {@code http_post_expected} (a refused
 * query); {@code unknown_auth_key} (the Auth-Key is wrong). Dates are {@code "2019-01-20 08:50:06 UTC"}; counts come
 * as strings.
 */
public final class UrlhausParser {
    private UrlhausParser() {}

    static final int MAX_ITEMS = 20;

    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("unknown_auth_key", ErrorClass.AUTH)
            .said("http_post_expected", ErrorClass.BAD_REQUEST)
            .saidStarting("invalid_", ErrorClass.BAD_REQUEST)
            .said("no_results", ErrorClass.NOT_FOUND);

    /** One URL of an answer: its text, status, threat and dates. */
    public record Entry(String url, String status, Instant first, Instant last) {}

    /** What one answer says: the verdict (null when not listed) and the URLs it names. */
    public record Answer(ObjectNode verdict, List<Entry> urls, List<String> payloads) {}

    /** The root of an answer whose {@code query_status} is {@code ok}; null for {@code no_results}. */
    static JsonNode ok(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        String status = Json.text(root, "query_status");
        if (status == null) throw new ServiceException(ErrorClass.GARBAGE, "no query_status in the answer");
        if (status.equals("ok")) return root;
        ErrorClass c = ERRORS.ofCode(status);
        if (c == ErrorClass.NOT_FOUND) return null;
        throw new ServiceException(c, "URLhaus says " + Json.excerpt(status));
    }

    /** Reads an error body and throws what its {@code query_status} says. */
    public static void error(String body) throws ServiceException {
        ok(body);
    }

    /** {@code /v1/host/}: {@code url_count}, {@code firstseen}, {@code blacklists}, {@code urls[]}. */
    public static Answer host(String body) throws ServiceException {
        JsonNode root = ok(body);
        if (root == null) return new Answer(null, List.of(), List.of());
        List<Entry> urls = entries(root.path("urls"), "date_added", null);
        Instant newest = urls.stream().map(Entry::first).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(Times.of(root, "firstseen"));
        ObjectNode v = Verdicts.listed("URLhaus", true, newest);
        Long count = Json.number(root, "url_count");
        v.put("urls", count == null ? urls.size() : count);
        v.put("online", urls.stream().filter(u -> "online".equals(u.status())).count());
        Instant first = Times.of(root, "firstseen");
        if (first != null) v.put("first_seen", first.toString());
        Verdicts.texts(v, "threats", distinct(root.path("urls"), "threat"));
        Verdicts.texts(v, "tags", tags(root.path("urls")));
        blacklists(v, root);
        Verdicts.copy(v, "reference", root, "urlhaus_reference");
        return new Answer(v, urls, List.of());
    }

    /** {@code /v1/url/}: {@code url_status}, {@code threat}, {@code date_added}, {@code last_online}, {@code payloads[]}. */
    public static Answer url(String body) throws ServiceException {
        JsonNode root = ok(body);
        if (root == null) return new Answer(null, List.of(), List.of());
        Instant added = Times.of(root, "date_added");
        Instant lastOnline = Times.of(root, "last_online");
        ObjectNode v = Verdicts.listed("URLhaus", true, lastOnline != null ? lastOnline : added);
        copy(v, "status", root, "url_status");
        copy(v, "threat", root, "threat");
        if (added != null) v.put("first_seen", added.toString());
        List<String> tags = new ArrayList<>();
        root.path("tags").forEach(t -> {
            if (t.isTextual() && tags.size() < MAX_ITEMS) tags.add(Safe.truncate(t.asText(), 100));
        });
        Verdicts.texts(v, "tags", tags);
        blacklists(v, root);
        Verdicts.copy(v, "reference", root, "urlhaus_reference");
        List<String> payloads = new ArrayList<>();
        for (JsonNode p : root.path("payloads")) {
            String sha = Json.text(p, "response_sha256");
            if (sha != null && payloads.size() < MAX_ITEMS * 5) payloads.add(sha);
        }
        return new Answer(v, List.of(), payloads);
    }

    /** {@code /v1/payload/}: {@code signature}, {@code file_type}, {@code firstseen}, {@code lastseen}, {@code urls[]}. */
    public static Answer payload(String body) throws ServiceException {
        JsonNode root = ok(body);
        if (root == null) return new Answer(null, List.of(), List.of());
        ObjectNode v = Verdicts.listed("URLhaus", true, Times.of(root, "lastseen"));
        copy(v, "signature", root, "signature");
        copy(v, "file_type", root, "file_type");
        Instant first = Times.of(root, "firstseen");
        if (first != null) v.put("first_seen", first.toString());
        Long count = Json.number(root, "url_count");
        if (count != null) v.put("urls", count);
        return new Answer(v, entries(root.path("urls"), "firstseen", "lastseen"), List.of());
    }

    private static List<Entry> entries(JsonNode urls, String firstField, String lastField) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode u : urls) {
            String url = Json.text(u, "url");
            if (url == null) continue;
            out.add(new Entry(url, Json.text(u, "url_status"), Times.of(u, firstField),
                    lastField == null ? null : Times.of(u, lastField)));
        }
        return out;
    }

    private static void blacklists(ObjectNode v, JsonNode root) {
        JsonNode b = root.path("blacklists");
        if (!b.isObject()) return;
        ObjectNode o = v.putObject("blacklists");
        b.properties().stream().limit(MAX_ITEMS).forEach(e -> {
            if (e.getValue().isTextual()) o.put(Safe.truncate(e.getKey(), 60), Safe.truncate(e.getValue().asText(), 60));
        });
    }

    private static List<String> distinct(JsonNode urls, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode u : urls) {
            String t = Json.text(u, field);
            if (t != null && out.size() < MAX_ITEMS) out.add(Safe.truncate(t, 100));
        }
        return List.copyOf(out);
    }

    private static List<String> tags(JsonNode urls) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode u : urls) {
            for (JsonNode t : u.path("tags")) {
                if (t.isTextual() && out.size() < MAX_ITEMS) out.add(Safe.truncate(t.asText(), 100));
            }
        }
        return List.copyOf(out);
    }

    private static void copy(ObjectNode v, String field, JsonNode from, String sourceField) {
        String t = Json.text(from, sourceField);
        if (t != null) v.put(field, Safe.truncate(t, 200));
    }
}
