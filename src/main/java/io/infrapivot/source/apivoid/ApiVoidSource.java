package io.infrapivot.source.apivoid;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.EnumSet;

/**
 * APIVoid (the IPVoid and URLVoid engines): an IP's or a name's blocklist scan as a {@code verdict} on the
 * {@code detections} scale (engines that list it of the engines asked, the detection rate, APIVoid's risk score and
 * its anonymity/hosting flags), dated the time of the scan (APIVoid scans when asked), and one {@code listed-on}
 * fact per engine that lists it. APIVoid's v2 API: a JSON POST to {@code /v2/ip-reputation} or
 * {@code /v2/domain-reputation}, the key in the {@code X-API-Key} header (never in the URL or the evidence).
 */
public final class ApiVoidSource extends ServiceSource {
    public static final String ID = "apivoid";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("APIVoid (IPVoid/URLVoid): blocklist engines that list an IP or a name, anonymity flags")
            .accepts(IndicatorType.IP, IndicatorType.DOMAIN, IndicatorType.HOST)
            .produces(EnumSet.of(Relation.VERDICT, Relation.LISTED_ON))
            .settings(settings(SourceInfo.Setting.key("APIVoid API key", true), "https://api.apivoid.com"))
            .rateLimit(10, Duration.ofSeconds(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return ApiVoidParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        boolean ip = indicator.type() == IndicatorType.IP;
        var body = io.infrapivot.source.thirdparty.Json.object().put(ip ? "ip" : "host", indicator.value());
        var req = ServiceCall.Request.of(call.base() + (ip ? "/v2/ip-reputation" : "/v2/domain-reputation"))
                .header("X-API-Key", call.keys().get(0).reveal());
        String answer = call.post(req, body.toString(), ApiVoidParser::error);
        ApiVoidParser.Answer a = ApiVoidParser.parse(answer, call.context().now());
        var facts = call.facts();
        Verdicts.verdict(facts, indicator, a.verdict());
        for (ApiVoidParser.Engine e : a.listedBy()) {
            var v = Verdicts.listed(e.name(), true, call.context().now());
            if (e.reference() != null) v.put("reference", io.infrapivot.model.Safe.truncate(e.reference(), 300));
            v.put("via", ID);
            Verdicts.listedOn(facts, indicator, v);
        }
        return call.result(null, 1 + a.listedBy().size(), false);
    }
}
