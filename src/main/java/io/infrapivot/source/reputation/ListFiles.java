package io.infrapivot.source.reputation;

import io.infrapivot.source.http.HttpAnswer;
import io.infrapivot.source.http.HttpError;
import io.infrapivot.source.http.HttpFetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The downloaded copies of offline reputation lists in the data folder ({@code <data_folder>/<source id>/}): the
 * list files as the list's publisher serves them plus {@code list.properties} (the list's date and where it came
 * from). {@code update-data} fetches, validates and only then replaces them (temporary file, atomic move), so a
 * failed refresh keeps the old copy; the sources read them without touching the network.
 */
public final class ListFiles {
    private ListFiles() {}

    /** A downloaded list: its files' text, the date the list gave (or the download time), and its origin. */
    public record Stored(Map<String, String> files, Instant date, String origin, long modified) {}

    /** The stored copy of {@code names} in {@code dir}; empty when any is missing or unreadable. */
    public static Optional<Stored> read(Path dir, List<String> names) {
        Path meta = dir.resolve("list.properties");
        try {
            if (!Files.isRegularFile(meta)) return Optional.empty();
            Map<String, String> files = new LinkedHashMap<>();
            for (String n : names) {
                Path p = dir.resolve(n);
                if (!Files.isRegularFile(p)) return Optional.empty();
                files.put(n, Files.readString(p));
            }
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                props.load(in);
            }
            String date = props.getProperty("date");
            return Optional.of(new Stored(files, date == null ? null : Instant.parse(date),
                    props.getProperty("origin", dir.toString()), Files.getLastModifiedTime(meta).toMillis()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "list copy in " + dir + " unreadable: " + e);
            return Optional.empty();
        }
    }

    /**
     * Whether an offline list source can run: not ready without a copy (run update-data), stale when the copy was
     * written more than {@code maxAge} before {@code now}, else ready naming the copy's date.
     */
    public static io.infrapivot.source.Readiness readiness(Optional<Path> dir, java.time.Duration maxAge, Instant now) {
        long modified = dir.map(ListFiles::modified).orElse(0L);
        if (modified == 0) {
            return io.infrapivot.source.Readiness.notReady(
                    "no downloaded list; run: infrapivot update-data --only reputation");
        }
        Instant written = Instant.ofEpochMilli(modified);
        String day = written.toString().substring(0, 10);
        if (written.plus(maxAge).isBefore(now)) {
            return io.infrapivot.source.Readiness.stale("list downloaded " + day
                    + "; refresh with: infrapivot update-data --only reputation");
        }
        return io.infrapivot.source.Readiness.ready("list downloaded " + day);
    }

    /** When {@code dir}'s copy was last written (0 when there is none): a cache key. */
    public static long modified(Path dir) {
        try {
            Path meta = dir.resolve("list.properties");
            return Files.isRegularFile(meta) ? Files.getLastModifiedTime(meta).toMillis() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes the files, then the properties (each atomically), into {@code dir}. */
    public static void write(Path dir, Map<String, String> files, Instant date, String origin) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            writeAtomically(dir.resolve(f.getKey()), f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Properties p = new Properties();
        if (date != null) p.setProperty("date", date.toString());
        p.setProperty("origin", origin);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "written by infrapivot update-data");
        writeAtomically(dir.resolve("list.properties"), out.toByteArray());
    }

    /** GETs one list file as text; any status but 2xx, or a transport failure, is an IOException saying why. */
    public static String fetch(HttpFetcher http, String url) throws IOException, InterruptedException {
        try {
            HttpAnswer a = http.get(new HttpFetcher.Get(url, Map.of("Accept", "*/*"), List.of(), false));
            if (!a.ok()) throw new IOException(io.infrapivot.model.Safe.oneLine(url) + " answered HTTP " + a.status());
            return a.text();
        } catch (HttpError e) {
            throw new IOException(io.infrapivot.model.Safe.oneLine(url) + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} to {@code target} through a temporary file and an atomic move (where the disk has one). */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final System.Logger LOG = System.getLogger(ListFiles.class.getName());
}
