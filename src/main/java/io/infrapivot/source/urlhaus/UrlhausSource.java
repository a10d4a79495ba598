package io.infrapivot.source.urlhaus;

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
import java.util.Map;

/**
 * abuse.ch URLhaus (malware distribution URLs; {@code Auth-Key} header): a host (IP, domain, host name), a URL or a
 * payload hash (MD5 or SHA-256) becomes a {@code verdict} on the {@code listed} scale (absent when URLhaus has no
 * entry) with its counts, threats, tags and dates; the host's URLs become {@code url-host} links, a payload's URLs
 * {@code downloaded-from} links, a URL's payloads {@code downloaded-from} links from their SHA-256.
 */
public final class UrlhausSource extends ServiceSource {
    public static final String ID = "urlhaus";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("abuse.ch URLhaus: malware-distribution listings of hosts, URLs and payload hashes")
            .accepts(IndicatorType.IP, IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.URL, IndicatorType.HASH)
            .produces(EnumSet.of(Relation.VERDICT, Relation.URL_HOST, Relation.DOWNLOADED_FROM))
            .settings(settings(SourceInfo.Setting.key("abuse.ch Auth-Key", true), "https://urlhaus-api.abuse.ch"))
            .rateLimit(60, Duration.ofMinutes(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return UrlhausParser.ERRORS;
    }

    @Override
    protected String refuse(Indicator indicator) {
        int n = indicator.value().length();
        if (indicator.type() == IndicatorType.HASH && n != 32 && n != 64) {
            return "URLhaus looks up MD5 and SHA-256 payload hashes only";
        }
        return null;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(call.base() + switch (indicator.type()) {
            case URL -> "/v1/url/";
            case HASH -> "/v1/payload/";
            default -> "/v1/host/";
        }).header("Auth-Key", call.keys().get(0).reveal());
        Map<String, String> form = switch (indicator.type()) {
            case URL -> Map.of("url", indicator.value());
            case HASH -> Map.of(indicator.value().length() == 32 ? "md5_hash" : "sha256_hash", indicator.value());
            default -> Map.of("host", indicator.value());
        };
        String body = call.postForm(req, form, UrlhausParser::error);
        UrlhausParser.Answer a = switch (indicator.type()) {
            case URL -> UrlhausParser.url(body);
            case HASH -> UrlhausParser.payload(body);
            default -> UrlhausParser.host(body);
        };
        if (a.verdict() == null) return call.result(null, 0, false);
        var facts = call.facts();
        Verdicts.verdict(facts, indicator, a.verdict());
        for (UrlhausParser.Entry e : call.capped(a.urls(), 1)) {
            facts.as(IndicatorType.URL, e.url()).ifPresent(u -> {
                if (indicator.type() == IndicatorType.HASH) {
                    facts.link(indicator, Relation.DOWNLOADED_FROM, u, null, e.first(), e.last(), null);
                } else {
                    facts.link(u, Relation.URL_HOST, indicator, null, e.first(), e.last(), null);
                }
            });
        }
        for (String sha : call.capped(a.payloads(), 1)) {
            facts.as(IndicatorType.HASH, sha).ifPresent(h -> facts.link(h, Relation.DOWNLOADED_FROM, indicator, null,
                    null, null, null));
        }
        long found = 1L + a.urls().size() + a.payloads().size();
        return call.result(null, Math.min(found, call.maxResults()), found > call.maxResults());
    }
}
