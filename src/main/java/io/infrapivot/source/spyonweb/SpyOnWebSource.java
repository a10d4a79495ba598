package io.infrapivot.source.spyonweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import io.infrapivot.source.thirdparty.Times;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * SpyOnWeb (token required): {@code /v1/analytics/UA-N} and {@code /v1/adsense/pub-N} — the domains seen carrying a
 * Google Analytics property or an AdSense publisher ID, each with the date it was last seen there. The answer is
 * {@code {"status": "found", "result": {"analytics": {"UA-N": {"fetched": n, "found": m, "items": {"domain":
 * "YYYY-MM-DD"}}}}}}; {@code "not_found"} means nothing known; a refusal is {@code {"status": "error", "message":
 * "..."}}. The token travels as {@code access_token}, shown as {@code ****}.
 */
public final class SpyOnWebSource extends ServiceSource {
    public static final String ID = "spyonweb";
    /** The most items SpyOnWeb gives in one answer. */
    static final int MAX_LIMIT = 1000;

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("SpyOnWeb: the domains sharing a Google Analytics or AdSense ID")
            .accepts(IndicatorType.ANALYTICS_ID)
            .produces(Relation.USES_ANALYTICS_ID)
            .settings(settings(SourceInfo.Setting.key("SpyOnWeb API token", true), "https://api.spyonweb.com"))
            .rateLimit(1, Duration.ofSeconds(1))
            .build();

    static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty().otherwise(ErrorClass.BAD_REQUEST)
            .saidStarting("Invalid access token", ErrorClass.AUTH)
            .saidStarting("Invalid token", ErrorClass.AUTH)
            .saidStarting("Access token is required", ErrorClass.AUTH)
            .saidStarting("Limit exceeded", ErrorClass.QUOTA)
            .saidStarting("Daily limit", ErrorClass.QUOTA)
            .saidStarting("Monthly limit", ErrorClass.QUOTA);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return ERRORS;
    }

    @Override
    protected String refuse(Indicator indicator) {
        String kind = io.infrapivot.model.AnalyticsIds.kindOf(indicator.value());
        return "google-analytics-ua".equals(kind) || "google-adsense".equals(kind) ? null
                : "spyonweb looks up Google Analytics (UA-) and AdSense (ca-pub-) IDs only";
    }

    /** The path and the result key of an ID: {@code analytics/UA-N} (the property, without its view), {@code adsense/pub-N}. */
    static String[] endpoint(String id) {
        if (id.startsWith("ca-pub-")) return new String[] {"adsense", id.substring(3)};
        int last = id.lastIndexOf('-');
        return new String[] {"analytics", last > 2 ? id.substring(0, last) : id};
    }

    /** Throws what an error envelope says; returns for any other body. */
    static void envelope(String body) throws ServiceException {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (ServiceException e) {
            return;
        }
        if ("error".equals(Json.text(root, "status"))) {
            String msg = Json.text(root, "message");
            throw new ServiceException(ERRORS.ofCode(msg), "SpyOnWeb says " + Json.excerpt(String.valueOf(msg)));
        }
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String[] ep = endpoint(indicator.value());
        int limit = Math.min(MAX_LIMIT, call.maxResults());
        String url = call.base() + "/v1/" + ep[0] + "/" + ServiceCall.enc(ep[1]) + "?limit=" + limit
                + "&access_token=" + ServiceCall.enc(call.keys().get(0).reveal());
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("access_token"),
                SpyOnWebSource::envelope, false);
        if (body == null) return call.result(null, 0, false);
        envelope(body);
        JsonNode root = Json.read(body);
        String status = Json.text(root, "status");
        if ("not_found".equals(status)) return call.result(0L, 0, false);
        if (!"found".equals(status)) {
            throw new ServiceException(ErrorClass.GARBAGE, "unexpected status " + Json.excerpt(String.valueOf(status)));
        }
        JsonNode block = root.path("result").path(ep[0]);
        JsonNode entry = block.path(ep[1]);
        if (entry.isMissingNode()) {
            // the key is the ID as SpyOnWeb spells it: take the one entry there is
            Iterator<JsonNode> it = block.elements();
            entry = it.hasNext() ? it.next() : entry;
        }
        JsonNode items = entry.path("items");
        if (!items.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "a found answer without items");
        var facts = call.facts();
        long fetched = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext() && fetched < call.maxResults(); ) {
            var e = it.next();
            var seen = Times.parse(e.getValue().asText(null));
            var name = facts.name(e.getKey());
            if (name.isEmpty()) continue;
            facts.link(name.get(), Relation.USES_ANALYTICS_ID, indicator, null, null, seen, null);
            fetched++;
        }
        Long found = Json.number(entry, "found");
        return call.result(found, fetched, false);
    }
}
