package io.infrapivot.app.cli;

import io.infrapivot.engine.data.FailureReason;
import io.infrapivot.engine.data.GeoData;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@code update-data --geo}: downloads DB-IP's free City Lite database and says how to use it and whom to credit. */
final class GeoDataStep {
    private GeoDataStep() {}

    /** Downloads into the data folder; true when it worked (a failure is said on stderr). */
    static boolean run(AppContext ctx, Terminal t, String url) throws InterruptedException {
        GeoData geo = new GeoData(ctx.data().folder());
        try {
            var d = geo.refresh(url != null ? url : GeoData.DBIP_URL, LocalDate.now(ctx.clock().withZone(ZoneOffset.UTC)));
            t.println("geo: " + Terminal.v(d.databaseType()) + " built " + d.buildDate() + ", " + (d.bytes() >> 20)
                    + " MB, from " + Terminal.v(d.url()));
            t.println("  " + GeoData.DBIP_CREDIT);
            t.println("  saved as " + Terminal.v(d.file()) + "; the geoip source reads it unless its databases"
                    + " setting names others (add it there to read both)");
            return true;
        } catch (IOException e) {
            t.error("geo database not downloaded (kept as before): " + FailureReason.of(e));
            return false;
        }
    }
}
