package io.infrapivot.source.otx;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * AlienVault OTX passive DNS ({@code GET /api/v1/indicators/{IPv4|IPv6|domain|hostname}/VALUE/passive_dns});
 * the key ({@code X-OTX-API-KEY}) is optional. One page: OTX returns the whole list.
 */
public final class OtxSource extends ServiceSource {
    public static final String ID = "otx";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("AlienVault OTX passive DNS of IPs, domains and hosts (key optional)")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(PdnsMapper.RELATIONS)
            .settings(settings(SourceInfo.Setting.key("OTX API key (optional)", false),
                    "https://otx.alienvault.com"))
            .rateLimit(10_000, Duration.ofHours(1))
            .concurrency(2)
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return OtxParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String section = switch (indicator.type()) {
            case IP -> indicator.value().contains(":") ? "IPv6" : "IPv4";
            case DOMAIN -> "domain";
            default -> "hostname";
        };
        var req = ServiceCall.Request.of(call.base() + "/api/v1/indicators/" + section + "/"
                + ServiceCall.enc(indicator.value()) + "/passive_dns");
        if (!call.keys().isEmpty()) req = req.header("X-OTX-API-KEY", call.keys().get(0).reveal());
        String body = call.getExplained(req, OtxParser::parse, true);
        if (body == null) return call.result(null, 0, false);
        Page<PdnsRecord> page = OtxParser.parse(body);
        List<PdnsRecord> kept = PdnsMapper.window(page.items(), call.facts(), Integer.MAX_VALUE);
        List<PdnsRecord> capped = call.capped(kept, 0);
        PdnsMapper.map(indicator, capped, call.facts());
        long total = page.total() != null && kept.size() == page.items().size() ? page.total() : kept.size();
        return call.result(total, capped.size(), false);
    }
}
