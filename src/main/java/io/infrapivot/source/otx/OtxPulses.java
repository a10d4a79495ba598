package io.infrapivot.source.otx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.time.Instant;

/**
 * OTX {@code /api/v1/indicators/{IPv4|IPv6|domain|hostname|url|file}/VALUE/general}: {@code {"pulse_info":
 * {"count":N,"pulses":[{"id":..,"name":..,"tags":[..],"author":{"username":..},"created":"2023-..T..",
 * "modified":..,"TLP":"white","malware_families":[{"display_name":..}]}]}}}. Read into a verdict on the
 * {@code mentions} scale (how many pulses name the indicator), dated by the newest pulse's modification, with the
 * first pulses' names, authors, tags and dates. An indicator in no pulse gives no verdict.
 */
public final class OtxPulses {
    private OtxPulses() {}

    static final int MAX_PULSES = 10;
    static final int MAX_TAGS = 10;

    /** The verdict, or null when no pulse names the indicator. */
    public static ObjectNode parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode info = root.get("pulse_info");
        if (info == null || !info.isObject()) {
            String why = Json.text(root, "detail");
            if (why == null) why = Json.text(root, "error");
            if (why == null) throw new ServiceException(ErrorClass.GARBAGE, "no pulse_info in the answer");
            throw new ServiceException(OtxParser.ERRORS.ofCode(why), "OTX says " + Json.excerpt(why));
        }
        JsonNode pulses = info.path("pulses");
        Long count = Json.number(info, "count");
        long n = count != null ? count : pulses.size();
        if (n <= 0 && pulses.isEmpty()) return null;
        Instant newest = null;
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (JsonNode p : pulses) {
            Instant modified = Times.of(p, "modified");
            Instant created = Times.of(p, "created");
            Instant d = modified != null ? modified : created;
            if (d != null && (newest == null || d.isAfter(newest))) newest = d;
            if (list.size() >= MAX_PULSES) continue;
            ObjectNode o = list.addObject();
            put(o, "name", Json.text(p, "name"));
            put(o, "author", Json.text(p.path("author"), "username"));
            if (created != null) o.put("created", created.toString());
            if (modified != null) o.put("modified", modified.toString());
            ArrayNode tags = o.putArray("tags");
            for (JsonNode t : p.path("tags")) {
                if (t.isTextual() && tags.size() < MAX_TAGS) tags.add(Safe.truncate(t.asText(), 80));
            }
            put(o, "id", Json.text(p, "id"));
        }
        ObjectNode v = Verdicts.mentions(n, newest);
        v.set("pulses", list);
        return v;
    }

    private static void put(ObjectNode o, String field, String text) {
        if (text != null) o.put(field, Safe.truncate(text, 200));
    }
}
