package io.infrapivot.source.axfr;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsResolvers;
import io.infrapivot.source.dns.DnsSource;
import io.infrapivot.source.dns.Finding;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Source {@code axfr} (active: it talks to the target's own name servers): a zone transfer attempt against
 * every authoritative name server of a domain. Off unless {@code --active}.
 */
public final class AxfrSource implements Source {
    public static final String ID = "axfr";

    private static final SourceInfo INFO = new SourceInfo(ID,
            "zone transfer (AXFR) attempt against every authoritative name server of a domain",
            Set.of(IndicatorType.DOMAIN, IndicatorType.HOST),
            EnumSet.of(Relation.SUBDOMAIN, Relation.RESOLVES_TO, Relation.ALIAS_OF, Relation.DNS_RECORD),
            Access.ACTIVE, DnsConfig.settingsPlus(
                    SourceInfo.Setting.plain("port", "port the transfer is tried on", "53"),
                    SourceInfo.Setting.plain("transfer-timeout", "time one transfer may take", "20s"),
                    SourceInfo.Setting.plain("max-records", "records kept from one transfer", "100000")),
            null, 4, Duration.ofDays(1), true);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (indicator.type() != IndicatorType.DOMAIN && indicator.type() != IndicatorType.HOST) {
            return LookupResult.skipped("axfr does not look up " + indicator.type().id());
        }
        Asker asker = DnsResolvers.asker(context);
        var s = context.settings();
        ZoneTransfer zt = new ZoneTransfer(asker, s.getInt("port", 53),
                s.getDuration("transfer-timeout", Duration.ofSeconds(20)), s.getInt("max-records", 100_000));
        List<Finding> findings = zt.attempt(DnsNames.parse(indicator.value()));
        return DnsSource.result(findings, asker.answers(), indicator, context, ID);
    }
}
