package io.infrapivot.source.whoxy;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.DomainHit;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ReverseWhoisMapper;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Whoxy reverse WHOIS ({@code /?key=K&reverse=whois&email=E|company=O|name=N|phone=P&page=N}); the key is a
 * query parameter, shown as {@code ****} in the evidence. Pages up to the cap; {@code total_results} is the total.
 */
public final class WhoxySource extends ServiceSource {
    public static final String ID = "whoxy";

    private static final SourceInfo INFO = new SourceInfo(ID,
            "Whoxy reverse WHOIS: domains registered with an email, company, name or phone",
            ReverseWhoisMapper.ACCEPTS,
            Set.of(Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_ORG, Relation.REGISTRANT_NAME,
                    Relation.REGISTRANT_PHONE),
            Access.PASSIVE, settings(SourceInfo.Setting.key("Whoxy API key", true), "https://api.whoxy.com"),
            new SourceInfo.RateLimit(5, Duration.ofSeconds(1)), 1, Duration.ofDays(7), true);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String field = switch (indicator.type()) {
            case EMAIL -> "email";
            case ORG -> "company";
            case PERSON -> "name";
            default -> "phone";
        };
        long fetched = 0;
        Long total = null;
        String page = "1";
        while (page != null && fetched < call.maxResults()) {
            String url = call.base() + "/?key=" + ServiceCall.enc(call.keys().get(0).reveal()) + "&reverse=whois&"
                    + field + "=" + ServiceCall.enc(indicator.value()) + "&page=" + page;
            String body = call.getExplained(ServiceCall.Request.of(url).secretParam("key"), WhoxyParser::reverseWhois,
                    false);
            Page<DomainHit> p = WhoxyParser.reverseWhois(body);
            List<DomainHit> hits = p.items();
            if (fetched + hits.size() > call.maxResults()) hits = hits.subList(0, (int) (call.maxResults() - fetched));
            ReverseWhoisMapper.map(indicator, hits, call.facts());
            fetched += hits.size();
            total = p.total();
            page = p.items().isEmpty() ? null : p.next();
        }
        return call.result(total, fetched, false);
    }
}
