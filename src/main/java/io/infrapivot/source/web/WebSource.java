package io.infrapivot.source.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.AnalyticsIds;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.thirdparty.Facts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Source {@code web} (active: it fetches the target's own pages; off unless {@code --active}). Fetches a URL, or a
 * name's or IP's home page (https first, then http), follows its redirects within bounds, and records the redirect
 * chain, the page (final URL, status, title, software headers), the domains it loads or links to, its analytics and
 * ad IDs, its site-verification tags, its favicon's hash (as Shodan computes it) and the TLS certificate each https
 * host presented — read and reported even when it does not validate. See docs/web-ids.md.
 */
public final class WebSource implements Source {
    public static final String ID = "web";
    private static final System.Logger LOG = System.getLogger(WebSource.class.getName());

    static final SourceInfo.Setting<String> URL = SourceInfo.Setting.url(null).describedAs(
            "stand-in server (tests): every request for a public host goes there, with the original Host header");
    static final SourceInfo.Setting<Duration> TIMEOUT = SourceInfo.Setting.duration("timeout",
            "time one exchange (connect, TLS, the whole body) may take", Duration.ofSeconds(15));
    static final SourceInfo.Setting<Integer> MAX_BYTES = SourceInfo.Setting.integer("max-bytes",
            "bytes of a page read (a longer page is cut there and parsed as far as read)", 2 << 20);
    static final SourceInfo.Setting<Integer> MAX_REDIRECTS = SourceInfo.Setting.integer("max-redirects",
            "redirects followed", 8);
    static final SourceInfo.Setting<Boolean> FAVICON = SourceInfo.Setting.flag("favicon",
            "fetch the favicon and record its hash", true);
    /** The largest favicon read. */
    static final long MAX_FAVICON = 1L << 20;

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("fetches the page (active): redirects, title, headers, linked domains, analytics IDs,"
                    + " verification tags, favicon hash, TLS certificate")
            .accepts(IndicatorType.URL, IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.IP)
            .produces(Relation.REDIRECTS_TO, Relation.WEB_PAGE, Relation.LINKS_TO, Relation.USES_ANALYTICS_ID,
                    Relation.VERIFICATION_TOKEN, Relation.FAVICON_HASH, Relation.SERVES_CERTIFICATE, Relation.CERT_NAME)
            .access(Access.ACTIVE)
            .settings(List.of(URL, TIMEOUT, MAX_BYTES, MAX_REDIRECTS, FAVICON))
            .concurrency(8)
            .build();

    private final Map<WebFetcher.Options, WebFetcher> fetchers = new ConcurrentHashMap<>();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    private WebFetcher fetcher(SourceSettings s) {
        Duration t = s.get(TIMEOUT);
        String standIn = s.get(URL);
        HttpUrl stand = standIn == null || standIn.isBlank() ? null : HttpUrl.parse(standIn);
        if (standIn != null && !standIn.isBlank() && stand == null) {
            throw new IllegalArgumentException("web.url is not an http or https URL");
        }
        var o = new WebFetcher.Options(t.compareTo(Duration.ofSeconds(10)) < 0 ? t : Duration.ofSeconds(10), t,
                Math.max(1024, s.get(MAX_BYTES)), Math.max(0, s.get(MAX_REDIRECTS)), stand, "Mozilla/5.0 (compatible;"
                + " infrapivot/0.1)");
        return fetchers.computeIfAbsent(o, WebFetcher::new);
    }

    /** The URLs tried for an indicator: a URL itself; a name's or IP's home page over https, then http. */
    static List<String> starts(Indicator i) {
        return switch (i.type()) {
            case URL -> List.of(i.value());
            case IP -> {
                String h = i.value().contains(":") ? "[" + i.value() + "]" : i.value();
                yield List.of("https://" + h + "/", "http://" + h + "/");
            }
            default -> List.of("https://" + i.value() + "/", "http://" + i.value() + "/");
        };
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (!INFO.accepts().contains(indicator.type())) {
            return LookupResult.skipped("web does not fetch " + indicator.type() + " indicators");
        }
        var ready = readiness(context.settings());
        if (!ready.isReady()) return LookupResult.skipped(ready.reason());
        WebFetcher fetcher;
        try {
            fetcher = fetcher(context.settings());
        } catch (IllegalArgumentException e) {
            return LookupResult.skipped(e.getMessage());
        }
        List<RawAnswer> evidence = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        WebFetcher.WebError last = null;
        for (String start : starts(indicator)) {
            List<WebFetcher.Hop> hops;
            try {
                hops = fetcher.fetch(start, context.now());
            } catch (WebFetcher.WebError e) {
                e.hops().forEach(h -> evidence.add(raw(h)));
                LOG.log(System.Logger.Level.DEBUG, () -> "web: " + start + ": " + e.getMessage());
                tried.add(e.getMessage());
                last = e;
                // a refused link or a redirect loop will not change over http; a connection failure may
                if (e.errorClass() != io.infrapivot.source.ErrorClass.NETWORK
                        && e.errorClass() != io.infrapivot.source.ErrorClass.TIMEOUT) {
                    break;
                }
                continue;
            }
            hops = followRefresh(hops, fetcher, context, evidence);
            hops.forEach(h -> evidence.add(raw(h)));
            try {
                return page(indicator, hops, url -> fetcher.resource(url, MAX_FAVICON, context.now()), context,
                        evidence, context.settings().get(FAVICON));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "web: unexpected " + e.getClass().getName()
                        + " reading " + start, e);
                return LookupResult.error(io.infrapivot.source.ErrorClass.GARBAGE, "unexpected "
                        + e.getClass().getSimpleName() + " reading the page", evidence);
            }
        }
        return LookupResult.error(last.errorClass(), String.join("; ", tried), evidence);
    }

    /**
     * Follows {@code <meta http-equiv=refresh>} redirects (phishing kits use them) under the same rules and bound as
     * HTTP redirects; a refused or failed refresh ends the chain where it was (its answers kept as evidence).
     */
    private static List<WebFetcher.Hop> followRefresh(List<WebFetcher.Hop> first, WebFetcher fetcher,
                                                      LookupContext context, List<RawAnswer> evidence)
            throws InterruptedException {
        List<WebFetcher.Hop> hops = new ArrayList<>(first);
        int max = Math.max(0, context.settings().get(MAX_REDIRECTS));
        while (hops.size() <= max) {
            WebFetcher.Hop last = hops.get(hops.size() - 1);
            String next = PageReader.refresh(last.body(), last.contentType(), last.url());
            if (next == null || next.equals(last.url())) break;
            try {
                hops.addAll(fetcher.fetch(next, context.now()));
            } catch (WebFetcher.WebError e) {
                e.hops().forEach(h -> evidence.add(raw(h)));
                LOG.log(System.Logger.Level.DEBUG, () -> "web: meta refresh to " + next + ": " + e.getMessage());
                break;
            }
        }
        return hops;
    }

    static RawAnswer raw(WebFetcher.Hop h) {
        return raw(ID, h);
    }

    /** A hop as evidence of {@code source} (the web source, or the offline saved-page source). */
    static RawAnswer raw(String source, WebFetcher.Hop h) {
        return new RawAnswer(source, "GET " + h.url(), h.body(), h.contentType(), "HTTP " + h.status()
                + (h.cut() ? " (cut at the size cap)" : ""), h.started(), h.elapsed());
    }

    /** Where a page's favicon comes from: the network, or the entries of a saved HAR file; null when not there. */
    @FunctionalInterface
    interface Resources {
        WebFetcher.Hop get(String url) throws InterruptedException;
    }

    /** The facts of a fetched (or saved) redirect chain whose last hop is the page. */
    static LookupResult page(Indicator indicator, List<WebFetcher.Hop> hops, Resources resources,
                             LookupContext context, List<RawAnswer> evidence, boolean withFavicon)
            throws InterruptedException {
        return page(ID, indicator, hops, resources, context, evidence, withFavicon);
    }

    /** The same, the facts credited to {@code source}. */
    static LookupResult page(String source, Indicator indicator, List<WebFetcher.Hop> hops, Resources resources,
                             LookupContext context, List<RawAnswer> evidence, boolean withFavicon)
            throws InterruptedException {
        Facts facts = Facts.of(source, context, evidence.get(evidence.size() - 1));
        WebFetcher.Hop last = hops.get(hops.size() - 1);
        // the redirect chain: indicator → URL → URL ...
        Indicator from = indicator;
        for (int i = 1; i < hops.size(); i++) {
            var to = facts.as(IndicatorType.URL, hops.get(i).url());
            if (to.isEmpty()) continue;
            ObjectNode v = JsonNodeFactory.instance.objectNode();
            int status = hops.get(i - 1).status();
            v.put("status", status);
            if (status < 300 || status >= 400) v.put("via", "meta refresh");
            v.put("hop", i);
            facts.link(from, Relation.REDIRECTS_TO, to.get(), v, null, null, null);
            from = to.get();
        }
        for (WebFetcher.Hop h : hops) certificate(indicator, h, facts);
        boolean html = last.contentType() == null || last.contentType().toLowerCase(java.util.Locale.ROOT).contains("html");
        PageReader.Page page = html ? PageReader.read(last.body(), last.contentType(), last.url()) : null;
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("url", hops.get(0).url());
        v.put("final_url", last.url());
        v.put("status", last.status());
        v.put("redirects", hops.size() - 1);
        v.put("bytes", last.body().length);
        v.put("cut", last.cut());
        if (page != null) v.put("title", page.title());
        ObjectNode headers = v.putObject("headers");
        last.headers().forEach(headers::put);
        facts.attribute(indicator, Relation.WEB_PAGE, v, null, null);
        if (page != null) {
            for (String host : page.hosts()) {
                facts.name(host).ifPresent(n -> facts.link(indicator, Relation.LINKS_TO, n, null, null, null, null));
            }
            for (AnalyticsIds.Found id : page.ids()) {
                facts.as(IndicatorType.ANALYTICS_ID, id.id()).ifPresent(a -> {
                    ObjectNode k = JsonNodeFactory.instance.objectNode();
                    k.put("kind", id.kind());
                    k.put("url", last.url());
                    facts.link(indicator, Relation.USES_ANALYTICS_ID, a, k, null, null, null);
                });
            }
            for (PageReader.Verification ver : page.verifications()) {
                ObjectNode t = JsonNodeFactory.instance.objectNode();
                t.put("service", ver.service());
                t.put("name", ver.name());
                t.put("token", ver.token());
                t.put("where", "html meta tag");
                facts.attribute(indicator, Relation.VERIFICATION_TOKEN, t, null, null);
            }
            if (withFavicon) favicon(indicator, page, resources, facts, evidence);
        }
        var obs = facts.observations();
        String note = last.cut() ? "page cut at " + last.body().length + " bytes" : null;
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, evidence, note, null);
    }

    private static void certificate(Indicator indicator, WebFetcher.Hop h, Facts facts) {
        CertificateDetails c = h.certificate();
        if (c == null) return;
        var cert = facts.as(IndicatorType.CERT, c.sha256());
        if (cert.isEmpty()) return;
        ObjectNode v = c.json();
        v.put("host", h.host());
        var subject = facts.name(h.host()).or(() -> facts.ip(h.host()));
        facts.link(subject.orElse(indicator), Relation.SERVES_CERTIFICATE, cert.get(), v, null, null, null);
        for (String n : c.names()) {
            facts.name(n).or(() -> facts.ip(n)).ifPresent(name -> facts.link(cert.get(), Relation.CERT_NAME, name,
                    null, null, null, null));
        }
    }

    private static void favicon(Indicator indicator, PageReader.Page page, Resources resources, Facts facts,
                                List<RawAnswer> evidence) throws InterruptedException {
        for (String url : page.favicons()) {
            WebFetcher.Hop icon = resources.get(url);
            if (icon == null) continue;
            RawAnswer raw = raw(facts.evidence().source(), icon);
            evidence.add(raw);
            if (icon.status() != 200 || icon.body().length == 0 || icon.cut()) continue;
            var hash = facts.as(IndicatorType.HASH, FaviconHash.indicator(icon.body()));
            if (hash.isEmpty()) continue;
            ObjectNode v = JsonNodeFactory.instance.objectNode();
            v.put("url", icon.url());
            v.put("bytes", icon.body().length);
            RawAnswer pageAnswer = facts.evidence();
            facts.answer(raw);
            facts.link(indicator, Relation.FAVICON_HASH, hash.get(), v, null, null, null);
            facts.answer(pageAnswer);
            return;
        }
    }
}
