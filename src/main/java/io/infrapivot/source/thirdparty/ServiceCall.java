package io.infrapivot.source.thirdparty;

import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.SourceSettings.Secret;
import io.infrapivot.source.http.HttpAnswer;
import io.infrapivot.source.http.HttpError;
import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.thirdparty.ServiceException.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One lookup's exchanges with a service: GETs through the shared {@link HttpFetcher}, every answer kept as
 * evidence (the URL with secret parameters shown as {@code ****}; headers, where most keys travel, are never
 * recorded), HTTP statuses turned into {@link ServiceException}s, and the facts collected. Every message that
 * leaves it has the source's keys blanked out, whatever the service echoed back.
 */
public final class ServiceCall {
    private final String source;
    private final LookupContext context;
    private final HttpFetcher fetcher;
    /** Quota and rate-limit headers of the last answer (none when the service sends none). */
    private java.util.Map<String, String> quota = java.util.Map.of();
    private final JsonPost post;
    private final String baseUrl;
    private final List<Secret> keys;
    private final List<RawAnswer> evidence = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Facts facts;

    ServiceCall(String source, LookupContext context, HttpFetcher fetcher, JsonPost post, String baseUrl,
                List<Secret> keys, List<RawAnswer> earlier) {
        this.source = source;
        this.post = post;
        this.evidence.addAll(earlier);
        this.context = context;
        this.fetcher = fetcher;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.keys = List.copyOf(keys);
        this.facts = Facts.of(source, context, null);
    }

    /** The configured base URL without a trailing slash. */
    public String base() {
        return baseUrl;
    }

    /** The configured keys, the one to use first (several when the user rotates them); empty when none is set. */
    public List<Secret> keys() {
        return keys;
    }

    public Facts facts() {
        return facts;
    }

    public LookupContext context() {
        return context;
    }

    /** The per-lookup result cap ({@code RunOptions.maxResults}). */
    public int maxResults() {
        return Math.max(1, context.options().maxResults());
    }

    /** The first items of a page that still fit under the result cap, {@code fetched} items having come before. */
    public <T> List<T> capped(List<T> items, long fetched) {
        long room = Math.max(0, maxResults() - fetched);
        return items.size() > room ? items.subList(0, (int) room) : items;
    }

    /** URL-encodes one path segment or query value. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request: URL, headers (keys may be in them) and the query parameters that hold secrets. */
    public record Request(String url, Map<String, String> headers, List<String> secretParams) {
        public Request {
            headers = new LinkedHashMap<>(headers);
            secretParams = List.copyOf(secretParams);
        }

        public static Request of(String url) {
            return new Request(url, Map.of(), List.of());
        }

        public Request header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Request(url, h, secretParams);
        }

        public Request secretParam(String name) {
            List<String> s = new ArrayList<>(secretParams);
            s.add(name);
            return new Request(url, headers, s);
        }
    }

    /**
     * Sends a GET and returns the body text of a 2xx answer, or null for a 404 when {@code notFoundIsEmpty}.
     * 401/403 are {@link Kind#AUTH}, 402 and 429 {@link Kind#QUOTA}, other 4xx {@link Kind#BAD_QUERY},
     * transport failures {@link Kind#SERVER} or {@link Kind#MALFORMED} with the helper's sentence.
     */
    public String get(Request request, boolean expectJson, boolean notFoundIsEmpty)
            throws ServiceException, InterruptedException {
        pass();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("Accept", expectJson ? "application/json" : "text/plain");
        try {
            return checked(fetcher.get(new HttpFetcher.Get(request.url(), headers, request.secretParams(), expectJson)),
                    "GET ", "", notFoundIsEmpty);
        } catch (HttpError e) {
            throw failed("GET " + shown(request), e);
        }
    }

    /**
     * POSTs a JSON body (search APIs without GET) and returns the 2xx body; statuses as for {@link #get}, a
     * non-2xx JSON body handed to {@code errorReader} first. The body must not hold a key (keys go in headers):
     * it is kept in the evidence.
     */
    public String post(Request request, String json, ErrorReader errorReader)
            throws ServiceException, InterruptedException {
        pass();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("Accept", "application/json");
        return explained(() -> {
            try {
                return checked(post.post(request.url(), headers, json), "POST ", "\n" + json, false);
            } catch (HttpError e) {
                throw failed("POST " + shown(request) + "\n" + json, e);
            }
        }, errorReader);
    }

    /** Asks the engine's gate for the next request: the rate limit and request budget count every request. */
    private void pass() throws ServiceException, InterruptedException {
        String no = context.gate().next();
        if (no != null) throw new ServiceException(Kind.HELD, no);
        asked++;
    }

    private int asked;

    /**
     * What was found before a request was held back: kept and marked as cut short (the engine does not reuse
     * such a lookup as a cache hit, so the next run asks again).
     */
    public LookupResult stopped(String why) {
        var obs = facts.observations();
        String msg = "stopped after " + asked + (asked == 1 ? " request: " : " requests: ") + why;
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.TRUNCATED, obs, evidence, msg, null);
    }

    private ServiceException failed(String request, HttpError e) {
        keep(request, e.partialBody(), e.status() == 0 ? e.kind().name().toLowerCase(java.util.Locale.ROOT) : "HTTP " + e.status(), null);
        return new ServiceException(kindOf(e), redact(e.getMessage()), e);
    }

    private String checked(HttpAnswer a, String method, String requestBody, boolean notFoundIsEmpty)
            throws ServiceException {
        keep(method + a.url() + requestBody, a.body(), "HTTP " + a.status(), a.contentType());
        if (!a.quota().isEmpty()) quota = a.quota();
        if (a.ok()) return a.text();
        if (a.status() == 404 && notFoundIsEmpty) return null;
        String detail = "HTTP " + a.status() + excerptOf(a);
        if (a.status() == 401 || a.status() == 403) throw new ServiceException(Kind.AUTH, detail);
        if (a.status() == 402 || a.status() == 429) throw new ServiceException(Kind.QUOTA, detail);
        throw new ServiceException(a.status() >= 500 ? Kind.SERVER : Kind.BAD_QUERY, detail);
    }

    /** Like {@link #get} but hands a non-2xx body to {@code errorReader} first (services that explain in JSON). */
    public String getExplained(Request request, ErrorReader errorReader, boolean notFoundIsEmpty)
            throws ServiceException, InterruptedException {
        return explained(() -> get(request, true, notFoundIsEmpty), errorReader);
    }

    private interface Exchange {
        String run() throws ServiceException, InterruptedException;
    }

    private String explained(Exchange exchange, ErrorReader errorReader)
            throws ServiceException, InterruptedException {
        try {
            return exchange.run();
        } catch (ServiceException e) {
            RawAnswer last = evidence.isEmpty() ? null : evidence.get(evidence.size() - 1);
            if (last != null && e.getCause() == null && last.response().length > 0) {
                try {
                    errorReader.read(new String(last.response(), StandardCharsets.UTF_8));
                } catch (ServiceException said) {
                    if (said.kind() != Kind.MALFORMED) {
                        throw new ServiceException(said.kind(), redact(said.detail()) + " (HTTP "
                                + last.status().replace("HTTP ", "") + ")", said);
                    }
                }
            }
            throw e;
        }
    }

    /** Reads a service's error body and throws what it says (returning means it said nothing useful). */
    @FunctionalInterface
    public interface ErrorReader {
        void read(String body) throws ServiceException;
    }

    private static String shown(Request request) {
        HttpUrl url = HttpUrl.parse(request.url());
        return url == null ? "(not an HTTP URL)" : HttpFetcher.redact(url, request.secretParams());
    }

    private String excerptOf(HttpAnswer a) {
        if (a.body().length == 0 || a.looksLikeHtml()) return a.looksLikeHtml() ? " (an HTML page)" : "";
        return " (" + redact(Json.excerpt(a.text())) + ")";
    }

    private static Kind kindOf(HttpError e) {
        return switch (e.kind()) {
            case RATE_LIMITED -> Kind.QUOTA;
            case HTML_NOT_JSON, TOO_LARGE -> Kind.MALFORMED;
            case STATUS -> e.status() == 401 || e.status() == 403 ? Kind.AUTH : Kind.SERVER;
            default -> Kind.SERVER;
        };
    }

    private void keep(String request, byte[] body, String status, String contentType) {
        RawAnswer raw = new RawAnswer(source, redact(request), body, contentType, status, context.now(), null);
        evidence.add(raw);
        facts.answer(raw);
    }

    /** A remark for the result's message (a side request that failed, ...). */
    public void note(String remark) {
        notes.add(redact(remark));
    }

    /** Blanks every configured key out of a text. */
    public String redact(String text) {
        if (text == null) return null;
        String t = text;
        for (Secret k : keys) {
            String v = k.reveal();
            if (v.length() >= 4) {
                t = t.replace(v, "****");
                t = t.replace(enc(v), "****");
            }
            int colon = v.indexOf(':');
            if (colon > 0 && v.length() - colon > 4) t = t.replace(v.substring(colon + 1), "****");
        }
        return t;
    }

    public List<RawAnswer> evidence() {
        return List.copyOf(evidence);
    }

    /**
     * The lookup's result: ok/empty, or truncated when the service says more exist than were fetched
     * ("truncated at N of M"); the service's total is reported either way.
     *
     * @param total   the service's total, or null
     * @param fetched how many records came back
     * @param more    whether a further page existed that the cap kept us from asking for
     */
    public LookupResult result(Long total, long fetched, boolean more) {
        var obs = facts.observations();
        List<String> all = new ArrayList<>(notes);
        if (!quota.isEmpty()) {
            // the service's own account of what is left, from its last answer
            all.add("quota: " + String.join(", ", quota.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toList()));
        }
        if (facts.outsideWindow() > 0) {
            all.add(facts.outsideWindow() + " facts outside the --since/--until window left out");
        }
        String note = all.isEmpty() ? null : String.join("; ", all);
        if ((total != null && total > fetched) || more) {
            String of = total != null ? " of " + total : " (more exist)";
            String msg = "truncated at " + fetched + of + (note == null ? "" : "; " + note);
            return new LookupResult(Outcome.TRUNCATED, obs, evidence, msg, total != null ? total : fetched);
        }
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, evidence, note, total);
    }
}
