package io.infrapivot.source.domaintools;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.registration.RegistrationObservations;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ReverseWhoisMapper;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DomainTools with signed requests ({@link DomainToolsSigner}; the key setting is {@code username:apikey}):
 * Reverse WHOIS of registrant terms ({@code /v1/reverse-whois/?terms=T&mode=purchase[&scope=historic]}), WHOIS
 * history of domains ({@code /v1/D/whois/history}) and, with {@code iris = true}, Iris Investigate of domains
 * ({@code /v1/iris-investigate/?domain=D}: registration, IPs, MX, analytics IDs, certificates, each link annotated
 * with {@code pivot_count}, how many domains share the value). Note: DomainTools bills these requests.
 */
public final class DomainToolsSource extends ServiceSource {
    public static final String ID = "domaintools";
    private static final Set<Relation> RELATIONS = new HashSet<>(HistoryMapper.RELATIONS);

    static {
        RELATIONS.addAll(List.of(Relation.RESOLVES_TO, Relation.MAIL_SERVER, Relation.USES_ANALYTICS_ID,
                Relation.CERT_NAME));
    }

    private static final Set<IndicatorType> ACCEPTS = EnumSet.of(IndicatorType.DOMAIN, IndicatorType.EMAIL,
            IndicatorType.ORG, IndicatorType.PERSON, IndicatorType.PHONE);

    private static final SourceInfo INFO = new SourceInfo(ID,
            "DomainTools Reverse WHOIS (domains whose registration names an email, organisation, person or phone)"
                    + " and WHOIS history of domains",
            ACCEPTS, RELATIONS,
            Access.PASSIVE, settings(SourceInfo.Setting.key("DomainTools account as username:apikey", true),
                    "https://api.domaintools.com",
                    SourceInfo.Setting.plain("scope", "current or historic registrations", "current"),
                    SourceInfo.Setting.plain("iris", "also ask Iris Investigate for domains (true/false; billed)",
                            "false")),
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
        if (indicator.type() == IndicatorType.DOMAIN) {
            LookupResult history = history(indicator, call, user, key);
            boolean iris = Boolean.parseBoolean(call.context().settings().get("iris", "false"));
            return iris ? iris(indicator, call, user, key) : history;
        }
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

    /** Iris Investigate of a domain: its current profile, each pivot annotated with how many domains share it. */
    private static LookupResult iris(Indicator domain, ServiceCall call, String user, String key)
            throws ServiceException, InterruptedException {
        String path = "/v1/iris-investigate/";
        String url = call.base() + path + "?domain=" + ServiceCall.enc(domain.value()) + "&"
                + DomainToolsSigner.params(user, key, path, call.context().now());
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("signature"),
                b -> IrisParser.parse(b, call.context().now()), true);
        List<IrisParser.Profile> profiles = body == null ? List.of() : IrisParser.parse(body, call.context().now());
        Facts facts = call.facts();
        for (IrisParser.Profile p : profiles) {
            if (!p.domain().equalsIgnoreCase(domain.value())) continue;
            facts.addAll(RegistrationObservations.of(domain, p.registration(), ID, facts.now(), facts.evidence(),
                    facts.parser()));
            shared(facts, domain, Relation.RESOLVES_TO, IndicatorType.IP, p.ips());
            shared(facts, domain, Relation.MAIL_SERVER, null, p.mx());
            shared(facts, domain, Relation.USES_ANALYTICS_ID, IndicatorType.ANALYTICS_ID, p.analytics());
            for (IrisParser.Shared cert : p.sslSha1()) {
                facts.as(IndicatorType.CERT, cert.value()).ifPresent(c -> facts.link(c, Relation.CERT_NAME, domain,
                        Json.object().put("pivot_count", cert.pivotCount()), null, null, null));
            }
        }
        return call.result(null, profiles.size(), false);
    }

    private static void shared(Facts facts, Indicator domain, Relation rel, IndicatorType type,
                               List<IrisParser.Shared> values) {
        for (IrisParser.Shared v : values) {
            var object = type == null ? facts.name(v.value()) : facts.as(type, v.value());
            object.ifPresent(o -> facts.link(domain, rel, o, Json.object().put("pivot_count", v.pivotCount()), null,
                    null, null));
        }
    }
}
