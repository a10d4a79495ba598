package io.infrapivot.source.securitytrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ReverseWhoisMapper;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SecurityTrails API v1 ({@code APIKEY} header): A-record history of names ({@code /history/NAME/dns/a}, paged
 * up to the cap), the subdomains ({@code /domain/D/subdomains}), WHOIS history ({@code /history/D/whois}) and
 * associated domains ({@code /domain/D/associated}, as {@code related}) of domains; and the domain search ({@code POST /domains/list?page=N} with a filter): the names on an IP
 * ({@code ipv4}/{@code ipv6}, as {@code co-hosted}) and reverse WHOIS of a registrant email, organisation or
 * phone ({@code whois_email}, {@code whois_organization}, {@code whois_telephone}); total {@code record_count}.
 */
public final class SecurityTrailsSource extends ServiceSource {
    public static final String ID = "securitytrails";
    private static final Set<Relation> RELATIONS = new HashSet<>(HistoryMapper.RELATIONS);

    static {
        RELATIONS.add(Relation.RESOLVES_TO);
        RELATIONS.add(Relation.SUBDOMAIN);
        RELATIONS.add(Relation.CO_HOSTED);
        RELATIONS.add(Relation.RELATED);
    }

    static final SourceInfo.Setting<Boolean> WHOIS_HISTORY = SourceInfo.Setting.flag("whois_history",
            "also ask for the WHOIS history of domains", true);
    static final SourceInfo.Setting<Boolean> ASSOCIATED = SourceInfo.Setting.flag("associated",
            "also ask for a domain's associated domains", true);
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("SecurityTrails: DNS (A) history of names, subdomains and WHOIS history of domains, names on an IP,"
                    + " domains of a registrant email/organisation/phone")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP, IndicatorType.EMAIL, IndicatorType.ORG, IndicatorType.PHONE)
            .produces(RELATIONS)
            .settings(settings(SourceInfo.Setting.key("SecurityTrails API key", true),
                    "https://api.securitytrails.com/v1",
                    WHOIS_HISTORY, ASSOCIATED))
            .rateLimit(1, Duration.ofSeconds(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return SecurityTrailsParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String key = call.keys().get(0).reveal();
        if (indicator.type() != IndicatorType.DOMAIN && indicator.type() != IndicatorType.HOST) {
            return search(indicator, call, key);
        }
        long fetched = 0;
        String page = "1";
        while (page != null && fetched < call.maxResults()) {
            var req = ServiceCall.Request.of(call.base() + "/history/" + ServiceCall.enc(indicator.value())
                    + "/dns/a?page=" + page).header("APIKEY", key);
            String body = call.getExplained(req, b -> SecurityTrailsParser.dnsHistory(indicator.value(), b), true);
            if (body == null) { // 404: nothing known, and no further page
                page = null;
                break;
            }
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
                && call.context().settings().get(WHOIS_HISTORY)) {
            var req = ServiceCall.Request.of(call.base() + "/history/" + ServiceCall.enc(indicator.value()) + "/whois")
                    .header("APIKEY", key);
            String body = call.getExplained(req, b -> SecurityTrailsParser.whoisHistory(indicator.value(), b), true);
            if (body != null) {
                HistoryMapper.map(indicator, SecurityTrailsParser.whoisHistory(indicator.value(), body).items(),
                        call.facts());
            }
        }
        if (indicator.type() == IndicatorType.DOMAIN
                && call.context().settings().get(ASSOCIATED)) {
            fetched += associated(indicator, call, key, fetched);
        }
        return call.result(total, fetched, more);
    }

    /**
     * {@code GET /domain/D/associated}: the domains SecurityTrails ties to this one (same registrant, shared
     * infrastructure), as {@code related} links, page by page up to the cap. A plan without the endpoint (403)
     * costs only this part: it is noted, the rest of the lookup stands.
     */
    private static long associated(Indicator domain, ServiceCall call, String key, long fetched)
            throws InterruptedException {
        long got = 0;
        String page = "1";
        try {
            while (page != null && fetched + got < call.maxResults()) {
                var req = ServiceCall.Request.of(call.base() + "/domain/" + ServiceCall.enc(domain.value())
                        + "/associated?page=" + page).header("APIKEY", key);
                String body = call.getExplained(req, SecurityTrailsParser::domainList, true);
                if (body == null) break;
                Page<DomainHit> p = SecurityTrailsParser.domainList(body);
                var hits = call.capped(p.items(), fetched + got);
                ObjectNode via = Json.object().put("via", "securitytrails associated domains");
                for (DomainHit h : hits) {
                    call.facts().name(h.domain()).filter(n -> !n.equals(domain))
                            .ifPresent(n -> call.facts().link(domain, Relation.RELATED, n, via, null, null, null));
                }
                got += hits.size();
                page = p.items().isEmpty() ? null : p.next();
            }
        } catch (ServiceException e) {
            call.note("associated domains not fetched: " + e.getMessage());
        }
        return got;
    }

    /** {@code POST /domains/list}: the domains whose IP or WHOIS field matches, page by page up to the cap. */
    private static LookupResult search(Indicator indicator, ServiceCall call, String key)
            throws ServiceException, InterruptedException {
        String filter = switch (indicator.type()) {
            case IP -> indicator.value().contains(":") ? "ipv6" : "ipv4";
            case EMAIL -> "whois_email";
            case ORG -> "whois_organization";
            default -> "whois_telephone";
        };
        ObjectNode body = Json.object();
        body.putObject("filter").put(filter, indicator.value());
        long fetched = 0;
        Long total = null;
        String page = "1";
        while (page != null && fetched < call.maxResults()) {
            var req = ServiceCall.Request.of(call.base() + "/domains/list?page=" + page).header("APIKEY", key);
            Page<DomainHit> p = SecurityTrailsParser.domainList(call.post(req, body.toString(),
                    SecurityTrailsParser::domainList));
            var hits = call.capped(p.items(), fetched);
            if (indicator.type() == IndicatorType.IP) {
                PdnsMapper.coHosted(indicator, hits.stream().map(DomainHit::domain).toList(), call.facts());
            } else {
                ReverseWhoisMapper.map(indicator, hits, call.facts());
            }
            fetched += hits.size();
            total = p.total();
            page = p.items().isEmpty() ? null : p.next();
        }
        return call.result(total, fetched, false);
    }
}
