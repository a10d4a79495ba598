package io.infrapivot.source.axfr;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.dns.ActiveNameSource;
import io.infrapivot.source.dns.Asker;
import java.time.Duration;
import org.xbill.DNS.Name;

/**
 * Source {@code axfr} (active: it talks to the target's own name servers): a zone transfer attempt against
 * every authoritative name server of a domain. Off unless {@code --active}.
 */
public final class AxfrSource extends ActiveNameSource {
    public static final String ID = "axfr";

    public AxfrSource() {
        super(ID, "zone transfer (AXFR) attempt against every authoritative name server of a domain", 4,
                SourceInfo.Setting.plain("port", "port the transfer is tried on", "53"),
                SourceInfo.Setting.plain("transfer-timeout", "time one transfer may take", "20s"),
                SourceInfo.Setting.plain("max-records", "records kept from one transfer", "100000"));
    }

    @Override
    protected LookupResult discover(Name name, Indicator indicator, Asker asker, LookupContext context)
            throws InterruptedException {
        var s = context.settings();
        ZoneTransfer zt = new ZoneTransfer(asker, s.getInt("port", 53),
                s.getDuration("transfer-timeout", Duration.ofSeconds(20)), s.getInt("max-records", 100_000));
        return result(zt.attempt(name), asker, indicator, context);
    }
}
