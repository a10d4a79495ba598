package io.infrapivot.source.virustotal;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.reputation.Verdicts;
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
 * VirusTotal API v3 ({@code x-apikey} header): the object {@code report} of IPs, domains, hosts, URLs and file hashes
 * as a {@code verdict} (engine detections, reputation, votes, categories, tags, last analysis date; a file's names,
 * type and first submission); relationships {@code resolutions} of IPs, domains and hosts; {@code subdomains} of
 * domains; {@code siblings} of hosts (names sharing its parent domain); {@code historical_whois} of domains
 * (registration records over time); {@code communicating_files} and {@code urls} of IPs and names; a file's
 * {@code contacted_domains}, {@code contacted_ips}, {@code contacted_urls}, {@code itw_urls} and
 * {@code dropped_files}. Pages with
 * {@code cursor} up to the result cap per relationship; {@code meta.count} is the total reported. The
 * {@code relationships} setting chooses which are asked (each is one or more requests against the 4-per-minute
 * free quota).
 */
public final class VirusTotalSource extends ServiceSource {
    public static final String ID = "virustotal";
    static final String DEFAULT_ASKED = "report,resolutions,subdomains,siblings,historical_whois,communicating_files,urls,"
            + "contacted_domains,contacted_ips,contacted_urls,itw_urls,dropped_files";
    static final SourceInfo.Setting<List<String>> RELATIONSHIPS = SourceInfo.Setting.list("relationships",
            "what to ask: report, and the relationships of names and IPs (resolutions, subdomains, siblings,"
            + " historical_whois, communicating_files, urls) and of files (contacted_domains, contacted_ips,"
            + " contacted_urls, itw_urls, dropped_files)", DEFAULT_ASKED);
    private static final Set<Relation> RELATIONS = new HashSet<>(HistoryMapper.RELATIONS);

    static {
        RELATIONS.addAll(List.of(Relation.RESOLVES_TO, Relation.CO_HOSTED, Relation.SUBDOMAIN, Relation.RELATED,
                Relation.VERDICT, Relation.COMMUNICATES_WITH, Relation.URL_HOST, Relation.DOWNLOADED_FROM,
                Relation.CONTAINS));
    }
    private static final int PAGE = 40;

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("VirusTotal v3: verdicts of IPs, names, URLs and files; resolutions, subdomains, siblings,"
                    + " communicating files and URLs of IPs and names; contacted hosts and URLs of files")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP, IndicatorType.URL, IndicatorType.HASH)
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
        String object = switch (indicator.type()) {
            case IP -> "/ip_addresses/" + ServiceCall.enc(indicator.value());
            case URL -> "/urls/" + VirusTotalReports.urlId(indicator.value());
            case HASH -> "/files/" + ServiceCall.enc(indicator.value());
            default -> "/domains/" + ServiceCall.enc(indicator.value());
        };
        String base = call.base() + object + "/";
        List<Tally> tallies = new ArrayList<>();
        if (wanted.contains("report")) report(indicator, call, call.base() + object);
        for (String rel : relationshipsOf(indicator.type())) {
            if (!wanted.contains(rel)) continue;
            tallies.add(switch (rel) {
                case "resolutions" -> relationship(call, base + rel, body -> {
                    Page<PdnsRecord> page = VirusTotalParser.resolutions(body);
                    PdnsMapper.map(indicator, PdnsMapper.window(page.items(), call.facts(), Integer.MAX_VALUE),
                            call.facts());
                    return page;
                });
                case "subdomains", "siblings" -> relationship(call, base + rel, body -> {
                    Page<String> page = VirusTotalParser.names(body);
                    names(indicator, page.items(), call.facts());
                    return page;
                });
                default -> relationship(call, base + rel, body -> {
                    Page<VirusTotalReports.Related> page = VirusTotalReports.related(body);
                    page.items().forEach(r -> VirusTotalLinks.link(indicator, rel, r, call.facts()));
                    return page;
                });
            });
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

    /** The relationships VirusTotal has for objects of this type, in the order they are asked. */
    static List<String> relationshipsOf(IndicatorType type) {
        return switch (type) {
            case DOMAIN -> List.of("resolutions", "subdomains", "communicating_files", "urls");
            case HOST -> List.of("resolutions", "siblings", "communicating_files", "urls");
            case IP -> List.of("resolutions", "communicating_files", "urls");
            case HASH -> List.of("contacted_domains", "contacted_ips", "contacted_urls", "itw_urls", "dropped_files");
            default -> List.of();
        };
    }

    /** The object's report as a verdict; nothing when VirusTotal has never seen it. */
    private static void report(Indicator indicator, ServiceCall call, String url)
            throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(url).header("x-apikey", call.keys().get(0).reveal());
        String body = call.getExplained(req, VirusTotalReports::error, true);
        var data = body == null ? null : VirusTotalReports.object(body);
        if (data == null) {
            call.note("not known to VirusTotal");
            return;
        }
        Verdicts.verdict(call.facts(), indicator, VirusTotalReports.verdict(data));
    }

    /** Reads one page of a relationship and maps its items. */
    @FunctionalInterface
    private interface PageReader {
        Page<?> read(String body) throws ServiceException;
    }

    private Tally relationship(ServiceCall call, String url, PageReader reader)
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
            Page<?> page = reader.read(body);
            fetched += page.items().size();
            total = page.total();
            cursor = page.items().isEmpty() ? null : page.next();
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
