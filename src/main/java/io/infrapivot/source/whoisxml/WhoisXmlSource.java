package io.infrapivot.source.whoisxml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.DomainHit;
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

/**
 * WhoisXML API WHOIS History ({@code GET /api/v1?apiKey=K&domainName=D&mode=purchase&outputFormat=JSON}); the
 * key is a query parameter, shown as {@code ****} in the evidence. Every version becomes a registration record
 * with WhoisXML's audit dates as first/last seen. Reverse WHOIS of an email, organisation, person or phone
 * ({@code POST reverse-whois.whoisxmlapi.com/api/v2}, advanced search on the matching WHOIS field, the key in the
 * {@code X-Authentication-Token} header, pages with {@code searchAfter} up to the cap; total {@code domainsCount}).
 */
public final class WhoisXmlSource extends ServiceSource {
    public static final String ID = "whoisxml";

    static final SourceInfo.Setting<String> REVERSE_URL = SourceInfo.Setting.text("reverse_url",
            "base URL of the Reverse WHOIS API", "https://reverse-whois.whoisxmlapi.com");
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("WhoisXML API: WHOIS history of a domain; reverse WHOIS of an email, organisation, person or phone")
            .accepts(IndicatorType.DOMAIN, IndicatorType.EMAIL, IndicatorType.ORG, IndicatorType.PERSON, IndicatorType.PHONE)
            .produces(HistoryMapper.RELATIONS)
            .settings(settings(SourceInfo.Setting.key("WhoisXML API key", true),
                    "https://whois-history.whoisxmlapi.com",
                    REVERSE_URL))
            .rateLimit(30, Duration.ofSeconds(1))
            .ttl(Duration.ofDays(7))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return WhoisXmlParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        if (indicator.type() != IndicatorType.DOMAIN) return reverse(indicator, call);
        String url = call.base() + "/api/v1?apiKey=" + ServiceCall.enc(call.keys().get(0).reveal()) + "&domainName="
                + ServiceCall.enc(indicator.value()) + "&mode=purchase&outputFormat=JSON";
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("apiKey"),
                b -> WhoisXmlParser.history(indicator.value(), b), true);
        if (body == null) return call.result(null, 0, false);
        Page<HistoricRecord> page = WhoisXmlParser.history(indicator.value(), body);
        var versions = call.capped(page.items(), 0);
        HistoryMapper.map(indicator, versions, call.facts());
        return call.result(page.total(), versions.size(), false);
    }

    private static LookupResult reverse(Indicator term, ServiceCall call) throws ServiceException, InterruptedException {
        String field = switch (term.type()) {
            case EMAIL -> "Email";
            case ORG -> "RegistrantContact.Organization";
            case PERSON -> "RegistrantContact.Name";
            default -> "RegistrantContact.Telephone";
        };
        String base = call.context().settings().get(REVERSE_URL)
                .replaceAll("/+$", "");
        var req = ServiceCall.Request.of(base + "/api/v2").header("X-Authentication-Token",
                call.keys().get(0).reveal());
        long fetched = 0;
        Long total = null;
        String after = null;
        do {
            ObjectNode body = Json.object().put("searchType", "current").put("mode", "purchase").put("punycode", true);
            body.putArray("advancedSearchTerms").addObject().put("field", field).put("term", term.value())
                    .put("exactMatch", true);
            if (after != null) body.put("searchAfter", after);
            Page<DomainHit> page = WhoisXmlParser.reverseWhois(call.post(req, body.toString(),
                    WhoisXmlParser::reverseWhois));
            var hits = call.capped(page.items(), fetched);
            ReverseWhoisMapper.map(term, hits, call.facts());
            fetched += hits.size();
            total = page.total();
            after = page.items().isEmpty() ? null : page.next();
        } while (after != null && fetched < call.maxResults());
        return call.result(total, fetched, after != null && total == null);
    }
}
