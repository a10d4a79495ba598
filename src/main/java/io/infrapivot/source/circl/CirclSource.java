package io.infrapivot.source.circl;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * CIRCL Passive DNS ({@code GET /pdns/query/VALUE}, COF lines, HTTP basic auth with the {@code user:password}
 * key). Names give their records; IPs give the names that resolved to them.
 */
public final class CirclSource extends ServiceSource {
    public static final String ID = "circl";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("CIRCL Passive DNS: records of a name, names of an IP, with first/last seen and counts")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(PdnsMapper.RELATIONS)
            .settings(settings(SourceInfo.Setting.key("CIRCL account as user:password", true), "https://www.circl.lu/pdns/query"))
            .rateLimit(60, Duration.ofMinutes(1))
            .concurrency(2)
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(call.base() + "/" + ServiceCall.enc(indicator.value()))
                .header("Authorization", basic(call.keys().get(0).reveal()));
        String body = call.get(req, true, true);
        List<PdnsRecord> all = body == null ? List.of() : CirclParser.parse(body);
        List<PdnsRecord> kept = PdnsMapper.window(all, call.facts(), Integer.MAX_VALUE);
        List<PdnsRecord> page = PdnsMapper.window(kept, call.facts(), call.maxResults());
        PdnsMapper.map(indicator, page, call.facts());
        return call.result((long) kept.size(), page.size(), false);
    }
}
