package io.infrapivot.source.robtex;

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

/** Robtex free API passive DNS: {@code /pdns/forward/NAME} and {@code /pdns/reverse/IP} (no key). */
public final class RobtexSource extends ServiceSource {
    public static final String ID = "robtex";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Robtex free API passive DNS, forward (names) and reverse (IPs)")
            .accepts(IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(PdnsMapper.RELATIONS)
            .settings(settings(null, "https://freeapi.robtex.com"))
            .rateLimit(10, Duration.ofMinutes(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** The service's statuses and error codes, declared as data. */
    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return RobtexParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        String way = indicator.type() == IndicatorType.IP ? "reverse" : "forward";
        String body = call.get(ServiceCall.Request.of(call.base() + "/pdns/" + way + "/"
                + ServiceCall.enc(indicator.value())), true, true);
        List<PdnsRecord> all = body == null ? List.of() : RobtexParser.parse(body);
        List<PdnsRecord> kept = PdnsMapper.window(all, call.facts(), Integer.MAX_VALUE);
        List<PdnsRecord> capped = call.capped(kept, 0);
        PdnsMapper.map(indicator, capped, call.facts());
        return call.result((long) kept.size(), capped.size(), false);
    }
}
