package io.infrapivot.source.spamhausdrop;

import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.reputation.ListFiles;
import io.infrapivot.source.thirdparty.ServiceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refreshes the Spamhaus DROP copy for {@code update-data}: fetches {@code drop_v4.json}, {@code drop_v6.json} and
 * {@code asndrop.json} from the base URL, checks they read as DROP lists, and only then replaces the copy.
 * Spamhaus asks that the lists be fetched at most once an hour.
 */
public final class DropUpdate {
    private DropUpdate() {}

    /** What was written. */
    public record Result(int networks, int asns, java.time.Instant date) {}

    public static Result refresh(HttpFetcher http, String baseUrl, Path dir) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : SpamhausDropSource.FILES) files.put(f, ListFiles.fetch(http, base + f));
        DropList list;
        try {
            list = DropList.parse(files.get("drop_v4.json"), files.get("drop_v6.json"), files.get("asndrop.json"));
        } catch (ServiceException e) {
            throw new IOException("not Spamhaus DROP lists: " + e.getMessage(), e);
        }
        ListFiles.write(dir, files, list.date(), base);
        return new Result(list.networks(), list.asns(), list.date());
    }
}
