package io.infrapivot.engine.data;

import com.maxmind.db.Reader;
import io.infrapivot.model.Safe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.zip.GZIPInputStream;

/**
 * {@code update-data --geo}: downloads DB-IP's free "IP to City Lite" database (MMDB, CC BY 4.0) for users who
 * have no geolocation database. DB-IP publishes it monthly as {@code dbip-city-lite-YYYY-MM.mmdb.gz}; the month's
 * file may not be out yet on its first days, so the previous month's is tried next. The download is streamed,
 * capped, unpacked and opened with MaxMind's reader before it replaces the kept copy
 * ({@code <data>/data/geo/dbip-city-lite.mmdb}).
 */
public final class GeoData {
    /** DB-IP's download URL, {@code {month}} standing for {@code YYYY-MM}. */
    public static final String DBIP_URL = "https://download.db-ip.com/free/dbip-city-lite-{month}.mmdb.gz";
    /** The credit the licence asks for, shown with every download. */
    public static final String DBIP_CREDIT = io.infrapivot.source.geoip.GeoIpSource.DBIP_CREDIT;
    /** Largest unpacked database accepted (the city lite file is about 130 MB). */
    static final long MAX_BYTES = 1L << 30;
    static final String FILE = "dbip-city-lite.mmdb";

    private final Path dir;
    private final long maxBytes;

    public GeoData(Path dataFolder) {
        this(dataFolder, MAX_BYTES);
    }

    GeoData(Path dataFolder, long maxBytes) {
        this.dir = dataFolder.resolve("geo");
        this.maxBytes = maxBytes;
    }

    /** Where the downloaded database is kept. */
    public Path file() {
        return dir.resolve(FILE);
    }

    /** What a download did: the file, its database type, build date, size, the URL used. */
    public record Downloaded(Path file, String databaseType, Instant buildDate, long bytes, String url) {}

    /**
     * Downloads this month's database (else last month's) from {@code urlTemplate} ({@code {month}} replaced).
     * Nothing is replaced unless the new file opens as a valid MaxMind DB.
     */
    public Downloaded refresh(String urlTemplate, LocalDate today) throws IOException, InterruptedException {
        YearMonth month = YearMonth.from(today);
        urlTemplate = urlTemplate.replace("%7Bmonth%7D", "{month}").replace("%7bmonth%7d", "{month}");
        String url = urlTemplate.replace("{month}", month.toString());
        try {
            return download(url);
        } catch (NotPublished e) {
            if (!urlTemplate.contains("{month}")) throw e;
            return download(urlTemplate.replace("{month}", month.minusMonths(1).toString()));
        }
    }

    /** A 404: the month's file is not (yet) there. */
    static final class NotPublished extends FailureReason.Described {
        NotPublished(String message) {
            super(message, null);
        }
    }

    private Downloaded download(String url) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FailureReason.Described("not a usable URL: " + Safe.oneLine(url), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new FailureReason.Described("not an http(s) URL: " + Safe.oneLine(url), null);
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                    .header("User-Agent", "infrapivot update-data").GET().build();
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (InputStream body = resp.body()) {
                if (resp.statusCode() == 404) {
                    throw new NotPublished(Safe.oneLine(url) + " answered HTTP 404" + DataFiles.statusWords(404));
                }
                if (resp.statusCode() != 200) {
                    throw new FailureReason.Described(Safe.oneLine(url) + " answered HTTP " + resp.statusCode()
                            + DataFiles.statusWords(resp.statusCode()), null);
                }
                InputStream in = new java.io.BufferedInputStream(body);
                in.mark(2);
                boolean gzip = in.read() == 0x1f & in.read() == 0x8b;
                in.reset();
                try (InputStream data = gzip ? new GZIPInputStream(in) : in; OutputStream out = Files.newOutputStream(tmp)) {
                    bytes = copy(data, out, url);
                }
            }
            String type;
            Instant built;
            try (Reader r = new Reader(tmp.toFile())) {
                type = Safe.oneLine(r.getMetadata().getDatabaseType());
                built = r.getMetadata().getBuildDate().toInstant();
            } catch (IOException | RuntimeException e) {
                throw new FailureReason.Described("the file from " + Safe.oneLine(url)
                        + " is not a MaxMind DB database: " + FailureReason.of(e), e);
            }
            try {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
            return new Downloaded(file(), type, built, bytes, url);
        } catch (java.util.zip.ZipException e) {
            throw new FailureReason.Described("the file from " + Safe.oneLine(url) + " is not valid gzip", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private long copy(InputStream in, OutputStream out, String url) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new FailureReason.Described(Safe.oneLine(url) + " sent more than " + maxBytes + " bytes", null);
            }
            out.write(buf, 0, n);
            if (Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException("interrupted");
        }
        return total;
    }
}
