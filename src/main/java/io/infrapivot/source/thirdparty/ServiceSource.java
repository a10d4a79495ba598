package io.infrapivot.source.thirdparty;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.http.HttpFetcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The common frame of the HTTP third-party sources: settings ({@code key}, {@code url}, {@code timeout},
 * {@code retries}), one shared {@link HttpFetcher} per distinct option set, and every failure — a
 * {@link ServiceException} from a parser or a status, a transport error — turned into an error result that
 * names the reason and keeps the evidence. Never a key in a message. Several keys (comma-separated) are used
 * round robin, and a key whose quota is spent hands the lookup to the next one.
 */
public abstract class ServiceSource implements Source {
    /** Request timeout when the {@code timeout} setting is not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<HttpFetcher.Options, HttpFetcher> fetchers = new ConcurrentHashMap<>();
    private final Map<HttpFetcher.Options, JsonPost> posts = new ConcurrentHashMap<>();
    private final AtomicInteger nextKey = new AtomicInteger();

    /** The settings every service source reads ({@code key} when not null, url, timeout, retries), plus extras. */
    protected static List<SourceInfo.Setting> settings(SourceInfo.Setting key, String defaultUrl,
                                                       SourceInfo.Setting... extra) {
        List<SourceInfo.Setting> out = new java.util.ArrayList<>();
        if (key != null) out.add(key);
        out.add(SourceInfo.Setting.url(defaultUrl));
        out.add(SourceInfo.Setting.plain("timeout", "per-request timeout (e.g. 30s)", "30s"));
        out.add(SourceInfo.Setting.plain("retries", "retries of 5xx answers and network errors", "2"));
        out.addAll(List.of(extra));
        return out;
    }

    /** The {@code Authorization: Basic} value of a {@code user:password} key. */
    protected static String basic(String userColonPassword) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                userColonPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Runs one lookup with the exchanges of {@code call}; throw what the service said. */
    protected abstract LookupResult run(Indicator indicator, ServiceCall call)
            throws ServiceException, InterruptedException;

    /** Whether this source takes {@code indicator} (beyond its type), or a reason it does not. */
    protected String refuse(Indicator indicator) {
        return null;
    }

    @Override
    public final LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        SourceInfo info = info();
        if (!info.accepts().contains(indicator.type())) {
            return LookupResult.skipped(info.id() + " does not look up " + indicator.type() + " indicators");
        }
        String refusal = refuse(indicator);
        if (refusal != null) return LookupResult.skipped(refusal);
        SourceSettings s = context.settings();
        var ready = readiness(s);
        if (!ready.isReady()) return LookupResult.skipped(ready.reason());
        String url = s.get("url", defaultUrl());
        List<SourceSettings.Secret> keys = s.secrets("key");
        int n = Math.max(1, keys.size());
        int start = Math.floorMod(nextKey.getAndIncrement(), n);
        List<RawAnswer> evidence = List.of();
        for (int i = 0; ; i++) {
            HttpFetcher fetcher = fetcher(s);
            ServiceCall call = new ServiceCall(info.id(), context, fetcher, posts.computeIfAbsent(fetcher.options(),
                    JsonPost::new), url, rotated(keys, start + i), evidence);
            try {
                return run(indicator, call);
            } catch (ServiceException e) {
                if (e.kind() == ServiceException.Kind.HELD) return call.stopped(e.detail());
                if (e.kind() == ServiceException.Kind.QUOTA && i + 1 < n) {
                    evidence = call.evidence(); // this key is spent: the next one asks again
                    continue;
                }
                String tried = i > 0 ? " (all " + n + " keys tried)" : "";
                return LookupResult.error(call.redact(e.getMessage()) + tried, call.evidence());
            } catch (RuntimeException e) {
                return LookupResult.error(call.redact("unexpected " + e.getClass().getSimpleName()
                        + " reading the answer"), call.evidence());
            }
        }
    }

    /** The keys starting at {@code first} (round robin), so several keys share the load and stand in for each other. */
    private static List<SourceSettings.Secret> rotated(List<SourceSettings.Secret> keys, int first) {
        if (keys.size() < 2) return keys;
        List<SourceSettings.Secret> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) out.add(keys.get((first + i) % keys.size()));
        return out;
    }

    private String defaultUrl() {
        return info().settings().stream().filter(x -> x.name().equals("url")).map(SourceInfo.Setting::defaultValue)
                .findFirst().orElseThrow();
    }

    private HttpFetcher fetcher(SourceSettings s) {
        Duration timeout = s.getDuration("timeout", DEFAULT_TIMEOUT);
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        HttpFetcher.Options o = HttpFetcher.Options.defaults()
                .withTimeouts(connect, timeout, timeout.multipliedBy(2))
                .withRetries(s.getInt("retries", 2), Duration.ofMillis(500), Duration.ofSeconds(10));
        return fetchers.computeIfAbsent(o, HttpFetcher::new);
    }
}
