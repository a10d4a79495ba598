package io.infrapivot.source.passivetotal;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.DomainHit;
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
 * RiskIQ PassiveTotal API v2 (HTTP basic auth with the {@code user:key} key): {@code /v2/dns/passive} for
 * IPs and names, {@code /v2/whois/search} (field email, organization, name or phone) for registrant terms.
 */
public final class PassiveTotalSource extends ServiceSource {
    public static final String ID = "passivetotal";

    private static final Set<IndicatorType> ACCEPTS = new HashSet<>(List.of(IndicatorType.DOMAIN,
            IndicatorType.HOST, IndicatorType.IP));

    static {
        ACCEPTS.addAll(ReverseWhoisMapper.ACCEPTS);
    }

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("RiskIQ PassiveTotal v2: passive DNS of IPs and names, WHOIS search by registrant email/org/name/phone")
            .accepts(ACCEPTS)
            .produces(Relation.RESOLVES_TO, Relation.CO_HOSTED, Relation.ALIAS_OF, Relation.NAME_SERVER, Relation.MAIL_SERVER, Relation.SUBDOMAIN, Relation.DNS_RECORD, Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_ORG, Relation.REGISTRANT_NAME, Relation.REGISTRANT_PHONE)
            .settings(settings(SourceInfo.Setting.key("PassiveTotal account as user:key", true),
                    "https://api.passivetotal.org"))
            .rateLimit(15, Duration.ofDays(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return PassiveTotalParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String auth = basic(call.keys().get(0).reveal());
        if (ReverseWhoisMapper.ACCEPTS.contains(indicator.type())) {
            String field = switch (indicator.type()) {
                case EMAIL -> "email";
                case ORG -> "organization";
                case PERSON -> "name";
                default -> "phone";
            };
            var req = ServiceCall.Request.of(call.base() + "/v2/whois/search?query=" + ServiceCall.enc(indicator.value())
                    + "&field=" + field).header("Authorization", auth);
            String body = call.getExplained(req, PassiveTotalParser::whoisSearch, true);
            if (body == null) return call.result(null, 0, false);
            Page<DomainHit> page = PassiveTotalParser.whoisSearch(body);
            List<DomainHit> hits = call.capped(page.items(), 0);
            ReverseWhoisMapper.map(indicator, hits, call.facts());
            return call.result(page.total(), hits.size(), false);
        }
        var req = ServiceCall.Request.of(call.base() + "/v2/dns/passive?query=" + ServiceCall.enc(indicator.value()))
                .header("Authorization", auth);
        String body = call.getExplained(req, PassiveTotalParser::passiveDns, true);
        if (body == null) return call.result(null, 0, false);
        Page<PdnsRecord> page = PassiveTotalParser.passiveDns(body);
        List<PdnsRecord> kept = PdnsMapper.window(page.items(), call.facts(), call.maxResults());
        PdnsMapper.map(indicator, kept, call.facts());
        return call.result(page.total(), page.items().size() > call.maxResults() ? kept.size() : page.items().size(),
                false);
    }
}
