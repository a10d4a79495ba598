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

    /** The port the transfer is tried on. */
    static final SourceInfo.Setting<Integer> PORT = SourceInfo.Setting.integer("port", "port the transfer is tried on",
            53);
    /** Time one transfer may take. */
    static final SourceInfo.Setting<Duration> TRANSFER_TIMEOUT = SourceInfo.Setting.duration("transfer-timeout",
            "time one transfer may take", Duration.ofSeconds(20));
    /** Records kept from one transfer (a longer one is cut off). */
    static final SourceInfo.Setting<Integer> MAX_RECORDS = SourceInfo.Setting.integer("max-records",
            "records kept from one transfer", 100_000);

    public AxfrSource() {
        super(ID, "zone transfer (AXFR) attempt against every authoritative name server of a domain", 4,
                PORT, TRANSFER_TIMEOUT, MAX_RECORDS);
    }

    @Override
    protected LookupResult discover(Name name, Indicator indicator, Asker asker, LookupContext context)
            throws InterruptedException {
        var s = context.settings();
        ZoneTransfer zt = new ZoneTransfer(asker, s.get(PORT), s.get(TRANSFER_TIMEOUT), s.get(MAX_RECORDS));
        return result(zt.attempt(name), asker, indicator, context);
    }
}
