package io.infrapivot.source.whoxy;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.HistoricRecord;
import io.infrapivot.source.thirdparty.HistoryMapper;
import io.infrapivot.source.thirdparty.NumberedPages;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whoxy reverse WHOIS ({@code /?key=K&reverse=whois&email=E|company=O|name=N|phone=P&page=N}); the key is a
 * query parameter, shown as {@code ****} in the evidence. Pages up to the cap; {@code total_results} is the total.
 */
public final class WhoxySource extends ServiceSource {
    public static final String ID = "whoxy";
    private static final Set<IndicatorType> ACCEPTS = EnumSet.of(IndicatorType.DOMAIN, IndicatorType.EMAIL,
            IndicatorType.ORG, IndicatorType.PERSON, IndicatorType.PHONE);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Whoxy reverse WHOIS (domains registered with an email, company, name or phone) and WHOIS history")
            .accepts(ACCEPTS)
            .produces(HistoryMapper.RELATIONS)
            .settings(settings(SourceInfo.Setting.key("Whoxy API key", true), "https://api.whoxy.com"))
            .rateLimit(5, Duration.ofSeconds(1))
            .ttl(Duration.ofDays(7))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return WhoxyParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        if (indicator.type() == IndicatorType.DOMAIN) return history(indicator, call);
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

    private static LookupResult history(Indicator domain, ServiceCall call) throws ServiceException, InterruptedException {
        String url = call.base() + "/?key=" + ServiceCall.enc(call.keys().get(0).reveal()) + "&history="
                + ServiceCall.enc(domain.value());
        String body = call.getExplained(ServiceCall.Request.of(url).secretParam("key"),
                b -> WhoxyParser.history(domain.value(), b), false);
        Page<HistoricRecord> page = WhoxyParser.history(domain.value(), body);
        var versions = call.capped(page.items(), 0);
        HistoryMapper.map(domain, versions, call.facts());
        return call.result(page.total(), versions.size(), false);
    }
}
