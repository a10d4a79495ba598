package io.infrapivot.source.geoip;

import inet.ipaddr.IPAddressString;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Source {@code geoip} (offline): where local MaxMind-format (MMDB) databases place an IP address — any number of
 * databases at once (setting {@code databases}, or {@code INFRAPIVOT_GEOIP_DATABASES}, comma-separated files or
 * folders of {@code .mmdb} files). Each database gives its own {@code geolocation} fact (country, region, city,
 * coordinates, accuracy radius where given, the database's name and build date), so the report can set their
 * answers side by side; an ASN database gives an {@code announced-by} link. A broken database is a clear error
 * for that database and never loses the others' answers.
 */
public final class GeoIpSource implements Source {
    public static final String ID = "geoip";
    /** The credit DB-IP's free databases ask for (CC BY 4.0). */
    public static final String DBIP_CREDIT = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0";
    /** At most this many database files are read (a folder full of files must not stall a lookup). */
    static final int MAX_DATABASES = 32;

    static final SourceInfo.Setting<List<String>> DATABASES = SourceInfo.Setting.list("databases",
            "MMDB files or folders of .mmdb files, comma-separated (GeoIP2/GeoLite2, DB-IP, IPinfo, ...); default:"
                    + " the database update-data --geo downloaded", null);
    /** Where {@code update-data --geo} keeps its download, under the data folder. */
    static final String DOWNLOADED = "geo";
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Local MaxMind-format (MMDB) geolocation databases: country, region, city, coordinates,"
                    + " ASN; each database's answer with its build date")
            .accepts(IndicatorType.IP)
            .produces(Relation.GEOLOCATION, Relation.ANNOUNCED_BY)
            .access(Access.OFFLINE)
            .settings(DATABASES)
            .concurrency(32).ttl(Duration.ofDays(7))
            .build();
    private static final System.Logger LOG = System.getLogger(GeoIpSource.class.getName());

    /** Opened databases by path; one is opened again when its file changed. */
    private final Map<Path, GeoDatabase> open = new ConcurrentHashMap<>();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /**
     * The databases named by the {@code databases} setting; without it, the folder {@code update-data --geo}
     * downloads into ({@code <data>/data/geo}) when it holds any.
     */
    static List<String> entries(SourceSettings settings) {
        List<String> given = settings.find(DATABASES).orElse(List.of());
        if (!given.isEmpty()) return given;
        var data = settings.get("data_folder");
        if (data.isPresent()) {
            Path geo = Path.of(data.get()).resolve(DOWNLOADED);
            if (Files.isDirectory(geo) && !files(List.of(geo.toString()), new ArrayList<>()).isEmpty()) {
                return List.of(geo.toString());
            }
        }
        return List.of();
    }

    @Override
    public io.infrapivot.source.Readiness readiness(SourceSettings settings) {
        var r = Source.super.readiness(settings);
        if (r.isReady() && entries(settings).isEmpty()) return io.infrapivot.source.Readiness.needs(settings, "databases");
        return r;
    }

    /** Answers depend on the databases: the cache is kept per set of files and their versions. */
    @Override
    public String cacheKey(RunOptions options, SourceSettings settings) {
        List<String> parts = new ArrayList<>();
        for (Path p : files(entries(settings), new ArrayList<>())) {
            try {
                parts.add(p + "#" + GeoDatabase.stamp(p));
            } catch (GeoDatabaseException e) {
                parts.add(p + "#unreadable");
            }
        }
        return String.join(",", parts);
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) {
        if (indicator.type() != IndicatorType.IP) return LookupResult.skipped("geoip does not look up " + indicator.type());
        var ready = readiness(context.settings());
        if (!ready.isReady()) return LookupResult.skipped(ready.reason());
        var address = new IPAddressString(indicator.value()).getAddress();
        if (address == null) return LookupResult.error(ErrorClass.BAD_REQUEST, "not an IP address", List.of());
        InetAddress inet = address.toInetAddress();
        List<String> problems = new ArrayList<>();
        List<Path> files = files(entries(context.settings()), problems);
        List<RawAnswer> evidence = new ArrayList<>();
        Facts facts = Facts.of(ID, context, null);
        int answered = 0;
        for (Path file : files) {
            GeoDatabase db;
            try {
                db = database(file);
            } catch (GeoDatabaseException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> e.getMessage(), e);
                problems.add(e.getMessage());
                continue;
            }
            try {
                var answer = db.lookup(inet);
                answered++;
                String shown = answer.map(a -> a.toJson().toString()).orElse("{}");
                RawAnswer raw = RawAnswer.text(ID, "mmdb " + db.type() + " " + file.getFileName() + " "
                        + indicator.value(), shown, "application/json", answer.isPresent() ? "found" : "not found",
                        context.now(), null);
                evidence.add(raw);
                facts.answer(raw);
                if (answer.isEmpty()) continue;
                GeoAnswer a = answer.get();
                if (a.locates()) facts.attribute(indicator, Relation.GEOLOCATION, a.toJson(), null, null);
                if (a.asn() != null) {
                    var asn = facts.as(IndicatorType.ASN, "AS" + a.asn());
                    var v = Json.object().put("database", a.database()).put("build_date", a.buildDate().toString());
                    if (a.network() != null) v.put("prefix", a.network());
                    if (a.asOrganization() != null) v.put("as_name", a.asOrganization());
                    asn.ifPresent(n -> facts.link(indicator, Relation.ANNOUNCED_BY, n, v, null, null, null));
                }
            } catch (GeoDatabaseException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> e.getMessage(), e);
                problems.add(e.getMessage());
            }
        }
        var obs = facts.observations();
        String message = problems.isEmpty() ? null : String.join("; ", problems);
        if (answered == 0) {
            return LookupResult.error(ErrorClass.GARBAGE, message == null ? "no geoip database could be read" : message,
                    evidence);
        }
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, evidence, message, null);
    }

    /** The open database of a file, opened again when the file changed since. */
    GeoDatabase database(Path file) throws GeoDatabaseException {
        GeoDatabase db = open.get(file);
        if (db != null && db.stamp.equals(GeoDatabase.stamp(file))) return db;
        GeoDatabase fresh = GeoDatabase.open(file);
        GeoDatabase old = open.put(file, fresh);
        if (old != null && old != db) closeQuietly(old);
        // the replaced reader is left for the lookups still using it (memory-mapped; freed by the collector)
        return fresh;
    }

    private static void closeQuietly(GeoDatabase db) {
        try {
            db.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + db + ": " + e.getMessage());
        }
    }

    /** The database files named: files as given, folders as their {@code .mmdb} files (sorted), at most a cap. */
    static List<Path> files(List<String> entries, List<String> problems) {
        List<Path> out = new ArrayList<>();
        for (String e : entries) {
            if (e.isBlank()) continue;
            Path p;
            try {
                p = Path.of(e.strip());
            } catch (java.nio.file.InvalidPathException ex) {
                problems.add("geoip database path " + io.infrapivot.model.Safe.oneLine(e) + " is not a path");
                continue;
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mmdb"))
                            .sorted().forEach(out::add);
                } catch (IOException ex) {
                    problems.add("geoip folder " + io.infrapivot.model.Safe.oneLine(p.toString()) + " cannot be listed");
                }
            } else {
                out.add(p);
            }
        }
        List<Path> distinct = out.stream().distinct().toList();
        if (distinct.size() > MAX_DATABASES) {
            problems.add("only the first " + MAX_DATABASES + " of " + distinct.size() + " geoip databases read");
            return distinct.subList(0, MAX_DATABASES);
        }
        return distinct;
    }

}
