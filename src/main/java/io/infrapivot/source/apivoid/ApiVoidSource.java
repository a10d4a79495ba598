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
 * fact per engine that lists it. The key travels as the {@code key} parameter (shown as {@code ****} in the
 * evidence); the credits left are reported with the result.
 */
public final class ApiVoidSource extends ServiceSource {
    public static final String ID = "apivoid";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("APIVoid (IPVoid/URLVoid): blocklist engines that list an IP or a name, anonymity flags")
            .accepts(IndicatorType.IP, IndicatorType.DOMAIN, IndicatorType.HOST)
            .produces(EnumSet.of(Relation.VERDICT, Relation.LISTED_ON))
            .settings(settings(SourceInfo.Setting.key("APIVoid API key", true), "https://endpoint.apivoid.com"))
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
        String url = call.base() + (ip ? "/iprep/v1/pay-as-you-go/?key=" : "/domainbl/v1/pay-as-you-go/?key=")
                + ServiceCall.enc(call.keys().get(0).reveal()) + (ip ? "&ip=" : "&host=")
                + ServiceCall.enc(indicator.value());
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("key"), ApiVoidParser::error, false);
        ApiVoidParser.Answer a = ApiVoidParser.parse(body, call.context().now());
        var facts = call.facts();
        Verdicts.verdict(facts, indicator, a.verdict());
        for (ApiVoidParser.Engine e : a.listedBy()) {
            var v = Verdicts.listed(e.name(), true, call.context().now());
            if (e.reference() != null) v.put("reference", io.infrapivot.model.Safe.truncate(e.reference(), 300));
            v.put("via", ID);
            Verdicts.listedOn(facts, indicator, v);
        }
        if (a.credits() != null) call.note("credits left: " + a.credits());
        return call.result(null, 1 + a.listedBy().size(), false);
    }
}
