package io.infrapivot.source.passivetotal;

import io.infrapivot.source.http.ErrorTable;
import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.List;

/**
 * RiskIQ PassiveTotal API v2 answers.
 * <ul>
 *   <li>{@code /v2/dns/passive?query=Q}: {@code {"totalRecords":N,"queryValue":Q,"results":[{"value":NAME,
 *       "resolve":VALUE,"recordType":"A","resolveType":"ip","firstSeen":"2016-01-01 00:00:00","lastSeen":..}]}};</li>
 *   <li>{@code /v2/whois/search?query=Q&field=email}: {@code {"results":[{"domain":..,"registered":..,
 *       "lastLoadedAt":..}]}}.</li>
 * </ul>
 * Errors: {@code {"error":{"http_code":401,"message":"..","developer_message":".."}}} or a bare
 * {@code {"message":".."}}.
 */
public final class PassiveTotalParser {
    private PassiveTotalParser() {}

    public static Page<PdnsRecord> passiveDns(String body) throws ServiceException {
        JsonNode root = checked(body);
        List<PdnsRecord> out = new ArrayList<>();
        for (JsonNode r : root.get("results")) {
            String name = Json.text(r, "value");
            String resolve = Json.text(r, "resolve");
            if (name == null || resolve == null) continue;
            out.add(new PdnsRecord(name, Json.text(r, "recordType"), resolve, Times.of(r, "firstSeen"),
                    Times.of(r, "lastSeen"), null));
        }
        return new Page<>(out, Json.number(root, "totalRecords"), null);
    }

    public static Page<DomainHit> whoisSearch(String body) throws ServiceException {
        JsonNode root = checked(body);
        List<DomainHit> out = new ArrayList<>();
        for (JsonNode r : root.get("results")) {
            String d = Json.text(r, "domain");
            if (d != null) out.add(new DomainHit(d, Times.of(r, "registered"), Times.of(r, "lastLoadedAt")));
        }
        return new Page<>(out, (long) out.size(), null);
    }

    private static JsonNode checked(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode err = root.get("error");
        if (err != null && !err.isNull()) {
            Long code = err.isObject() ? Json.number(err, "http_code") : null;
            String msg = err.isObject() ? Json.text(err, "message") : err.asText();
            throw new ServiceException(ERRORS.of(null, code), Json.excerpt(msg == null ? "error " + code : msg));
        }
        if (!root.path("results").isArray()) {
            String msg = Json.text(root, "message");
            if (msg != null) throw new ServiceException(ErrorClass.SERVER, "PassiveTotal says " + Json.excerpt(msg));
            throw new ServiceException(ErrorClass.GARBAGE, "no results in the answer");
        }
        return root;
    }

    /** PassiveTotal's {@code error.http_code} is an HTTP status, read by the standard table. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD;
}
