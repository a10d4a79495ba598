package io.infrapivot.source.threatfox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * abuse.ch ThreatFox IOC search ({@code Auth-Key} header): each IOC entry that matches an IP, name or URL becomes a
 * {@code verdict} on ThreatFox's own 0-100 confidence scale with the malware, threat type, tags and dates; a file
 * hash's IOCs (its command-and-control hosts, IPs and URLs) become {@code communicates-with} links from the hash,
 * annotated with their verdict, and the hash gets a {@code mentions} verdict (how many IOC entries, which malware).
 */
public final class ThreatFoxSource extends ServiceSource {
    public static final String ID = "threatfox";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("abuse.ch ThreatFox: IOC entries (malware, threat type, confidence) of IPs, names, URLs, hashes")
            .accepts(IndicatorType.IP, IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.URL, IndicatorType.HASH)
            .produces(EnumSet.of(Relation.VERDICT, Relation.COMMUNICATES_WITH))
            .settings(settings(SourceInfo.Setting.key("abuse.ch Auth-Key", true), "https://threatfox-api.abuse.ch"))
            .rateLimit(60, Duration.ofMinutes(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return ThreatFoxParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        ObjectNode q = Json.object();
        if (indicator.type() == IndicatorType.HASH) {
            q.put("query", "search_hash").put("hash", indicator.value());
        } else {
            q.put("query", "search_ioc").put("search_term", indicator.value()).put("exact_match", true);
        }
        var req = ServiceCall.Request.of(call.base() + "/api/v1/").header("Auth-Key", call.keys().get(0).reveal());
        String body = call.post(req, q.toString(), ThreatFoxParser::error);
        List<ThreatFoxParser.Ioc> iocs = ThreatFoxParser.parse(body);
        List<ThreatFoxParser.Ioc> kept = call.capped(iocs, 0);
        var facts = call.facts();
        for (ThreatFoxParser.Ioc ioc : kept) {
            if (indicator.type() != IndicatorType.HASH) {
                Verdicts.verdict(facts, indicator, ioc.verdict());
                continue;
            }
            indicatorOf(ioc, facts).ifPresent(target -> facts.link(indicator, Relation.COMMUNICATES_WITH, target,
                    ioc.verdict(), Verdicts.dateOf(ioc.verdict()), null, null));
        }
        if (indicator.type() == IndicatorType.HASH && !iocs.isEmpty()) {
            // the sample itself: how many IOC entries name it, and the malware they say it is
            java.time.Instant newest = iocs.stream().map(i -> Verdicts.dateOf(i.verdict()))
                    .filter(java.util.Objects::nonNull).max(java.time.Instant::compareTo).orElse(null);
            ObjectNode v = Verdicts.mentions(iocs.size(), newest);
            Verdicts.texts(v, "malware", iocs.stream().map(i -> i.verdict().path("malware").asText(""))
                    .filter(m -> !m.isEmpty()).distinct().limit(ThreatFoxParser.MAX_TAGS).toList());
            Verdicts.verdict(facts, indicator, v);
        }
        return call.result((long) iocs.size(), kept.size(), false);
    }

    /** The indicator an IOC names: the IP of "ip:port", the name of a domain, the URL of a url. */
    private static Optional<Indicator> indicatorOf(ThreatFoxParser.Ioc ioc, io.infrapivot.source.thirdparty.Facts facts) {
        String type = ioc.type() == null ? "" : ioc.type();
        String v = ioc.ioc();
        return switch (type) {
            case "ip:port" -> {
                int colon = v.lastIndexOf(':');
                String ip = colon > 0 ? v.substring(0, colon) : v;
                if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
                yield facts.ip(ip);
            }
            case "domain" -> facts.name(v);
            case "url" -> facts.as(IndicatorType.URL, v);
            default -> Optional.empty();
        };
    }
}
