package io.infrapivot.source.crtsh;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.CertMapper;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * crt.sh certificate search ({@code /?q=%.DOMAIN&output=json} for a domain and its subdomains,
 * {@code /?q=HOST&output=json} for a host). crt.sh is often slow or answers 502/503: the shared helper retries
 * with backoff, and a failure is an error, never "no certificates". {@code exclude_expired = true} asks it to
 * leave expired certificates out.
 */
public final class CrtShSource extends ServiceSource {
    public static final String ID = "crtsh";

    private static final SourceInfo INFO = new SourceInfo(ID,
            "crt.sh certificate transparency search: names in certificates of a domain",
            Set.of(IndicatorType.DOMAIN, IndicatorType.HOST),
            Set.of(Relation.SUBDOMAIN, Relation.CERT_NAME, Relation.CERT_ISSUER),
            Access.PASSIVE, settings(null, "https://crt.sh",
                    SourceInfo.Setting.plain("exclude_expired", "leave expired certificates out (true/false)", "false")),
            new SourceInfo.RateLimit(12, Duration.ofMinutes(1)), 1, Duration.ofDays(1), true);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String q = indicator.type() == IndicatorType.DOMAIN ? "%." + indicator.value() : indicator.value();
        boolean noExpired = Boolean.parseBoolean(call.context().settings().get("exclude_expired", "false"));
        String url = call.base() + "/?q=" + ServiceCall.enc(q) + "&output=json" + (noExpired ? "&exclude=expired" : "");
        String body = call.get(ServiceCall.Request.of(url), true, true);
        if (body == null) return call.result(null, 0, false);
        List<CertRecord> certs = CrtShParser.parse(body);
        List<CertRecord> capped = call.capped(certs, 0);
        CertMapper.map(indicator, capped, call.facts());
        return call.result((long) certs.size(), capped.size(), false);
    }
}
