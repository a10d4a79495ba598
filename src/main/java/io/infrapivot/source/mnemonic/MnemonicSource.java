package io.infrapivot.source.mnemonic;

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
import java.util.Set;

/**
 * Mnemonic Passive DNS, public API v3 ({@code GET /pdns/v3/QUERY?limit=N&offset=O}); works without a key at a low
 * rate, a key ({@code Argus-API-Key} header) raises it. Pages by offset up to the result cap.
 */
public final class MnemonicSource extends ServiceSource {
    public static final String ID = "mnemonic";
    private static final int PAGE = 100;

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Mnemonic Passive DNS: records of a name, names of an IP (key optional)")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(PdnsMapper.RELATIONS)
            .settings(settings(SourceInfo.Setting.key("Mnemonic Argus API key (optional)", false),
                    "https://api.mnemonic.no"))
            .rateLimit(100, Duration.ofDays(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return MnemonicParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        int fetched = 0;
        Long total = null;
        String offset = "0";
        while (offset != null && fetched < call.maxResults()) {
            int limit = Math.min(PAGE, call.maxResults() - fetched);
            var req = ServiceCall.Request.of(call.base() + "/pdns/v3/" + ServiceCall.enc(indicator.value())
                    + "?limit=" + limit + "&offset=" + offset);
            if (!call.keys().isEmpty()) req = req.header("Argus-API-Key", call.keys().get(0).reveal());
            String body = call.getExplained(req, MnemonicParser::parse, true);
            if (body == null) break;
            Page<PdnsRecord> page = MnemonicParser.parse(body);
            total = page.total();
            fetched += page.items().size();
            PdnsMapper.map(indicator, PdnsMapper.window(page.items(), call.facts(), Integer.MAX_VALUE), call.facts());
            offset = page.items().isEmpty() ? null : page.next();
        }
        return call.result(total, fetched, false);
    }
}
