package io.infrapivot.source.certspotter;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.CertMapper;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * SSLMate Cert Spotter issuances ({@code /v1/issuances?domain=D&include_subdomains=true&expand=dns_names
 * &expand=issuer}, paged with {@code after=}); free without a key for current certificates, a key goes in
 * {@code Authorization: Bearer}. Certificates are keyed by their SHA-256.
 */
public final class CertspotterSource extends ServiceSource {
    public static final String ID = "certspotter";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Cert Spotter certificate issuances of a domain: certificates by SHA-256, their names and issuers")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST)
            .produces(Relation.SUBDOMAIN, Relation.CERT_NAME, Relation.CERT_ISSUER)
            .settings(settings(SourceInfo.Setting.key("Cert Spotter API key (optional)", false),
                    "https://api.certspotter.com/v1"))
            .rateLimit(75, Duration.ofHours(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return CertspotterParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String base = call.base() + "/issuances?domain=" + ServiceCall.enc(indicator.value())
                + "&include_subdomains=" + (indicator.type() == IndicatorType.DOMAIN)
                + "&expand=dns_names&expand=issuer";
        long fetched = 0;
        String after = "";
        while (after != null && fetched < call.maxResults()) {
            var req = ServiceCall.Request.of(after.isEmpty() ? base : base + "&after=" + ServiceCall.enc(after));
            if (!call.keys().isEmpty()) req = req.header("Authorization", "Bearer " + call.keys().get(0).reveal());
            String body = call.getExplained(req, CertspotterParser::parse, true);
            if (body == null) { // 404: nothing known about the domain
                after = null;
                break;
            }
            Page<CertRecord> page = CertspotterParser.parse(body);
            List<CertRecord> items = call.capped(page.items(), fetched);
            CertMapper.map(indicator, items, call.facts());
            fetched += items.size();
            after = page.items().isEmpty() ? null : page.next();
        }
        return call.result(null, fetched, after != null);
    }
}
