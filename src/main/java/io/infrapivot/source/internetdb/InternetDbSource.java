package io.infrapivot.source.internetdb;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import java.time.Duration;
import java.util.EnumSet;

/**
 * Shodan InternetDB (free, no key): what Shodan's scans saw on an IP — open ports, CPEs, tags and known
 * vulnerabilities — as a {@code verdict} on the {@code exposure} scale (no judgement, no date: InternetDB gives
 * none), and the host names it gives as {@code co-hosted} links. The keyed Shodan API is another source.
 */
public final class InternetDbSource extends ServiceSource {
    public static final String ID = "internetdb";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Shodan InternetDB (no key): open ports, CPEs, tags, vulnerabilities and host names of an IP")
            .accepts(IndicatorType.IP)
            .produces(EnumSet.of(Relation.VERDICT, Relation.CO_HOSTED))
            .settings(settings(null, "https://internetdb.shodan.io"))
            .rateLimit(1, Duration.ofSeconds(1))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public ErrorTable errors() {
        return InternetDbParser.ERRORS;
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(call.base() + "/" + ServiceCall.enc(indicator.value()));
        String body;
        try {
            body = call.getExplained(req, InternetDbParser::error, true);
        } catch (ServiceException e) {
            if (e.errorClass() == ErrorClass.NOT_FOUND) return call.result(null, 0, false);
            throw e;
        }
        if (body == null) return call.result(null, 0, false);
        InternetDbParser.Answer a = InternetDbParser.parse(body);
        Verdicts.verdict(call.facts(), indicator, a.verdict());
        for (String h : call.capped(a.hostnames(), 1)) {
            call.facts().name(h).ifPresent(n -> call.facts().link(indicator, Relation.CO_HOSTED, n, null, null, null,
                    null));
        }
        return call.result(null, 1 + a.hostnames().size(), false);
    }
}
