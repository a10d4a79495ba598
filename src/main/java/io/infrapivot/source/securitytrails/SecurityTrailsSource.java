package io.infrapivot.source.securitytrails;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SecurityTrails API v1 ({@code APIKEY} header): A-record history of names ({@code /history/NAME/dns/a}, paged
 * up to the cap) and the subdomains of domains ({@code /domain/D/subdomains}).
 */
public final class SecurityTrailsSource extends ServiceSource {
    public static final String ID = "securitytrails";
    private static final Set<Relation> RELATIONS = new HashSet<>(HistoryMapper.RELATIONS);

    static {
        RELATIONS.add(Relation.RESOLVES_TO);
        RELATIONS.add(Relation.SUBDOMAIN);
    }

    private static final SourceInfo INFO = new SourceInfo(ID,
            "SecurityTrails: DNS (A) history of names, subdomains and WHOIS history of domains",
            Set.of(IndicatorType.DOMAIN, IndicatorType.HOST),
            RELATIONS,
            Access.PASSIVE, settings(SourceInfo.Setting.key("SecurityTrails API key", true),
                    "https://api.securitytrails.com/v1",
                    SourceInfo.Setting.plain("whois_history", "also ask for the WHOIS history of domains (true/false)",
                            "true")),
            new SourceInfo.RateLimit(1, Duration.ofSeconds(1)), 1, Duration.ofDays(1), true);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String key = call.keys().get(0).reveal();
        long fetched = 0;
        String page = "1";
        while (page != null && fetched < call.maxResults()) {
            var req = ServiceCall.Request.of(call.base() + "/history/" + ServiceCall.enc(indicator.value())
                    + "/dns/a?page=" + page).header("APIKEY", key);
            String body = call.getExplained(req, b -> SecurityTrailsParser.dnsHistory(indicator.value(), b), true);
            if (body == null) break;
            Page<PdnsRecord> p = SecurityTrailsParser.dnsHistory(indicator.value(), body);
            List<PdnsRecord> kept = PdnsMapper.window(p.items(), call.facts(), (int) (call.maxResults() - fetched));
            PdnsMapper.map(indicator, kept, call.facts());
            fetched += kept.size();
            page = p.items().isEmpty() ? null : p.next();
        }
        boolean more = page != null;
        Long total = null;
        if (indicator.type() == IndicatorType.DOMAIN) {
            var req = ServiceCall.Request.of(call.base() + "/domain/" + ServiceCall.enc(indicator.value())
                    + "/subdomains?children_only=false").header("APIKEY", key);
            String body = call.getExplained(req, b -> SecurityTrailsParser.subdomains(indicator.value(), b), true);
            if (body != null) {
                Page<String> subs = SecurityTrailsParser.subdomains(indicator.value(), body);
                List<String> capped = call.capped(subs.items(), 0);
                PdnsMapper.subdomains(indicator, capped, call.facts());
                if (subs.total() != null && subs.total() > capped.size()) {
                    total = fetched + subs.total();
                }
                fetched += capped.size();
            }
        }
        if (indicator.type() == IndicatorType.DOMAIN
                && Boolean.parseBoolean(call.context().settings().get("whois_history", "true"))) {
            var req = ServiceCall.Request.of(call.base() + "/history/" + ServiceCall.enc(indicator.value()) + "/whois")
                    .header("APIKEY", key);
            String body = call.getExplained(req, b -> SecurityTrailsParser.whoisHistory(indicator.value(), b), true);
            if (body != null) {
                HistoryMapper.map(indicator, SecurityTrailsParser.whoisHistory(indicator.value(), body).items(),
                        call.facts());
            }
        }
        return call.result(total, fetched, more);
    }
}
