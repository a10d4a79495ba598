package io.infrapivot.source.shodan;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;

/**
 * Shodan (key required): {@code /shodan/host/{ip}} — what its scanners saw on an IP (ports, hostnames, domains,
 * organisation, ASN, vulnerabilities, last update) — and {@code /shodan/host/search?query=http.favicon.hash:N} —
 * the IPs serving a favicon with that hash ({@code mmh3:N} indicators). A search is paged ({@code page=1,2,...},
 * 100 banners a page; each page after the first costs a query credit) up to the result cap. The key travels as
 * the {@code key} parameter, shown as {@code ****}.
 */
public final class ShodanSource extends ServiceSource {
    public static final String ID = "shodan";
    /** Banners in one page of a search. */
    static final int PAGE = 100;

    static final SourceInfo.Setting<Integer> MAX_PAGES = SourceInfo.Setting.integer("max-pages",
            "search pages asked for at most (each after the first costs a query credit)", 2);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Shodan host lookups (ports, hostnames, vulns, ASN) and favicon-hash search (mmh3:N)")
            .accepts(IndicatorType.IP, IndicatorType.HASH)
            .produces(Relation.SCAN, Relation.CO_HOSTED, Relation.ANNOUNCED_BY, Relation.FAVICON_HASH)
            .settings(settings(SourceInfo.Setting.key("Shodan API key", true), "https://api.shodan.io", MAX_PAGES))
            .rateLimit(1, Duration.ofSeconds(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return ShodanParser.ERRORS;
    }

    @Override
    protected String refuse(Indicator indicator) {
        if (indicator.type() == IndicatorType.HASH && !indicator.value().startsWith("mmh3:")) {
            return "shodan searches favicon hashes (mmh3:N) only, not file hashes";
        }
        return null;
    }

    private static ServiceCall.Request request(ServiceCall call, String pathAndQuery) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return ServiceCall.Request.of(call.base() + pathAndQuery + sep + "key="
                + ServiceCall.enc(call.keys().get(0).reveal())).secretParam("key");
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        if (indicator.type() == IndicatorType.IP) return host(indicator, call);
        return favicon(indicator, call);
    }

    private LookupResult host(Indicator ip, ServiceCall call) throws ServiceException, InterruptedException {
        String body = call.getExplained(request(call, "/shodan/host/" + ServiceCall.enc(ip.value()) + "?minify=true"),
                ShodanParser::error, false);
        if (body == null) return call.result(null, 0, false);
        ShodanParser.Host h = ShodanParser.host(body);
        var facts = call.facts();
        var v = Json.object();
        v.putPOJO("ports", h.ports());
        v.putPOJO("vulns", h.vulns());
        v.putPOJO("tags", h.tags());
        if (h.org() != null) v.put("org", h.org());
        if (h.isp() != null) v.put("isp", h.isp());
        if (h.os() != null) v.put("os", h.os());
        if (h.asn() != null) v.put("asn", h.asn());
        if (h.lastUpdate() != null) v.put("last_update", h.lastUpdate().toString());
        facts.attribute(ip, Relation.SCAN, v, null, h.lastUpdate());
        List<String> names = new java.util.ArrayList<>(h.hostnames());
        names.addAll(h.domains());
        for (String n : call.capped(names, 0)) {
            facts.name(n).ifPresent(name -> facts.link(ip, Relation.CO_HOSTED, name, null, null, h.lastUpdate(), null));
        }
        if (h.asn() != null) {
            facts.as(IndicatorType.ASN, h.asn()).ifPresent(a -> facts.link(ip, Relation.ANNOUNCED_BY, a, null, null,
                    h.lastUpdate(), null));
        }
        return call.result((long) names.size(), Math.min(names.size(), call.maxResults()), false);
    }

    private LookupResult favicon(Indicator hash, ServiceCall call) throws ServiceException, InterruptedException {
        String n = hash.value().substring("mmh3:".length());
        var facts = call.facts();
        int maxPages = Math.max(1, call.context().settings().get(MAX_PAGES));
        long fetched = 0;
        long total = 0;
        boolean more = false;
        for (int page = 1; ; page++) {
            String body = call.getExplained(request(call, "/shodan/host/search?query="
                    + ServiceCall.enc("http.favicon.hash:" + n) + "&minify=true&page=" + page), ShodanParser::error,
                    false);
            if (body == null) break;
            ShodanParser.Search s = ShodanParser.search(body);
            total = s.total();
            var capped = call.capped(s.matches(), fetched);
            for (ShodanParser.Match m : capped) {
                var value = Json.object();
                value.put("port", m.port());
                if (m.org() != null) value.put("org", m.org());
                facts.ip(m.ip()).ifPresent(ip -> {
                    facts.link(ip, Relation.FAVICON_HASH, hash, value, null, m.timestamp(), null);
                    for (String h : m.hostnames()) {
                        facts.name(h).ifPresent(name -> facts.link(ip, Relation.CO_HOSTED, name, null, null,
                                m.timestamp(), null));
                    }
                });
            }
            fetched += capped.size();
            boolean servicesHasMore = s.matches().size() >= PAGE && (long) page * PAGE < total;
            if (capped.size() < s.matches().size() || !servicesHasMore) break;
            if (page >= maxPages || fetched >= call.maxResults()) {
                more = true;
                break;
            }
        }
        return call.result(total, fetched, more);
    }
}
