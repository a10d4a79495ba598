package io.infrapivot.source.hackertarget;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * HackerTarget: {@code /hostsearch/?q=DOMAIN} (names under a domain with their address) and
 * {@code /reverseiplookup/?q=IP} (names on an IP) and {@code /analyticslookup/?q=ID} (sites carrying a Google
 * Analytics, Tag Manager or AdSense ID). No key needed (a small daily quota); a key is sent as the
 * {@code apikey} parameter and shown as {@code ****} in the evidence.
 */
public final class HackerTargetSource extends ServiceSource {
    public static final String ID = "hackertarget";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("HackerTarget host search (names under a domain) and reverse IP (names on an IP)")
            .accepts(IndicatorType.DOMAIN, IndicatorType.IP, IndicatorType.ANALYTICS_ID)
            .produces(Relation.RESOLVES_TO, Relation.SUBDOMAIN, Relation.CO_HOSTED, Relation.USES_ANALYTICS_ID)
            .settings(settings(SourceInfo.Setting.key("HackerTarget API key (optional)", false),
                    "https://api.hackertarget.com"))
            .rateLimit(50, Duration.ofDays(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return HackerTargetParser.ERRORS;
    }

    @Override
    protected String refuse(Indicator indicator) {
        if (indicator.type() == IndicatorType.ANALYTICS_ID && !HackerTargetParser.isGoogleId(indicator.value())) {
            return "hackertarget looks up Google Analytics, Tag Manager and AdSense IDs only";
        }
        return null;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        boolean ip = indicator.type() == IndicatorType.IP;
        boolean id = indicator.type() == IndicatorType.ANALYTICS_ID;
        String url = call.base() + (id ? "/analyticslookup/" : ip ? "/reverseiplookup/" : "/hostsearch/") + "?q="
                + ServiceCall.enc(id ? HackerTargetParser.queryId(indicator.value()) : indicator.value());
        var req = ServiceCall.Request.of(call.keys().isEmpty() ? url
                : url + "&apikey=" + ServiceCall.enc(call.keys().get(0).reveal())).secretParam("apikey");
        String body = call.get(req, false, true);
        if (body == null) return call.result(null, 0, false);
        if (id) {
            List<String> sites = HackerTargetParser.analytics(body);
            List<String> capped = call.capped(sites, 0);
            var facts = call.facts();
            for (String site : capped) {
                facts.name(site).ifPresent(n -> facts.link(n, Relation.USES_ANALYTICS_ID, indicator, null, null, null,
                        null));
            }
            return call.result((long) sites.size(), capped.size(), false);
        }
        if (ip) {
            List<String> names = HackerTargetParser.reverseIp(body);
            List<String> capped = call.capped(names, 0);
            PdnsMapper.coHosted(indicator, capped, call.facts());
            return call.result((long) names.size(), capped.size(), false);
        }
        List<PdnsRecord> hosts = HackerTargetParser.hostSearch(body);
        List<PdnsRecord> capped = call.capped(hosts, 0);
        PdnsMapper.map(indicator, capped, call.facts());
        return call.result((long) hosts.size(), capped.size(), false);
    }
}
