package io.infrapivot.source.thirdparty;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.http.Redactor;
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

    /** Per-request timeout (the whole exchange may take twice as long). */
    public static final SourceInfo.Setting<Duration> TIMEOUT = SourceInfo.Setting.duration("timeout",
            "per-request timeout", DEFAULT_TIMEOUT);
    /** Retries of the retryable error classes (5xx, 429 with a short Retry-After, timeouts, network errors). */
    public static final SourceInfo.Setting<Integer> RETRIES = SourceInfo.Setting.integer("retries",
            "retries of 5xx answers, short rate limits, timeouts and network errors (each one request)", 2);

    /** The settings every service source reads ({@code key} when not null, url, timeout, retries), plus extras. */
    protected static List<SourceInfo.Setting<?>> settings(SourceInfo.Setting<List<SourceSettings.Secret>> key,
                                                          String defaultUrl, SourceInfo.Setting<?>... extra) {
        List<SourceInfo.Setting<?>> out = new java.util.ArrayList<>();
        if (key != null) out.add(key);
        out.add(SourceInfo.Setting.url(defaultUrl));
        out.add(TIMEOUT);
        out.add(RETRIES);
        out.addAll(List.of(extra));
        return out;
    }

    /** This source's {@code url} setting. */
    @SuppressWarnings("unchecked")
    private SourceInfo.Setting<String> urlSetting() {
        SourceInfo.Setting<?> s = info().setting("url");
        if (s == null || !s.type().equals("url")) throw new IllegalStateException(info().id() + " declares no url");
        return (SourceInfo.Setting<String>) s;
    }

    /** This source's {@code key} setting, or null when it takes none. */
    @SuppressWarnings("unchecked")
    private SourceInfo.Setting<List<SourceSettings.Secret>> keySetting() {
        SourceInfo.Setting<?> s = info().setting("key");
        return s != null && s.secret() ? (SourceInfo.Setting<List<SourceSettings.Secret>>) s : null;
    }

    /** The {@code Authorization: Basic} value of a {@code user:password} key. */
    protected static String basic(String userColonPassword) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                userColonPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * How this service's statuses and error bodies read; {@link ErrorTable#STANDARD} unless the service differs
     * (declared as data, e.g. {@code STANDARD.notFoundIsEmpty()}).
     */
    public ErrorTable errors() {
        return ErrorTable.STANDARD;
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
        String url = s.get(urlSetting());
        SourceInfo.Setting<List<SourceSettings.Secret>> keySetting = keySetting();
        List<SourceSettings.Secret> keys = keySetting == null ? List.of() : s.get(keySetting);
        int n = Math.max(1, keys.size());
        int start = Math.floorMod(nextKey.getAndIncrement(), n);
        List<RawAnswer> evidence = List.of();
        // every secret this source was given, in every form, whichever key a request used
        Redactor redactor = Redactor.of(secretValues(s));
        for (int i = 0; ; i++) {
            HttpFetcher fetcher = fetcher(s);
            ServiceCall call = new ServiceCall(info.id(), context, fetcher, posts.computeIfAbsent(fetcher.options(),
                    JsonPost::new), url, rotated(keys, start + i), evidence, errors(), redactor);
            try {
                return run(indicator, call);
            } catch (ServiceException e) {
                if (e.errorClass() == ErrorClass.HELD) return call.stopped(e.detail());
                if (e.errorClass().otherKeyMayHelp() && i + 1 < n) {
                    evidence = call.evidence(); // this key is spent: the next one asks again
                    continue;
                }
                String tried = i > 0 ? " (all " + n + " keys tried)" : "";
                LOG.log(System.Logger.Level.DEBUG, () -> info.id() + ": " + call.redact(e.getMessage()));
                return LookupResult.error(e.errorClass(), call.redact(e.getMessage()) + tried, call.evidence());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> info.id() + ": unexpected " + e.getClass().getName()
                        + " reading the answer: " + call.redact(String.valueOf(e.getMessage())));
                return LookupResult.error(ErrorClass.GARBAGE, call.redact("unexpected " + e.getClass().getSimpleName()
                        + " reading the answer"), call.evidence());
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(ServiceSource.class.getName());

    /** The values of every secret setting this source declares (keys, tokens, user:password pairs). */
    private List<String> secretValues(SourceSettings s) {
        List<String> out = new ArrayList<>();
        for (SourceInfo.Setting<?> st : info().settings()) {
            if (st.secret()) s.secrets(st.name()).forEach(k -> out.add(k.reveal()));
        }
        return out;
    }

    /** The keys starting at {@code first} (round robin), so several keys share the load and stand in for each other. */
    private static List<SourceSettings.Secret> rotated(List<SourceSettings.Secret> keys, int first) {
        if (keys.size() < 2) return keys;
        List<SourceSettings.Secret> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) out.add(keys.get((first + i) % keys.size()));
        return out;
    }


    private HttpFetcher fetcher(SourceSettings s) {
        Duration timeout = s.get(TIMEOUT);
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        HttpFetcher.Options o = HttpFetcher.Options.defaults()
                .withTimeouts(connect, timeout, timeout.multipliedBy(2))
                .withRetries(Math.max(0, s.get(RETRIES)), Duration.ofMillis(500), Duration.ofSeconds(10));
        return fetchers.computeIfAbsent(o, HttpFetcher::new);
    }
}
