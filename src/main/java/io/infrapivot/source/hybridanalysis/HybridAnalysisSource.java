package io.infrapivot.source.hybridanalysis;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.HashServiceSource;
import io.infrapivot.source.thirdparty.SampleFacts;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Duration;

/**
 * Hybrid Analysis ({@code GET /api/v2/search/hash?hash=HASH}, header {@code api-key}): the Falcon Sandbox reports of
 * a file by MD5, SHA-1 or SHA-256 — verdict, threat score, AV detection, family, tags, submitted names, and the
 * domains and hosts it contacted. The free key allows 200 requests a minute and 2000 an hour.
 */
public final class HybridAnalysisSource extends HashServiceSource {
    public static final String ID = "hybridanalysis";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Hybrid Analysis sandbox reports: verdict, threat score, AV detection, family, names and"
                    + " contacted domains and hosts of a hash (free key)")
            .accepts(IndicatorType.HASH)
            .produces(Relation.VERDICT, Relation.RELATED, Relation.COMMUNICATES_WITH)
            .settings(settings(SourceInfo.Setting.key("Hybrid Analysis API key", true),
                    "https://www.hybrid-analysis.com"))
            .rateLimit(2000, Duration.ofHours(1))
            .concurrency(2)
            .build();

    public HybridAnalysisSource() {
        super(INFO, HybridAnalysisParser.ERRORS, "Hybrid Analysis", SampleFacts.MD5_SHA1_SHA256);
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(call.base() + "/api/v2/search/hash?hash=" + indicator.value())
                .header("api-key", call.keys().get(0).reveal());
        String body = call.getExplained(req, HybridAnalysisParser::explain, true);
        if (body != null) HybridAnalysisParser.map(body, indicator, call.facts());
        return call.result(null, 0, false);
    }
}
