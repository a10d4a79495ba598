package io.infrapivot.source.pdns;

import io.infrapivot.source.ErrorClass;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * The Passive DNS Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof): one JSON object per
 * line with {@code rrname}, {@code rrtype}, {@code rdata} (a string or an array of strings),
 * {@code time_first}, {@code time_last} (epoch seconds) and {@code count}. Used by CIRCL, Robtex
 * (which writes {@code rrdata}) and other COF services.
 */
public final class Cof {
    private Cof() {}

    /** Parses COF lines; a line that is not a COF object but carries an error text is an error. */
    public static List<PdnsRecord> parse(String body) throws ServiceException {
        List<PdnsRecord> out = new ArrayList<>();
        for (JsonNode o : Json.readLines(body)) {
            if (!o.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "a line is not a JSON object");
            String rrname = Json.text(o, "rrname");
            if (rrname == null) {
                throw new ServiceException(ErrorClass.GARBAGE, "a line without rrname"
                        + errorText(o));
            }
            JsonNode rdata = o.has("rdata") ? o.get("rdata") : o.get("rrdata");
            List<String> values = new ArrayList<>();
            if (rdata != null && rdata.isArray()) {
                rdata.forEach(v -> { if (v.isValueNode() && !v.asText().isBlank()) values.add(v.asText().strip()); });
            } else if (rdata != null && rdata.isValueNode() && !rdata.asText().isBlank()) {
                values.add(rdata.asText().strip());
            }
            for (String v : values) {
                out.add(new PdnsRecord(rrname, Json.text(o, "rrtype"), v, Times.of(o, "time_first"),
                        Times.of(o, "time_last"), Json.number(o, "count")));
            }
        }
        return out;
    }

    private static String errorText(JsonNode o) {
        for (String f : List.of("error", "message", "status", "msg")) {
            String t = Json.text(o, f);
            if (t != null) return " (" + Json.excerpt(t) + ")";
        }
        return "";
    }
}
