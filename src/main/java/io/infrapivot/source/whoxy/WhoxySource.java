package io.infrapivot.source.whoxy;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.NumberedPages;
import io.infrapivot.source.thirdparty.ReverseWhoisMapper;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
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
        String key = ServiceCall.enc(call.keys().get(0).reveal());
        String term = field + "=" + ServiceCall.enc(indicator.value());
        return NumberedPages.reverseWhois(indicator, call, page -> ServiceCall.Request.of(call.base() + "/?key=" + key
                + "&reverse=whois&" + term + "&page=" + page).secretParam("key"), WhoxyParser::reverseWhois);
    }
}
