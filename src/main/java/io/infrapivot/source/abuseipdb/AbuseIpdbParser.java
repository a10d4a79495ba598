package io.infrapivot.source.abuseipdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;

/**
 * AbuseIPDB APIv2 {@code GET /check?ipAddress=IP&maxAgeInDays=N}: {@code {"data":{"ipAddress":..,
 * "abuseConfidenceScore":0-100,"totalReports":N,"numDistinctUsers":N,"lastReportedAt":"2019-..+00:00",
 * "usageType":..,"isp":..,"domain":..,"countryCode":..,"isTor":bool,"isWhitelisted":bool,"hostnames":[..]}}}.
 * Errors: {@code {"errors":[{"detail":"..","status":401,"source":{"parameter":"ipAddress"}}]}} — 401 a bad key,
 * 422 an invalid parameter, 429 the daily limit ("Daily rate limit of 1000 requests exceeded ...").
 */
public final class AbuseIpdbParser {
    private AbuseIpdbParser() {}

    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .saidStarting("Authentication failed", ErrorClass.AUTH)
            .saidStarting("Daily rate limit", ErrorClass.QUOTA)
            .status(422, ErrorClass.BAD_REQUEST);

    /** The verdict of a check answer: {@code scale "confidence"} 0..100 with the reports and the network's facts. */
    public static ObjectNode parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        error(root);
        JsonNode d = root.get("data");
        if (d == null || !d.isObject() || !d.has("abuseConfidenceScore")) {
            throw new ServiceException(ErrorClass.GARBAGE, "no data.abuseConfidenceScore in the answer");
        }
        Long score = Json.number(d, "abuseConfidenceScore");
        ObjectNode v = Verdicts.confidence(score == null ? 0 : Math.max(0, Math.min(100, score)), 100,
                Times.of(d, "lastReportedAt"));
        Long reports = Json.number(d, "totalReports");
        v.put("reports", reports == null ? 0 : reports);
        Long users = Json.number(d, "numDistinctUsers");
        if (users != null) v.put("reporters", users);
        for (String[] f : new String[][] {{"usage_type", "usageType"}, {"isp", "isp"}, {"domain", "domain"},
                {"country", "countryCode"}}) {
            String t = Json.text(d, f[1]);
            if (t != null) v.put(f[0], Safe.truncate(t, 200));
        }
        if (d.path("isTor").asBoolean(false)) v.put("tor", true);
        if (d.path("isWhitelisted").asBoolean(false)) v.put("whitelisted", true);
        return v;
    }

    /** Throws what an {@code errors} array says (its first entry). */
    public static void error(String body) throws ServiceException {
        error(Json.read(body));
    }

    private static void error(JsonNode root) throws ServiceException {
        JsonNode errors = root.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) return;
        JsonNode e = errors.get(0);
        String detail = Json.text(e, "detail");
        throw new ServiceException(ERRORS.of(detail, Json.number(e, "status")),
                "AbuseIPDB says " + Json.excerpt(detail == null ? "an error" : detail));
    }
}
