package io.infrapivot.source.virustotal;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * VirusTotal API v3 relationships ({@code x-apikey} header): {@code resolutions} of IPs, domains and hosts;
 * {@code subdomains} of domains; {@code siblings} of hosts (names sharing its parent domain); {@code historical_whois}
 * of domains (registration records over time). Pages with
 * {@code cursor} up to the result cap per relationship; {@code meta.count} is the total reported. The
 * {@code relationships} setting chooses which are asked (each is one or more requests against the 4-per-minute
 * free quota).
 */
public final class VirusTotalSource extends ServiceSource {
    public static final String ID = "virustotal";
    static final SourceInfo.Setting<List<String>> RELATIONSHIPS = SourceInfo.Setting.list("relationships",
            "which relationships to ask for names", "resolutions,subdomains,siblings,historical_whois");
    private static final Set<Relation> RELATIONS = new HashSet<>(HistoryMapper.RELATIONS);

    static {
        RELATIONS.addAll(List.of(Relation.RESOLVES_TO, Relation.CO_HOSTED, Relation.SUBDOMAIN, Relation.RELATED));
    }
    private static final int PAGE = 40;

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("VirusTotal v3: resolutions of IPs and names, subdomains of domains, siblings of hosts")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(RELATIONS)
            .settings(settings(SourceInfo.Setting.key("VirusTotal API key", true),
                    "https://www.virustotal.com/api/v3",
                    RELATIONSHIPS))
            .rateLimit(4, Duration.ofMinutes(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return VirusTotalParser.ERRORS;
    }

    private record Tally(long fetched, Long total, boolean more) {}

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        List<String> wanted = call.context().settings().get(RELATIONSHIPS);
        String object = indicator.type() == IndicatorType.IP ? "/ip_addresses/" : "/domains/";
        String base = call.base() + object + ServiceCall.enc(indicator.value()) + "/";
        List<Tally> tallies = new ArrayList<>();
        if (wanted.contains("resolutions")) tallies.add(relationship(indicator, call, base + "resolutions", true));
        if (indicator.type() == IndicatorType.DOMAIN && wanted.contains("subdomains")) {
            tallies.add(relationship(indicator, call, base + "subdomains", false));
        }
        if (indicator.type() == IndicatorType.HOST && wanted.contains("siblings")) {
            tallies.add(relationship(indicator, call, base + "siblings", false));
        }
        if (indicator.type() == IndicatorType.DOMAIN && wanted.contains("historical_whois")) {
            var req = ServiceCall.Request.of(base + "historical_whois?limit=" + Math.min(PAGE, call.maxResults()))
                    .header("x-apikey", call.keys().get(0).reveal());
            String body = call.getExplained(req, VirusTotalParser::envelope, true);
            if (body != null) {
                HistoryMapper.map(indicator, VirusTotalParser.historicalWhois(indicator.value(), body).items(),
                        call.facts());
            }
        }
        long fetched = tallies.stream().mapToLong(Tally::fetched).sum();
        boolean anyTotal = tallies.stream().anyMatch(t -> t.total() != null);
        Long total = anyTotal ? tallies.stream().mapToLong(t -> t.total() == null ? t.fetched() : t.total()).sum() : null;
        return call.result(total, fetched, tallies.stream().anyMatch(Tally::more));
    }

    private Tally relationship(Indicator indicator, ServiceCall call, String url, boolean resolutions)
            throws ServiceException, InterruptedException {
        long fetched = 0;
        Long total = null;
        String cursor = "";
        while (cursor != null && fetched < call.maxResults()) {
            int limit = (int) Math.min(PAGE, call.maxResults() - fetched);
            String u = url + "?limit=" + limit + (cursor.isEmpty() ? "" : "&cursor=" + ServiceCall.enc(cursor));
            var req = ServiceCall.Request.of(u).header("x-apikey", call.keys().get(0).reveal());
            String body = call.getExplained(req, VirusTotalParser::envelope, true);
            if (body == null) {
                cursor = null;
                break;
            }
            if (resolutions) {
                Page<PdnsRecord> page = VirusTotalParser.resolutions(body);
                PdnsMapper.map(indicator, PdnsMapper.window(page.items(), call.facts(), Integer.MAX_VALUE),
                        call.facts());
                fetched += page.items().size();
                total = page.total();
                cursor = page.items().isEmpty() ? null : page.next();
            } else {
                Page<String> page = VirusTotalParser.names(body);
                names(indicator, page.items(), call.facts());
                fetched += page.items().size();
                total = page.total();
                cursor = page.items().isEmpty() ? null : page.next();
            }
        }
        return new Tally(fetched, total, cursor != null && !cursor.isEmpty() && total == null);
    }

    /** Subdomains of a domain; siblings of a host are subdomains of its registrable domain (else related). */
    private static void names(Indicator indicator, List<String> names, Facts facts) {
        if (indicator.type() == IndicatorType.DOMAIN) {
            PdnsMapper.subdomains(indicator, names, facts);
            return;
        }
        String v = indicator.value();
        Indicator parent = facts.name(v.substring(v.indexOf('.') + 1)).orElse(null);
        for (String n : names) {
            facts.name(n).ifPresent(sibling -> {
                if (parent != null && Facts.below(sibling, parent)) {
                    facts.link(parent, Relation.SUBDOMAIN, sibling, null, null, null, null);
                } else {
                    facts.link(indicator, Relation.RELATED, sibling, null, null, null, null);
                }
            });
        }
    }
}
