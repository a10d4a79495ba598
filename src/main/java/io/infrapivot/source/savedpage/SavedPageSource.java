package io.infrapivot.source.savedpage;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.web.SavedPages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Source {@code savedpage} (offline): a saved web page the analyst named on the input — an HTML file or a HAR file
 * — read without touching the network, giving the facts the active {@code web} source gives for a live page: title
 * and server headers ({@code web-page}), redirect chain, linked domains, analytics and ad IDs, verification tags and,
 * from a HAR's own entries, the favicon's hash. The facts hang on the file's indicator; the URL the file records (a
 * HAR's first entry, an HTML file's "saved from url" mark) is linked as {@code downloaded-from}.
 *
 * <p>Which file it reads: as the {@code file} source, only the one {@link io.infrapivot.source.RunOptions#namedFiles()}
 * maps the indicator's SHA-256 to (a path named on the command's own input, never one from attacker-controlled text),
 * and only when its name is a saved page's ({@link SavedPages#isSavedPage}); the bytes read are checked against
 * that SHA-256. Reading a file the analyst named is not an active lookup: no {@code --active} needed.
 */
public final class SavedPageSource implements Source {
    public static final String ID = "savedpage";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("a saved web page (.html/.htm/.xhtml or .har) named on the input: title, redirects, linked"
                    + " domains, analytics IDs, verification tags, favicon hash (offline)")
            .accepts(IndicatorType.FILE)
            .produces(Relation.WEB_PAGE, Relation.REDIRECTS_TO, Relation.LINKS_TO, Relation.USES_ANALYTICS_ID,
                    Relation.VERIFICATION_TOKEN, Relation.FAVICON_HASH, Relation.SERVES_CERTIFICATE,
                    Relation.CERT_NAME, Relation.DOWNLOADED_FROM)
            .access(Access.OFFLINE).concurrency(2).ttl(Duration.ofDays(365))
            .build();

    private static final System.Logger LOG = System.getLogger("io.infrapivot.source." + ID);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        Path path = indicator.type() == IndicatorType.FILE ? context.options().namedFiles().get(indicator.value())
                : null;
        if (path == null) {
            return LookupResult.skipped("the savedpage source reads only a local file named on this run's input;"
                    + " none has this SHA-256");
        }
        if (!SavedPages.isSavedPage(path)) {
            return LookupResult.skipped("not a saved page (.html, .htm, .xhtml or .har)");
        }
        byte[] bytes;
        try {
            if (Files.size(path) > SavedPages.MAX_FILE) {
                return LookupResult.error(ErrorClass.BAD_REQUEST, "saved page larger than " + SavedPages.MAX_FILE
                        + " bytes", List.of());
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) SavedPages.MAX_FILE);
            }
        } catch (NoSuchFileException e) {
            return LookupResult.error(ErrorClass.NOT_FOUND, "the file named is gone", List.of());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "reading a named saved page failed", e);
            return LookupResult.error("cannot read the file: " + e.getClass().getSimpleName(), List.of());
        }
        if (!sha256(bytes).equals(indicator.value())) {
            return LookupResult.error("the file changed since it was named (its SHA-256 differs now)", List.of());
        }
        try {
            return SavedPages.read(ID, bytes, path.getFileName().toString(), indicator, null, context);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading a saved page failed", e);
            return LookupResult.error(ErrorClass.GARBAGE, "unexpected " + e.getClass().getSimpleName()
                    + " reading the saved page", List.of());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
