package io.infrapivot.source.urlscan;

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
import java.util.ArrayList;
import java.util.List;

/**
 * urlscan.io search (key optional, sent as the {@code API-Key} header): {@code /api/v1/search/?q="ID"} finds the
 * public scans whose pages load a Google Analytics, Tag Manager, Ads or AdSense ID; each result's page domain is
 * recorded as carrying the ID, last seen at the scan's time. The answer is {@code {"results": [{"task": {...},
 * "page": {"domain", "url", "ip"}, "_id", "sort": [...]}], "total": N, "has_more": bool}}; the next page is asked
 * with {@code search_after} = the last result's {@code sort} values, comma-separated, up to the result cap.
 * Refusals are {@code {"message", "description", "status"}}.
 */
public final class UrlscanSource extends ServiceSource {
    public static final String ID = "urlscan";
    static final int PAGE = 100;

    static final SourceInfo.Setting<Integer> MAX_PAGES = SourceInfo.Setting.integer("max-pages",
            "search pages asked for at most", 5);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("urlscan.io search: the scanned sites whose pages carry an analytics or ad ID")
            .accepts(IndicatorType.ANALYTICS_ID)
            .produces(Relation.USES_ANALYTICS_ID)
            .settings(settings(SourceInfo.Setting.key("urlscan.io API key (optional)", false), "https://urlscan.io",
                    MAX_PAGES))
            .rateLimit(60, Duration.ofMinutes(1))
            .build();

    static final ErrorTable ERRORS = ErrorTable.STANDARD.otherwise(ErrorClass.BAD_REQUEST)
            .saidStarting("Invalid API key", ErrorClass.AUTH)
            .saidStarting("API key", ErrorClass.AUTH)
            .saidStarting("Rate limit", ErrorClass.RATE_LIMITED)
            .saidStarting("Quota", ErrorClass.QUOTA);

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
        return query(indicator.value()) == null ? "urlscan searches Google Analytics, Tag Manager, Ads and AdSense IDs"
                : null;
    }

    /** The search for an ID: the ID quoted (AdSense as {@code pub-N}, how pages spell it); null for other kinds. */
    static String query(String id) {
        String kind = io.infrapivot.model.AnalyticsIds.kindOf(id);
        if (kind == null || !io.infrapivot.model.AnalyticsIds.GOOGLE.contains(kind)) return null;
        return "\"" + (id.startsWith("ca-pub-") ? id.substring(3) : id) + "\"";
    }

    /** Throws what an error body says. */
    static void error(String body) throws ServiceException {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (ServiceException e) {
            return;
        }
        String msg = Json.text(root, "message");
        if (msg == null) return;
        String desc = Json.text(root, "description");
        throw new ServiceException(ERRORS.ofCode(msg), "urlscan says " + Json.excerpt(msg
                + (desc == null ? "" : ": " + desc)));
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String q = ServiceCall.enc(query(indicator.value()));
        int maxPages = Math.max(1, call.context().settings().get(MAX_PAGES));
        var facts = call.facts();
        String after = null;
        long fetched = 0;
        Long total = null;
        boolean more = false;
        for (int page = 1; ; page++) {
            String url = call.base() + "/api/v1/search/?q=" + q + "&size=" + PAGE
                    + (after == null ? "" : "&search_after=" + ServiceCall.enc(after));
            var req = ServiceCall.Request.of(url);
            if (!call.keys().isEmpty()) req = req.header("API-Key", call.keys().get(0).reveal());
            String body = call.getExplained(req, UrlscanSource::error, false);
            if (body == null) break;
            JsonNode root = Json.read(body);
            JsonNode results = root.path("results");
            if (!results.isArray()) throw new ServiceException(ErrorClass.GARBAGE, "a search answer without results");
            total = Json.number(root, "total");
            List<JsonNode> items = new ArrayList<>();
            results.forEach(items::add);
            List<JsonNode> capped = call.capped(items, fetched);
            for (JsonNode r : capped) {
                JsonNode p = r.path("page");
                var seen = Times.of(r.path("task"), "time");
                facts.name(Json.text(p, "domain")).ifPresent(d -> {
                    var v = Json.object();
                    if (Json.text(p, "url") != null) v.put("url", Json.text(p, "url"));
                    if (Json.text(r, "_id") != null) v.put("scan", Json.text(r, "_id"));
                    facts.link(d, Relation.USES_ANALYTICS_ID, indicator, v, null, seen, null);
                });
            }
            fetched += capped.size();
            boolean hasMore = root.path("has_more").asBoolean(false) && !items.isEmpty();
            if (capped.size() < items.size()) {
                more = true;
                break;
            }
            if (!hasMore) break;
            if (page >= maxPages || fetched >= call.maxResults()) {
                more = true;
                break;
            }
            List<String> sort = new ArrayList<>();
            items.get(items.size() - 1).path("sort").forEach(s -> sort.add(s.asText()));
            if (sort.isEmpty()) throw new ServiceException(ErrorClass.GARBAGE, "has_more without a sort key to page by");
            after = String.join(",", sort);
        }
        return call.result(total, fetched, more);
    }
}
