package io.infrapivot.engine.data;

import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.rdap.RdapBootstrap;
import io.infrapivot.source.rdap.RdapBootstrapUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** {@code update-data rdap}: the RDAP bootstrap files fetched anew (IANA's, or a mirror's) into the data folder. */
public final class RdapBootstrapRefresh {
    /** IANA's bootstrap service, the default of the {@code rdap} source's {@code bootstrap_url}. */
    public static final String IANA_URL = RdapBootstrap.IANA_URL;

    private RdapBootstrapRefresh() {}

    /** What was written: how many files and the publication date they carry (null when none). */
    public record Result(int files, Instant publication) {}

    /** Fetches every bootstrap file from {@code baseUrl} into {@code dir} (replacing a copy only when all came). */
    public static Result refresh(String baseUrl, Path dir) throws IOException, InterruptedException {
        var r = RdapBootstrapUpdate.refresh(new HttpFetcher(HttpFetcher.Options.defaults()), baseUrl, dir);
        return new Result(r.files().size(), r.publication());
    }
}
