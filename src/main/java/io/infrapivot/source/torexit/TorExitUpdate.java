package io.infrapivot.source.torexit;

import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.reputation.ListFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Refreshes the Tor exit list copy for {@code update-data}: fetches the bulk exit list, checks that it holds IP
 * addresses (an empty or non-list answer keeps the old copy), and writes it dated {@code now}.
 */
public final class TorExitUpdate {
    private TorExitUpdate() {}

    /** How many exits were written. */
    public record Result(int exits, Instant date) {}

    public static Result refresh(HttpFetcher http, String url, Path dir, Instant now)
            throws IOException, InterruptedException {
        String text = ListFiles.fetch(http, url);
        int n = TorExitSource.parse(text).size();
        if (n == 0) throw new IOException("no IP address in the answer from " + io.infrapivot.model.Safe.oneLine(url));
        ListFiles.write(dir, Map.of(TorExitSource.FILE, text), now, url);
        return new Result(n, now);
    }
}
