package io.infrapivot.source.mnemonic;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * Mnemonic Passive DNS API v3 ({@code /pdns/v3/QUERY}): the envelope
 * {@code {"responseCode":200,"limit":..,"offset":..,"count":N,"size":..,"data":[...],"messages":[...]}}; each
 * record has {@code query}, {@code answer}, {@code rrtype} (lower case), {@code firstSeenTimestamp},
 * {@code lastSeenTimestamp} (epoch milliseconds) and {@code times}. A non-200 {@code responseCode}
 * carries its reason in {@code messages[].message}. The next page's offset is given as {@link Page#next()}.
 */
public final class MnemonicParser {
    private MnemonicParser() {}

    public static Page<PdnsRecord> parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        Long code = Json.number(root, "responseCode");
        if (code == null && !root.has("data")) {
            throw new ServiceException(ErrorClass.GARBAGE, "no responseCode and no data in the answer");
        }
        if (code != null && code != 200) throw refusal(code, messages(root));
        List<PdnsRecord> out = new ArrayList<>();
        JsonNode data = root.get("data");
        if (data != null && data.isArray()) {
            for (JsonNode r : data) {
                String name = Json.text(r, "query");
                String answer = Json.text(r, "answer");
                if (name == null || answer == null) continue;
                out.add(new PdnsRecord(name, Json.text(r, "rrtype"), answer, Times.of(r, "firstSeenTimestamp"),
                        Times.of(r, "lastSeenTimestamp"), Json.number(r, "times")));
            }
        }
        Long total = Json.number(root, "count");
        Long offset = Json.number(root, "offset");
        long seen = (offset == null ? 0 : offset) + (data != null && data.isArray() ? data.size() : 0);
        String next = total != null && seen < total && data != null && !data.isEmpty() ? Long.toString(seen) : null;
        return new Page<>(out, total, next);
    }

    private static String messages(JsonNode root) {
        List<String> parts = new ArrayList<>();
        JsonNode ms = root.get("messages");
        if (ms != null && ms.isArray()) {
            for (JsonNode m : ms) {
                String t = Json.text(m, "message");
                if (t != null) parts.add(t);
            }
        }
        return Json.excerpt(String.join("; ", parts));
    }

    /** Mnemonic's {@code responseCode} is an HTTP status, read by the standard table. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD;

    private static ServiceException refusal(long code, String text) {
        return new ServiceException(ERRORS.ofNumber(code), "responseCode " + code
                + (text.isEmpty() ? "" : " (" + text + ")"));
    }
}
