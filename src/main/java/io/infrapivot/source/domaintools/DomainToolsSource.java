package io.infrapivot.source.domaintools;

import io.infrapivot.source.ErrorClass;
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
import java.util.Optional;
import java.util.Set;

/**
 * DomainTools with signed requests ({@link DomainToolsSigner}; the key setting is {@code username:apikey}):
 * Reverse WHOIS of registrant terms ({@code /v1/reverse-whois/?terms=T&mode=purchase[&scope=historic]}), WHOIS
 * history of domains ({@code /v1/D/whois/history}) and, with {@code iris = true}, Iris Investigate of domains
 * ({@code /v1/iris-investigate/?domain=D}: registration, IPs, MX, analytics IDs, certificates, each link annotated
 * with {@code pivot_count}, how many domains share the value). With {@code iris = true} it also searches Iris
 * Investigate from an IP ({@code ip}), an analytics ID ({@code google_analytics}, {@code google_analytics_4},
 * {@code google_tag_manager}, {@code adsense}), a certificate's SHA-1 ({@code ssl_hash}) and, instead of Reverse
 * WHOIS, from an email ({@code email}), organisation ({@code registrant_org}), person ({@code registrant}) or phone
 * ({@code contact_phone}): every domain found, with its profile, paged by {@code position}. Note: DomainTools bills
 * these requests.
 */
public final class DomainToolsSource extends ServiceSource {
    public static final String ID = "domaintools";
    private static final Set<Relation> RELATIONS = new HashSet<>(HistoryMapper.RELATIONS);

    static {
        RELATIONS.addAll(List.of(Relation.RESOLVES_TO, Relation.MAIL_SERVER, Relation.USES_ANALYTICS_ID,
                Relation.CERT_NAME, Relation.RELATED));
    }

    private static final Set<IndicatorType> ACCEPTS = EnumSet.of(IndicatorType.DOMAIN, IndicatorType.EMAIL,
            IndicatorType.ORG, IndicatorType.PERSON, IndicatorType.PHONE, IndicatorType.IP, IndicatorType.ANALYTICS_ID,
            IndicatorType.CERT);

    static final SourceInfo.Setting<String> SCOPE = SourceInfo.Setting.text("scope",
            "current or historic registrations", "current");
    static final SourceInfo.Setting<Boolean> IRIS = SourceInfo.Setting.flag("iris", "use Iris Investigate: domain"
            + " profiles, and searches from IPs, analytics IDs, certificates and registrant terms (billed)", false);
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("DomainTools Reverse WHOIS (domains whose registration names an email, organisation, person or phone),"
                    + " WHOIS history of domains, and with iris = true Iris Investigate of domains and searches from"
                    + " IPs, analytics IDs and certificates")
            .accepts(ACCEPTS)
            .produces(RELATIONS)
            .settings(settings(SourceInfo.Setting.key("DomainTools account as username:apikey", true),
                    "https://api.domaintools.com",
                    SCOPE, IRIS))
            .rateLimit(60, Duration.ofMinutes(1))
            .ttl(Duration.ofDays(7))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return DomainToolsParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String account = call.keys().get(0).reveal();
        int colon = account.indexOf(':');
        if (colon <= 0) {
            throw new ServiceException(ErrorClass.AUTH, "the key setting must be username:apikey");
        }
        String user = account.substring(0, colon);
        String key = account.substring(colon + 1);
        boolean iris = call.context().settings().get(IRIS);
        if (indicator.type() == IndicatorType.DOMAIN) {
            LookupResult history = history(indicator, call, user, key);
            return iris ? iris(indicator, call, user, key) : history;
        }
        String param = irisParam(indicator);
        if (iris && param != null) return irisSearch(indicator, param, call, user, key);
        if (!REVERSE_WHOIS.contains(indicator.type())) {
            return LookupResult.skipped("domaintools searches " + indicator.type().id() + " indicators only with iris"
                    + " = true (Iris Investigate)" + (param == null ? "; this one Iris cannot search" : ""));
        }
        boolean historic = "historic".equals(call.context().settings().get(SCOPE));
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
            if (p.domain().equalsIgnoreCase(domain.value())) profile(facts, domain, p);
        }
        return call.result(null, profiles.size(), false);
    }

    /** One domain's Iris profile as facts: registration, IPs, MX, analytics IDs, certificates, with pivot counts. */
    private static void profile(Facts facts, Indicator domain, IrisParser.Profile p) {
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

    private static final Set<IndicatorType> REVERSE_WHOIS = EnumSet.of(IndicatorType.EMAIL, IndicatorType.ORG,
            IndicatorType.PERSON, IndicatorType.PHONE);

    /** Iris Investigate's search parameter for an indicator, or null when Iris has none for it. */
    static String irisParam(Indicator i) {
        String v = i.value();
        return switch (i.type()) {
            case IP -> "ip";
            case EMAIL -> "email";
            case ORG -> "registrant_org";
            case PERSON -> "registrant";
            case PHONE -> "contact_phone";
            case ANALYTICS_ID -> v.startsWith("UA-") ? "google_analytics" : v.startsWith("G-") ? "google_analytics_4"
                    : v.startsWith("GTM-") ? "google_tag_manager" : v.startsWith("ca-pub-") ? "adsense" : null;
            case CERT -> v.matches("[0-9a-f]{40}") ? "ssl_hash" : null; // Iris keys certificates by SHA-1
            default -> null;
        };
    }

    /** The value Iris expects for {@code param}. */
    private static String irisValue(Indicator i, String param) {
        return param.equals("adsense") ? i.value().substring("ca-".length()) : i.value();
    }

    /**
     * Every domain Iris finds for the indicator, with its profile, page by page ({@code position}) up to the cap;
     * each is linked to the indicator by what the search means.
     */
    private static LookupResult irisSearch(Indicator term, String param, ServiceCall call, String user, String key)
            throws ServiceException, InterruptedException {
        String path = "/v1/iris-investigate/";
        Facts facts = call.facts();
        String position = null;
        long fetched = 0;
        Long total = null;
        boolean more = false;
        do {
            String url = call.base() + path + "?" + param + "=" + ServiceCall.enc(irisValue(term, param))
                    + (position == null ? "" : "&position=" + ServiceCall.enc(position)) + "&"
                    + DomainToolsSigner.params(user, key, path, call.context().now());
            String body = call.getExplained(ServiceCall.Request.of(url).secretParam("signature"),
                    b -> IrisParser.search(b, call.context().now()), true);
            if (body == null) break;
            IrisParser.SearchPage page = IrisParser.search(body, call.context().now());
            total = page.total();
            List<IrisParser.Profile> kept = call.capped(page.profiles(), fetched);
            boolean cut = kept.size() < page.profiles().size();
            for (IrisParser.Profile p : kept) {
                Optional<Indicator> domain = facts.name(p.domain());
                if (domain.isEmpty()) continue;
                int before = facts.observations().size();
                profile(facts, domain.get(), p);
                link(facts, term, param, domain.get(), before);
                fetched++;
            }
            more = cut || page.more() && page.position() != null && !page.position().equals(position);
            position = page.position();
        } while (more && fetched < call.maxResults());
        return call.result(total, fetched, more && total == null);
    }

    /** The link between a domain Iris found and the indicator searched for. */
    private static void link(Facts facts, Indicator term, String param, Indicator domain, int from) {
        switch (param) {
            case "ip" -> facts.link(domain, Relation.RESOLVES_TO, term, null, null, null, null);
            case "registrant_org" -> facts.link(domain, Relation.REGISTRANT_ORG, term, null, null, null, null);
            case "registrant" -> facts.link(domain, Relation.REGISTRANT_NAME, term, null, null, null, null);
            case "ssl_hash" -> facts.link(term, Relation.CERT_NAME, domain, null, null, null, null);
            case "email", "contact_phone" -> {
                // Iris matches any contact (and the SOA email): the profile says which; else they are only related
                boolean said = facts.observations().subList(from, facts.observations().size()).stream()
                        .anyMatch(o -> term.equals(o.object()) && domain.equals(o.subject()));
                if (!said) facts.link(domain, Relation.RELATED, term, Json.object().put("iris", param), null, null, null);
            }
            default -> facts.link(domain, Relation.USES_ANALYTICS_ID, term, null, null, null, null);
        }
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
