package io.infrapivot.source.dnsdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * Farsight DNSDB API v2 streaming answers ("SAF": one JSON object per line): {@code {"cond":"begin"}},
 * then {@code {"obj":{"rrname":..,"rrtype":..,"rdata":[..] or "..","time_first":..,"time_last":..,
 * "zone_time_first":..,"zone_time_last":..,"count":..}}} lines, then exactly one terminator:
 * {@code {"cond":"succeeded"}}, {@code {"cond":"limited","msg":".."}} (a result or time limit cut the
 * answer: the records are a part of the whole) or {@code {"cond":"failed","msg":".."}}. A stream that
 * ends without a terminator was cut off in transit and is an error.
 */
public final class DnsdbParser {
    private DnsdbParser() {}

    /**
     * @param records  what came back
     * @param limited  the service said {@code limited}: more exists than was returned
     * @param message  the {@code limited} message, or null
     */
    public record Result(List<PdnsRecord> records, boolean limited, String message) {
        public Result {
            records = List.copyOf(records);
        }
    }

    public static Result parse(String body) throws ServiceException {
        List<JsonNode> lines = Json.readLines(body);
        if (lines.isEmpty()) throw new ServiceException(ErrorClass.GARBAGE, "empty stream (no begin line)");
        if (!"begin".equals(Json.text(lines.get(0), "cond"))) {
            throw new ServiceException(ErrorClass.GARBAGE, "stream does not start with a begin line");
        }
        List<PdnsRecord> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String cond = Json.text(line, "cond");
            if (cond == null) {
                JsonNode obj = line.get("obj");
                if (obj == null || !obj.isObject()) {
                    throw new ServiceException(ErrorClass.GARBAGE, "line " + (i + 1) + " is neither obj nor cond");
                }
                addObject(obj, out);
                continue;
            }
            String msg = Json.text(line, "msg");
            switch (cond) {
                case "succeeded" -> {
                    return new Result(out, false, null);
                }
                case "limited" -> {
                    return new Result(out, true, msg == null ? "limited" : Json.excerpt(msg));
                }
                case "failed" -> throw new ServiceException(ErrorClass.SERVER, "DNSDB failed: "
                        + (msg == null ? "no reason given" : Json.excerpt(msg)));
                case "ongoing" -> { }
                default -> throw new ServiceException(ErrorClass.GARBAGE, "unknown cond " + Json.excerpt(cond));
            }
        }
        throw new ServiceException(ErrorClass.GARBAGE, "stream ended without a succeeded, limited or failed line"
                + " (cut off in transit)");
    }

    private static void addObject(JsonNode obj, List<PdnsRecord> out) {
        String rrname = Json.text(obj, "rrname");
        if (rrname == null) return;
        var first = Times.of(obj, "time_first");
        var last = Times.of(obj, "time_last");
        if (first == null) first = Times.of(obj, "zone_time_first");
        if (last == null) last = Times.of(obj, "zone_time_last");
        Long count = Json.number(obj, "count");
        for (String rdata : Json.texts(obj, "rdata")) {
            out.add(new PdnsRecord(rrname, Json.text(obj, "rrtype"), rdata, first, last, count));
        }
    }
}
