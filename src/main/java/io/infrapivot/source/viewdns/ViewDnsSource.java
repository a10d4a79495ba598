package io.infrapivot.source.viewdns;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.NumberedPages;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.Set;

/**
 * ViewDNS.info reverse WHOIS ({@code /reversewhois/?q=TERM&apikey=K&output=json&page=N}); the key is a query
 * parameter, shown as {@code ****} in the evidence. Takes an email, an organisation or a person's name.
 */
public final class ViewDnsSource extends ServiceSource {
    public static final String ID = "viewdns";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("ViewDNS.info reverse WHOIS: domains whose registration names an email, organisation or person")
            .accepts(IndicatorType.EMAIL, IndicatorType.ORG, IndicatorType.PERSON)
            .produces(Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_ORG, Relation.REGISTRANT_NAME)
            .settings(settings(SourceInfo.Setting.key("ViewDNS.info API key", true), "https://api.viewdns.info"))
            .rateLimit(1, Duration.ofSeconds(1))
            .ttl(Duration.ofDays(7))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return ViewDnsParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String key = ServiceCall.enc(call.keys().get(0).reveal());
        String q = ServiceCall.enc(indicator.value());
        return NumberedPages.reverseWhois(indicator, call, page -> ServiceCall.Request.of(call.base()
                + "/reversewhois/?q=" + q + "&apikey=" + key + "&output=json&page=" + page).secretParam("apikey"),
                ViewDnsParser::reverseWhois);
    }
}
