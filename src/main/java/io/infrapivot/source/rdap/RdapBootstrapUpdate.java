package io.infrapivot.source.rdap;

import io.infrapivot.source.http.HttpAnswer;
import io.infrapivot.source.http.HttpFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes the RDAP bootstrap files for {@code update-data}: fetches dns.json, ipv4.json, ipv6.json and asn.json
 * from {@code bootstrap_url}, checks that all four read as bootstrap files, and only then writes them into the
 * folder (each through a temporary file and an atomic move), so a failed refresh leaves the old files in place.
 * Point the {@code rdap} source's {@code bootstrap_dir} setting at that folder.
 */
public final class RdapBootstrapUpdate {
    /** What was written: the files and the publication date they carry. */
    public record Result(Path dir, List<String> files, Instant publication) {}

    private RdapBootstrapUpdate() {}

    /**
     * @param http    the HTTP helper
     * @param baseUrl the folder URL holding the four files (ends with '/'; see {@link RdapBootstrap#IANA_URL})
     * @param dir     the folder to write into (created if needed)
     * @throws IOException when a file cannot be fetched, is not a bootstrap file, or cannot be written
     */
    public static Result refresh(HttpFetcher http, String baseUrl, Path dir) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String f : RdapBootstrap.FILES) {
            HttpAnswer a = http.get(HttpFetcher.Get.json(base + f));
            if (!a.ok()) throw new IOException(f + ": HTTP " + a.status() + " from " + a.url());
            bodies.put(f, a.text());
        }
        RdapBootstrap parsed;
        try {
            parsed = RdapBootstrap.of(bodies.get("dns.json"), bodies.get("ipv4.json"), bodies.get("ipv6.json"),
                    bodies.get("asn.json"));
        } catch (IllegalArgumentException e) {
            throw new IOException("not RDAP bootstrap files: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (parsed.forDomain("com").isEmpty() && parsed.forIp("8.8.8.8").isEmpty()) {
            throw new IOException("the bootstrap files name no server for com nor for 8.8.8.8; not written");
        }
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            Path tmp = Files.createTempFile(dir, e.getKey(), ".tmp");
            Files.writeString(tmp, e.getValue());
            Files.move(tmp, dir.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            written.add(e.getKey());
        }
        return new Result(dir, written, parsed.publication());
    }
}
