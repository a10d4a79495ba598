package io.infrapivot.source.abuseipdb;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;

/**
 * AbuseIPDB APIv2 check of an IP ({@code Key} header): a {@code verdict} on AbuseIPDB's own 0-100 confidence
 * scale with the number of reports, the reporters, the usage type, ISP and the last report's date. The free plan
 * allows 1000 checks a day; the answer's {@code X-RateLimit-*} headers are reported with the result.
 */
public final class AbuseIpdbSource extends ServiceSource {
    public static final String ID = "abuseipdb";
    static final SourceInfo.Setting<Integer> MAX_AGE_DAYS = SourceInfo.Setting.integer("max-age-days",
            "reports older than this many days are not counted (1-365)", 90);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("AbuseIPDB: abuse confidence score, reports, usage type and ISP of an IP")
            .accepts(IndicatorType.IP)
            .produces(Relation.VERDICT)
            .settings(settings(SourceInfo.Setting.key("AbuseIPDB APIv2 key", true), "https://api.abuseipdb.com/api/v2",
                    MAX_AGE_DAYS))
            .rateLimit(1000, Duration.ofDays(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return AbuseIpdbParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        int days = Math.max(1, Math.min(365, call.context().settings().get(MAX_AGE_DAYS)));
        var req = ServiceCall.Request.of(call.base() + "/check?ipAddress=" + ServiceCall.enc(indicator.value())
                + "&maxAgeInDays=" + days).header("Key", call.keys().get(0).reveal());
        String body = call.getExplained(req, AbuseIpdbParser::error, false);
        Verdicts.verdict(call.facts(), indicator, AbuseIpdbParser.parse(body));
        return call.result(null, 1, false);
    }
}
