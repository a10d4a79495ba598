package io.infrapivot.source.registration;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Safe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The field-by-field difference of two registration records of the same object (for
 * {@code history --registration}): registrant, emails, registrar, name servers, dates, status, network. Fields
 * that describe the fetch rather than the registration (when, which server, parse remarks) are not compared.
 */
public final class RegistrationDiff {
    /** Fields left out of the comparison. */
    static final Set<String> IGNORED = Set.of("kind", "query", "fetched", "age_days", "server", "source", "format",
            "remarks", "raw", "emails_found", "dates_found", "parse_status");

    /**
     * One changed field.
     *
     * @param field  dotted JSON path, e.g. {@code contacts.registrant.email}
     * @param before the old value, or null when it was absent
     * @param after  the new value, or null when it is gone
     */
    public record Change(String field, String before, String after) {
        /** "field: before → after", escaped for a terminal. */
        public String line() {
            return field + ": " + show(before) + " → " + show(after);
        }

        private static String show(String v) {
            return v == null ? "(none)" : Safe.oneLine(Safe.truncate(v, 200));
        }
    }

    /**
     * The changes at one fetch.
     *
     * @param at      when the later record was fetched
     * @param changes what differs from the record before it
     */
    public record Step(Instant at, List<Change> changes) {}

    private RegistrationDiff() {}

    /**
     * How a registration changed over time: the stored {@code registration} attribute values of one indicator, with
     * the time each was learned, in any order; returns one step per fetch that changed something, oldest first.
     * Values that are not registration records are skipped; so are throttled and unknown ones (no data).
     */
    public static List<Step> timeline(List<Map.Entry<Instant, JsonNode>> fetches) {
        List<Map.Entry<Instant, JsonNode>> sorted = new ArrayList<>(fetches);
        sorted.sort(Map.Entry.comparingByKey());
        List<Step> out = new ArrayList<>();
        RegistrationRecord previous = null;
        for (Map.Entry<Instant, JsonNode> f : sorted) {
            RegistrationRecord r;
            try {
                r = RegistrationJson.fromTree(f.getValue());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (r.status() == RegistrationStatus.THROTTLED || r.status() == RegistrationStatus.UNKNOWN
                    || r.status() == RegistrationStatus.INVALID) {
                continue; // no data about the object
            }
            if (previous != null) {
                List<Change> c = diff(previous, r);
                if (!c.isEmpty()) out.add(new Step(f.getKey(), c));
            }
            previous = r;
        }
        return out;
    }

    /** The changes from {@code before} to {@code after}, in field order. */
    public static List<Change> diff(RegistrationRecord before, RegistrationRecord after) {
        Map<String, String> a = flatten(before);
        Map<String, String> b = flatten(after);
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> out = new ArrayList<>();
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null ? y != null : !x.equals(y)) out.add(new Change(k, x, y));
        }
        return out;
    }

    /** The record as sorted dotted paths to text values; lists become sorted, comma-joined text. */
    public static Map<String, String> flatten(RegistrationRecord r) {
        Map<String, String> out = new TreeMap<>();
        JsonNode tree = RegistrationJson.toTree(r);
        for (Map.Entry<String, JsonNode> e : tree.properties()) {
            if (!IGNORED.contains(e.getKey())) walk(e.getKey(), e.getValue(), out);
        }
        return out;
    }

    private static void walk(String path, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) walk(path + "." + e.getKey(), e.getValue(), out);
        } else if (n.isArray()) {
            TreeSet<String> items = new TreeSet<>();
            n.forEach(x -> items.add(x.asText()));
            if (!items.isEmpty()) out.put(path, String.join(", ", items));
        } else if (!n.isNull()) {
            out.put(path, n.asText());
        }
    }
}
