package io.infrapivot.engine.data;

import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.spamhausdrop.DropUpdate;
import io.infrapivot.source.spamhausdrop.SpamhausDropSource;
import io.infrapivot.source.torexit.TorExitSource;
import io.infrapivot.source.torexit.TorExitUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code update-data reputation}: the offline reputation lists (Spamhaus DROP/ASN-DROP, the Tor exit list) fetched
 * into {@code <data folder>/<source id>/}, where the offline sources read them. A failed refresh keeps the old copy.
 */
public final class ReputationListsRefresh {
    public static final String DROP_ID = SpamhausDropSource.ID;
    public static final String DROP_DEFAULT_URL = SpamhausDropSource.DEFAULT_URL;
    public static final String TOR_ID = TorExitSource.ID;
    public static final String TOR_DEFAULT_URL = TorExitSource.DEFAULT_URL;

    private final HttpFetcher http = new HttpFetcher(HttpFetcher.Options.defaults());
    private final Path dataFolder;

    public ReputationListsRefresh(Path dataFolder) {
        this.dataFolder = dataFolder;
    }

    /** What a DROP refresh wrote: networks, ASNs and the list's own date (null when it gave none). */
    public record Drop(int networks, int asns, String date) {}

    public Drop refreshDrop(String url) throws IOException, InterruptedException {
        var r = DropUpdate.refresh(http, url, dataFolder.resolve(DROP_ID));
        return new Drop(r.networks(), r.asns(), r.date() == null ? null : r.date().toString());
    }

    /** How many exit addresses the Tor list held. */
    public int refreshTor(String url, Instant now) throws IOException, InterruptedException {
        return TorExitUpdate.refresh(http, url, dataFolder.resolve(TOR_ID), now).exits();
    }
}
