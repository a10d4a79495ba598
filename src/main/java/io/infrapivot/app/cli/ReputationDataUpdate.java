package io.infrapivot.app.cli;

import io.infrapivot.engine.data.FailureReason;
import io.infrapivot.engine.data.ReputationListsRefresh;
import java.io.IOException;

/**
 * The {@code reputation} data sets of {@code update-data}: the Spamhaus DROP/ASN-DROP lists and the Tor exit list,
 * each fetched from its source's {@code url} setting ({@code INFRAPIVOT_SPAMHAUSDROP_URL},
 * {@code INFRAPIVOT_TOREXIT_URL}) into {@code <data folder>/<source id>/}, where the offline sources read them.
 */
final class ReputationDataUpdate {
    private ReputationDataUpdate() {}

    /** How many lists were refreshed and how many failed (a failed one keeps its old copy). */
    record Counts(int ok, int failed) {}

    static Counts run(AppContext ctx, Terminal t) throws InterruptedException {
        var lists = new ReputationListsRefresh(ctx.data().folder());
        int ok = 0;
        int failed = 0;
        String dropUrl = ctx.config().source(ReputationListsRefresh.DROP_ID).get("url", ReputationListsRefresh.DROP_DEFAULT_URL);
        try {
            var r = lists.refreshDrop(dropUrl);
            t.println("spamhaus-drop: " + r.networks() + " networks, " + r.asns() + " ASNs"
                    + (r.date() == null ? "" : ", list of " + r.date()) + ", from " + Terminal.v(dropUrl));
            ok++;
        } catch (IOException e) {
            t.error("spamhaus-drop not refreshed (kept as before): " + FailureReason.of(e));
            failed++;
        }
        String torUrl = ctx.config().source(ReputationListsRefresh.TOR_ID).get("url", ReputationListsRefresh.TOR_DEFAULT_URL);
        try {
            int exits = lists.refreshTor(torUrl, ctx.clock().instant());
            t.println("tor-exit-list: " + exits + " exit addresses, from " + Terminal.v(torUrl));
            ok++;
        } catch (IOException e) {
            t.error("tor-exit-list not refreshed (kept as before): " + FailureReason.of(e));
            failed++;
        }
        return new Counts(ok, failed);
    }
}
