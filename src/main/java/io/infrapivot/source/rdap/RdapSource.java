package io.infrapivot.source.rdap;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Readiness;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceInfo.Setting;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.registration.RegistrationResults;
import io.infrapivot.source.registration.RegistrationTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Source {@code rdap} (passive): RDAP for domains, hosts (their registrable domain), IPs, networks and ASNs. The
 * server comes from the IANA bootstrap files (shipped snapshot, or the newer files in {@code bootstrap_dir}), or
 * from {@code url} when set (one server for everything: a mirror, a test server). Domain answers follow the
 * registry's {@code related} link to the registrar and merge both.
 */
public final class RdapSource implements Source {
    public static final String ID = "rdap";
    /** Snapshots older than this are reported stale. */
    static final Duration STALE_AFTER = Duration.ofDays(180);
    static final Setting<String> URL = Setting.url(null)
            .describedAs("one RDAP server for everything (a mirror, a test server) instead of the bootstrap");
    static final Setting<String> BOOTSTRAP_URL = Setting.text("bootstrap_url",
            "where update-data fetches the bootstrap files", RdapBootstrap.IANA_URL);
    static final Setting<String> BOOTSTRAP_DIR = Setting.text("bootstrap_dir",
            "folder with newer bootstrap files (update-data)", null);
    static final Setting<Boolean> FOLLOW_RELATED = Setting.flag("follow_related",
            "follow the registry's link to the registrar", true);
    static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("connect_timeout", "connect timeout",
            Duration.ofSeconds(10));
    static final Setting<Duration> READ_TIMEOUT = Setting.duration("read_timeout", "longest silence while reading",
            Duration.ofSeconds(20));
    static final Setting<Duration> TIMEOUT = Setting.duration("timeout", "one request's whole exchange",
            Duration.ofSeconds(45));
    static final Setting<Integer> MAX_BYTES = Setting.integer("max_bytes", "size cap of one answer", 4 << 20);
    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("RDAP (JSON registration data) via the IANA bootstrap: registry, then registrar for domains")
            .accepts(RegistrationResults.ACCEPTS).produces(RegistrationResults.PRODUCES)
            .settings(URL, BOOTSTRAP_URL, BOOTSTRAP_DIR, FOLLOW_RELATED, CONNECT_TIMEOUT, READ_TIMEOUT, TIMEOUT,
                    MAX_BYTES)
            .rateLimit(60, Duration.ofMinutes(1)).concurrency(8).ttl(Duration.ofDays(7))
            .build();

    private final RdapBootstrap fixedBootstrap;
    /** One HTTP client per distinct settings: OkHttp clients hold connection pools and are meant to be shared. */
    private final Map<HttpFetcher.Options, HttpFetcher> fetchers = new ConcurrentHashMap<>();

    /** Uses the bootstrap named by the settings (bootstrap_dir over the shipped snapshot). */
    public RdapSource() {
        this(null);
    }

    /** Uses the given bootstrap (tests; an app that loaded it already). */
    public RdapSource(RdapBootstrap bootstrap) {
        this.fixedBootstrap = bootstrap;
    }

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public Readiness readiness(SourceSettings settings) {
        Instant published = bootstrap(settings).publication();
        if (published == null) return Readiness.ready();
        long days = Duration.between(published, Instant.now()).toDays();
        return days > STALE_AFTER.toDays()
                ? Readiness.stale("ready, but the RDAP bootstrap snapshot is stale (" + days + " days old; run update-data)")
                : Readiness.ready("ready (RDAP bootstrap of " + published.toString().substring(0, 10) + ")");
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        Optional<RegistrationTarget> target = RegistrationTarget.of(indicator, context.parser());
        if (target.isEmpty()) return LookupResult.skipped("no registrable object for " + indicator.key());
        SourceSettings s = context.settings();
        String kind = target.get().kind();
        String object = target.get().object();
        Optional<String> base = s.find(URL).map(u -> u.endsWith("/") ? u : u + "/");
        if (base.isEmpty()) {
            RdapBootstrap b = bootstrap(s);
            base = switch (kind) {
                case "domain" -> b.forDomain(object);
                case "ip" -> b.forIp(object);
                default -> b.forAsn(Long.parseLong(object));
            };
        }
        if (base.isEmpty()) {
            return LookupResult.skipped("no RDAP server in the bootstrap for " + object
                    + " (the registry may offer WHOIS only; run update-data if the snapshot is old)");
        }
        RdapClient client = new RdapClient(fetchers.computeIfAbsent(options(s), HttpFetcher::new),
                s.get(FOLLOW_RELATED));
        RdapClient.Result r = client.lookup(base.get(), kind, object, context.now(), context.gate());
        if (r.record() == null) return LookupResult.error(r.errorClass(), r.error(), r.evidence());
        return RegistrationResults.of(indicator, r.record(), ID, r.evidence(), r.notes(), context);
    }

    private RdapBootstrap bootstrap(SourceSettings s) {
        if (fixedBootstrap != null) return fixedBootstrap;
        Optional<String> dir = s.find(BOOTSTRAP_DIR).or(() -> s.get("data_folder")
                .map(d -> Path.of(d, "rdap")).filter(p -> java.nio.file.Files.isRegularFile(p.resolve("dns.json")))
                .map(Path::toString));
        return dir.map(d -> RdapBootstrap.load(Path.of(d))).orElseGet(RdapBootstrap::shipped);
    }

    static HttpFetcher.Options options(SourceSettings s) {
        return HttpFetcher.Options.defaults()
                .withTimeouts(s.get(CONNECT_TIMEOUT), s.get(READ_TIMEOUT), s.get(TIMEOUT))
                .withMaxBytes(s.get(MAX_BYTES));
    }
}
