package io.infrapivot.source.whoisxml;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.Set;

/**
 * WhoisXML API WHOIS History ({@code GET /api/v1?apiKey=K&domainName=D&mode=purchase&outputFormat=JSON}); the
 * key is a query parameter, shown as {@code ****} in the evidence. Every version becomes a registration record
 * with WhoisXML's audit dates as first/last seen. (Reverse WHOIS is a POST API; its answer parser is
 * {@link WhoisXmlParser#reverseWhois}, the transport waits for POST in the shared HTTP helper.)
 */
public final class WhoisXmlSource extends ServiceSource {
    public static final String ID = "whoisxml";

    private static final SourceInfo INFO = new SourceInfo(ID,
            "WhoisXML API WHOIS history of a domain, as registration records over time",
            Set.of(IndicatorType.DOMAIN), HistoryMapper.RELATIONS,
            Access.PASSIVE, settings(SourceInfo.Setting.key("WhoisXML API key", true),
                    "https://whois-history.whoisxmlapi.com"),
            new SourceInfo.RateLimit(30, Duration.ofSeconds(1)), 1, Duration.ofDays(7), true);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String url = call.base() + "/api/v1?apiKey=" + ServiceCall.enc(call.keys().get(0).reveal()) + "&domainName="
                + ServiceCall.enc(indicator.value()) + "&mode=purchase&outputFormat=JSON";
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("apiKey"),
                b -> WhoisXmlParser.history(indicator.value(), b), true);
        if (body == null) return call.result(null, 0, false);
        Page<HistoricRecord> page = WhoisXmlParser.history(indicator.value(), body);
        var versions = call.capped(page.items(), 0);
        HistoryMapper.map(indicator, versions, call.facts());
        return call.result(page.total(), versions.size(), false);
    }
}
