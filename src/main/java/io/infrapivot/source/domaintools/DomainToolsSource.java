package io.infrapivot.source.domaintools;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ReverseWhoisMapper;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * DomainTools Reverse WHOIS ({@code /v1/reverse-whois/?terms=T&mode=purchase[&scope=historic]}) with signed
 * requests ({@link DomainToolsSigner}; the key setting is {@code username:apikey}). Note: every
 * {@code mode=purchase} request is billed by DomainTools.
 */
public final class DomainToolsSource extends ServiceSource {
    public static final String ID = "domaintools";
    private static final Set<IndicatorType> ACCEPTS = EnumSet.of(IndicatorType.DOMAIN, IndicatorType.EMAIL,
            IndicatorType.ORG, IndicatorType.PERSON, IndicatorType.PHONE);

    private static final SourceInfo INFO = new SourceInfo(ID,
            "DomainTools Reverse WHOIS (domains whose registration names an email, organisation, person or phone)"
                    + " and WHOIS history of domains",
            ACCEPTS, HistoryMapper.RELATIONS,
            Access.PASSIVE, settings(SourceInfo.Setting.key("DomainTools account as username:apikey", true),
                    "https://api.domaintools.com",
                    SourceInfo.Setting.plain("scope", "current or historic registrations", "current")),
            new SourceInfo.RateLimit(60, Duration.ofMinutes(1)), 1, Duration.ofDays(7), true);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String account = call.keys().get(0).reveal();
        int colon = account.indexOf(':');
        if (colon <= 0) {
            throw new ServiceException(ServiceException.Kind.AUTH, "the key setting must be username:apikey");
        }
        String user = account.substring(0, colon);
        String key = account.substring(colon + 1);
        if (indicator.type() == IndicatorType.DOMAIN) return history(indicator, call, user, key);
        boolean historic = "historic".equals(call.context().settings().get("scope", "current"));
        String path = "/v1/reverse-whois/";
        String url = call.base() + path + "?terms=" + ServiceCall.enc(indicator.value()) + "&mode=purchase"
                + (historic ? "&scope=historic" : "") + "&"
                + DomainToolsSigner.params(user, key, path, call.context().now());
        var req = ServiceCall.Request.of(url).secretParam("signature");
        String body = call.getExplained(req, b -> DomainToolsParser.reverseWhois(b, historic), true);
        if (body == null) return call.result(null, 0, false);
        Page<DomainHit> page = DomainToolsParser.reverseWhois(body, historic);
        List<DomainHit> hits = call.capped(page.items(), 0);
        ReverseWhoisMapper.map(indicator, hits, call.facts());
        return call.result(page.total(), hits.size(), false);
    }

    private static LookupResult history(Indicator domain, ServiceCall call, String user, String key)
            throws ServiceException, InterruptedException {
        String path = "/v1/" + ServiceCall.enc(domain.value()) + "/whois/history";
        String url = call.base() + path + "?" + DomainToolsSigner.params(user, key, path, call.context().now());
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("signature"),
                b -> DomainToolsParser.whoisHistory(domain.value(), b), true);
        if (body == null) return call.result(null, 0, false);
        Page<HistoricRecord> page = DomainToolsParser.whoisHistory(domain.value(), body);
        var versions = call.capped(page.items(), 0);
        HistoryMapper.map(domain, versions, call.facts());
        return call.result(page.total(), versions.size(), false);
    }
}
