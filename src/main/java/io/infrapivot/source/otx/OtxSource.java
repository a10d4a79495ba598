package io.infrapivot.source.otx;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Page;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * AlienVault OTX passive DNS ({@code GET /api/v1/indicators/{IPv4|IPv6|domain|hostname}/VALUE/passive_dns}) and
 * the pulses that name an IP, name, URL or file hash ({@code .../general}: a {@code verdict} on the
 * {@code mentions} scale, see {@link OtxPulses}); the key ({@code X-OTX-API-KEY}) is optional. One page each: OTX
 * returns the whole list. The {@code sections} setting chooses which are asked.
 */
public final class OtxSource extends ServiceSource {
    public static final String ID = "otx";
    static final SourceInfo.Setting<List<String>> SECTIONS = SourceInfo.Setting.list("sections",
            "what to ask: passive_dns (IPs and names), general (the pulses naming any indicator)", "passive_dns,general");
    private static final java.util.Set<io.infrapivot.model.Relation> RELATIONS = new java.util.HashSet<>(
            PdnsMapper.RELATIONS);

    static {
        RELATIONS.add(io.infrapivot.model.Relation.VERDICT);
    }

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("AlienVault OTX passive DNS of IPs, domains and hosts; pulses naming any of them, URLs and"
                    + " file hashes (key optional)")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP, IndicatorType.URL, IndicatorType.HASH)
            .produces(RELATIONS)
            .settings(settings(SourceInfo.Setting.key("OTX API key (optional)", false),
                    "https://otx.alienvault.com", SECTIONS))
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
            case URL -> "url";
            case HASH -> "file";
            default -> "hostname";
        };
        String base = call.base() + "/api/v1/indicators/" + section + "/" + ServiceCall.enc(indicator.value());
        List<String> wanted = call.context().settings().get(SECTIONS);
        boolean pdns = wanted.contains("passive_dns") && indicator.type() != IndicatorType.URL
                && indicator.type() != IndicatorType.HASH;
        long total = 0;
        long fetched = 0;
        if (pdns) {
            String body = call.getExplained(request(call, base + "/passive_dns"), OtxParser::parse, true);
            if (body != null) {
                Page<PdnsRecord> page = OtxParser.parse(body);
                List<PdnsRecord> kept = PdnsMapper.window(page.items(), call.facts(), Integer.MAX_VALUE);
                List<PdnsRecord> capped = call.capped(kept, 0);
                PdnsMapper.map(indicator, capped, call.facts());
                total += page.total() != null && kept.size() == page.items().size() ? page.total() : kept.size();
                fetched += capped.size();
            }
        }
        if (wanted.contains("general")) {
            String body = call.getExplained(request(call, base + "/general"), b -> OtxPulses.parse(b), true);
            var verdict = body == null ? null : OtxPulses.parse(body);
            if (verdict != null) {
                Verdicts.verdict(call.facts(), indicator, verdict);
                total++;
                fetched++;
            }
        }
        return call.result(total, fetched, false);
    }

    private static ServiceCall.Request request(ServiceCall call, String url) {
        var req = ServiceCall.Request.of(url);
        return call.keys().isEmpty() ? req : req.header("X-OTX-API-KEY", call.keys().get(0).reveal());
    }
}
