package io.infrapivot.source.triage;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.HashServiceSource;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Recorded Future Triage (tria.ge; {@code Authorization: Bearer KEY}): the public sandbox's analyses of a hash —
 * {@code GET /v0/search?query=sha256:HASH} (or md5:, sha1:, sha512:), then each found sample's
 * {@code /v0/samples/ID/overview.json}: the score (1-10), families, tags, the names it was submitted under, the
 * domains, IPs and URLs it contacted and the C2s its configuration extractors found.
 */
public final class TriageSource extends HashServiceSource {
    public static final String ID = "triage";
    /** Overviews asked per lookup (one request each; the newest analyses first). */
    static final SourceInfo.Setting<Integer> MAX_SAMPLES = SourceInfo.Setting.integer("max-samples",
            "analyses whose overview is read per hash (one request each)", 3);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Recorded Future Triage sandbox: score, families, tags, names and contacted domains, IPs, URLs"
                    + " and C2s of a hash (key)")
            .accepts(IndicatorType.HASH)
            .produces(Relation.VERDICT, Relation.RELATED, Relation.COMMUNICATES_WITH)
            .settings(settings(SourceInfo.Setting.key("Triage API key", true), "https://tria.ge/api", MAX_SAMPLES))
            .rateLimit(60, Duration.ofMinutes(1))
            .concurrency(2)
            .build();

    public TriageSource() {
        super(INFO, TriageParser.ERRORS, "Triage", Set.of("md5", "sha1", "sha256", "sha512"));
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String auth = "Bearer " + call.keys().get(0).reveal();
        var search = ServiceCall.Request.of(call.base() + "/v0/search?query="
                + ServiceCall.enc(kind(indicator) + ":" + indicator.value())).header("Authorization", auth);
        String body = call.getExplained(search, TriageParser::explain, true);
        if (body == null) return call.result(null, 0, false);
        List<TriageParser.Hit> hits = TriageParser.search(body);
        int max = Math.max(1, call.context().settings().get(MAX_SAMPLES));
        List<TriageParser.Hit> read = hits.subList(0, Math.min(max, hits.size()));
        for (TriageParser.Hit hit : read) {
            var req = ServiceCall.Request.of(call.base() + "/v0/samples/" + hit.id() + "/overview.json")
                    .header("Authorization", auth);
            String overview = call.getExplained(req, TriageParser::explain, true);
            if (overview == null) {
                call.note("sample " + hit.id() + " has no overview yet");
                continue;
            }
            TriageParser.overview(overview, hit, indicator, call.facts());
        }
        return call.result((long) hits.size(), read.size(), false);
    }
}
