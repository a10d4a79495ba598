package io.infrapivot.source.dnsdb;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Farsight DNSDB API v2 ({@code X-API-Key} header, streaming SAF answers): rrset lookups of names
 * ({@code /lookup/rrset/name/NAME/ANY}) and rdata lookups of IPs ({@code /lookup/rdata/ip/IP}), with
 * {@code limit} set to the result cap and {@code time_last_after}/{@code time_last_before} from
 * {@code --since}/{@code --until}. A {@code limited} answer is reported as truncated.
 */
public final class DnsdbSource extends ServiceSource {
    public static final String ID = "dnsdb";

    static final SourceInfo.Setting<Boolean> REVERSE_NS = SourceInfo.Setting.flag("reverse_ns",
            "also ask which domains a host serves as name server", true);
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Farsight DNSDB v2: rrsets of names, names pointing at an IP")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(PdnsMapper.RELATIONS)
            .settings(settings(SourceInfo.Setting.key("DNSDB API key", true), "https://api.dnsdb.info/dnsdb/v2",
                    REVERSE_NS))
            .rateLimit(1, Duration.ofSeconds(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String name = ServiceCall.enc(indicator.value());
        DnsdbParser.Result r = ask(indicator, call, indicator.type() == IndicatorType.IP
                ? "/lookup/rdata/ip/" + name : "/lookup/rrset/name/" + name + "/ANY");
        if (indicator.type() == IndicatorType.HOST
                && call.context().settings().get(REVERSE_NS)) {
            DnsdbParser.Result ns = ask(indicator, call, "/lookup/rdata/name/" + name + "/NS");
            return call.result(null, r.records().size() + ns.records().size(), r.limited() || ns.limited());
        }
        return call.result(null, r.records().size(), r.limited());
    }

    private static DnsdbParser.Result ask(Indicator indicator, ServiceCall call, String path)
            throws ServiceException, InterruptedException {
        StringBuilder q = new StringBuilder("?limit=").append(call.maxResults());
        Instant since = call.context().options().since();
        Instant until = call.context().options().until();
        if (since != null) q.append("&time_last_after=").append(since.getEpochSecond());
        if (until != null) q.append("&time_last_before=").append(until.getEpochSecond());
        var req = ServiceCall.Request.of(call.base() + path + q)
                .header("X-API-Key", call.keys().get(0).reveal()).header("Accept", "application/x-ndjson");
        String body = call.get(req, true, true);
        if (body == null) return new DnsdbParser.Result(java.util.List.of(), false, null);
        DnsdbParser.Result r = DnsdbParser.parse(body);
        PdnsMapper.map(indicator, PdnsMapper.window(r.records(), call.facts(), Integer.MAX_VALUE), call.facts());
        return r;
    }
}
