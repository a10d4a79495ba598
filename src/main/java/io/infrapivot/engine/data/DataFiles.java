package io.infrapivot.engine.data;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.PublicSuffixList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data sets shipped with the tool (today: the Public Suffix List) and their refreshed copies in the
 * data folder ({@code <data>/data/}). A refreshed copy is used when it is newer than the bundled one.
 */
public final class DataFiles {
    public static final String PSL_URL = "https://publicsuffix.org/list/public_suffix_list.dat";
    static final int MAX_PSL_BYTES = 16 * 1024 * 1024;
    private static final Pattern VERSION = Pattern.compile("^// VERSION: (\\d{4}-\\d{2}-\\d{2})", Pattern.MULTILINE);

    private final Path dir;

    public DataFiles(Path dataDir) {
        this.dir = dataDir.resolve("data");
    }

    public Path folder() {
        return dir;
    }

    /** The newest suffix list: the refreshed copy when present, valid and newer, else the bundled one. */
    public PublicSuffixList suffixList() {
        PublicSuffixList bundled = PublicSuffixList.bundled();
        Path file = dir.resolve("public_suffix_list.dat");
        Path meta = dir.resolve("public_suffix_list.properties");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(meta)) return bundled;
        try (InputStream in = Files.newInputStream(file); InputStream m = Files.newInputStream(meta)) {
            Properties p = new Properties();
            p.load(m);
            LocalDate date = LocalDate.parse(p.getProperty("date"));
            if (!date.isAfter(bundled.date())) return bundled;
            return PublicSuffixList.parse(in, date, p.getProperty("origin", file.toString()));
        } catch (IOException | RuntimeException e) {
            return bundled; // a damaged refreshed copy never stops the tool; update-data reports it
        }
    }

    /** A parser on the newest suffix list. */
    public IndicatorParser parser() {
        return new IndicatorParser(suffixList(), true);
    }

    /** What one data set's refresh did. */
    public record Refreshed(String name, LocalDate date, String origin, int entries, boolean replaced, String message) {}

    /** Refreshes the suffix list from {@code url} (http/https/file). Validates before it replaces anything. */
    public Refreshed refreshSuffixList(String url, LocalDate today) throws IOException, InterruptedException {
        byte[] body = fetch(url);
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        LocalDate date = listDate(text, today);
        PublicSuffixList list;
        try {
            list = PublicSuffixList.parse(new ByteArrayInputStream(body), date, url);
        } catch (IllegalArgumentException e) {
            throw new FailureReason.Described("the answer from " + io.infrapivot.model.Safe.oneLine(url)
                    + " is not a Public Suffix List: " + FailureReason.of(e), e);
        }
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("public_suffix_list.dat"), body);
        Properties p = new Properties();
        p.setProperty("date", date.toString());
        p.setProperty("origin", url);
        var out = new java.io.ByteArrayOutputStream();
        p.store(out, "refreshed by infrapivot update-data");
        writeAtomically(dir.resolve("public_suffix_list.properties"), out.toByteArray());
        return new Refreshed("public-suffix-list", date, url, list.ruleCount(), true, "ok");
    }

    /** The list's own {@code // VERSION:} date when it carries one, else today. */
    static LocalDate listDate(String text, LocalDate today) {
        Matcher m = VERSION.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
        if (m.find()) {
            try {
                return LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                return today;
            }
        }
        return today;
    }

    /**
     * Reads {@code url} (http, https, file or a path). Every failure is an IOException whose message names the
     * URL and says why in words (see {@link FailureReason}).
     */
    static byte[] fetch(String url) throws IOException, InterruptedException {
        try {
            return fetchRaw(url);
        } catch (IOException e) {
            if (e instanceof FetchFailed) throw e;
            throw new FetchFailed(io.infrapivot.model.Safe.oneLine(url) + ": " + FailureReason.of(e), e);
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("not a usable URL: " + io.infrapivot.model.Safe.oneLine(url), e);
        }
    }

    /** A fetch failure whose message already says the URL and the reason. */
    static final class FetchFailed extends FailureReason.Described {
        FetchFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static byte[] fetchRaw(String url) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme()) || uri.getScheme() == null) {
            Path p = uri.getScheme() == null ? Path.of(url) : Path.of(uri);
            if (Files.size(p) > MAX_PSL_BYTES) throw new IOException(p + " is larger than " + MAX_PSL_BYTES + " bytes");
            return Files.readAllBytes(p);
        }
        if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            throw new IOException("unsupported URL scheme in " + url);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("User-Agent", "infrapivot update-data").GET().build();
        HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new FetchFailed(io.infrapivot.model.Safe.oneLine(url) + " answered HTTP " + resp.statusCode()
                        + statusWords(resp.statusCode()), null);
            }
            byte[] body = in.readNBytes(MAX_PSL_BYTES + 1);
            if (body.length > MAX_PSL_BYTES) {
                throw new FetchFailed(io.infrapivot.model.Safe.oneLine(url) + " sent more than " + MAX_PSL_BYTES
                        + " bytes", null);
            }
            return body;
        }
    }

    /** " (not found)" for 404 …: what an HTTP status means, in words. */
    static String statusWords(int status) {
        String w = switch (status) {
            case 301, 302, 303, 307, 308 -> "a redirect that could not be followed";
            case 400 -> "bad request";
            case 401 -> "authentication required";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 410 -> "gone";
            case 429 -> "too many requests: rate-limited, try later";
            case 500 -> "server error";
            case 502 -> "bad gateway";
            case 503 -> "service unavailable, try later";
            case 504 -> "gateway timeout";
            default -> status >= 500 ? "server error" : status >= 400 ? "refused by the server" : "unexpected status";
        };
        return " (" + w + ")";
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        io.infrapivot.source.reputation.ListFiles.writeAtomically(target, bytes);
    }

    /**
     * Refreshes the known CDN/cloud ranges from the providers' feeds ({@code urlOf} gives each feed's URL).
     * A feed that fails keeps its providers' current ranges; the others are replaced. Returns one
     * result per feed; the file is written when at least one feed succeeded.
     */
    public List<Refreshed> refreshNetworks(java.util.function.Function<NetworkFeeds.Feed, String> urlOf, LocalDate today)
            throws InterruptedException, IOException {
        List<Refreshed> results = new ArrayList<>();
        java.util.Map<String, List<NetworkFeeds.Range>> got = new java.util.LinkedHashMap<>();
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (NetworkFeeds.Feed feed : NetworkFeeds.FEEDS) {
            String url = urlOf.apply(feed);
            try {
                List<NetworkFeeds.Range> ranges = NetworkFeeds.parse(feed.name(), fetch(url));
                got.put(feed.name(), ranges);
                results.add(new Refreshed("known-networks/" + feed.name(), today, url, ranges.size(), true, "ok"));
            } catch (IOException | IllegalArgumentException e) {
                results.add(new Refreshed("known-networks/" + feed.name(), null, url, 0, false, FailureReason.of(e)));
            }
        }
        // a provider is replaced only when every feed that carries it came back
        for (NetworkFeeds.Feed feed : NetworkFeeds.FEEDS) {
            if (got.containsKey(feed.name())) replaced.addAll(feed.providers());
        }
        for (NetworkFeeds.Feed feed : NetworkFeeds.FEEDS) {
            if (!got.containsKey(feed.name())) replaced.removeAll(feed.providers());
        }
        if (replaced.isEmpty()) return results;
        if (got.containsKey("google") && got.containsKey("googlecloud")) {
            got.put("google", NetworkFeeds.withoutCloud(got.get("google"), got.get("googlecloud")));
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Known CDN and cloud address ranges: CIDR, provider, kind (cdn | cloud).");
        lines.add("# date: " + today);
        lines.add("# origin: update-data from the providers' feeds (" + String.join(", ", got.keySet().stream()
                .filter(f -> NetworkFeeds.FEEDS.stream().anyMatch(x -> x.name().equals(f)
                        && replaced.containsAll(x.providers()))).toList()) + "); other providers as before");
        lines.addAll(NetworkFeeds.keep(currentNetworkLines(), replaced));
        for (var e : got.entrySet()) {
            NetworkFeeds.Feed feed = NetworkFeeds.FEEDS.stream().filter(f -> f.name().equals(e.getKey())).findFirst()
                    .orElseThrow();
            if (replaced.containsAll(feed.providers())) lines.addAll(NetworkFeeds.lines(e.getValue()));
        }
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("known-networks.txt"),
                (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return results;
    }

    /** The known-networks lines in use: the refreshed file when present, else the shipped one. */
    private List<String> currentNetworkLines() throws IOException {
        Path refreshed = dir.resolve("known-networks.txt");
        if (Files.isRegularFile(refreshed)) return Files.readAllLines(refreshed);
        try (InputStream in = DataFiles.class.getResourceAsStream("/io/infrapivot/engine/noise/known-networks.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Describes each data set in use (for `sources` and `update-data --status`). */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        try {
            PublicSuffixList l = suffixList();
            out.add("public-suffix-list " + l.date() + " (" + l.ruleCount() + " rules, " + l.origin() + ")");
        } catch (UncheckedIOException e) {
            out.add("public-suffix-list unavailable: " + e.getMessage());
        }
        Path nets = dir.resolve("known-networks.txt");
        out.add("known-networks " + (Files.isRegularFile(nets) ? "refreshed (" + nets + ")" : "as shipped (2026-11-27, partial)"));
        return out;
    }
}
