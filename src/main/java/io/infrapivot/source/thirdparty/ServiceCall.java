package io.infrapivot.source.thirdparty;

import io.infrapivot.model.RawAnswer;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.SourceSettings.Secret;
import io.infrapivot.source.http.HttpAnswer;
import io.infrapivot.source.http.HttpError;
import io.infrapivot.source.http.HttpFetcher;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.http.Redactor;
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
 * recorded), HTTP statuses read by the service's {@link ErrorTable} into {@link ServiceException}s, and the facts
 * collected. Every answer's bytes, every message and every fact that leaves it has the source's keys blanked out
 * in every form ({@link Redactor}: raw, URL-encoded, base64 Basic), whatever the service echoed back.
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
    private final Redactor redactor;
    private final ErrorTable errors;
    private final List<RawAnswer> evidence = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Facts facts;

    ServiceCall(String source, LookupContext context, HttpFetcher fetcher, JsonPost post, String baseUrl,
                List<Secret> keys, List<RawAnswer> earlier, ErrorTable errors, Redactor redactor) {
        this.errors = errors;
        this.redactor = redactor;
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
     * Sends a GET and returns the body text of a 2xx answer (keys blanked out), or null for a 404 when
     * {@code notFoundIsEmpty} or the service's table says a 404 means "nothing known". Any other status is a
     * {@link ServiceException} of the class the service's {@link ErrorTable} gives it; transport failures too.
     */
    public String get(Request request, boolean expectJson, boolean notFoundIsEmpty)
            throws ServiceException, InterruptedException {
        pass();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("Accept", expectJson ? "application/json" : "text/plain");
        try {
            return checked(fetcher.get(new HttpFetcher.Get(request.url(), headers, request.secretParams(), expectJson,
                    errors), this::retry), "GET ", "", notFoundIsEmpty);
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
        return send(request, json, JSON_TYPE, errorReader);
    }

    /**
     * POSTs an HTML form ({@code application/x-www-form-urlencoded}: MalwareBazaar's API) and returns the 2xx body;
     * as {@link #post} otherwise. The form must not hold a key (keys go in headers): it is kept in the evidence.
     */
    public String postForm(Request request, Map<String, String> form, ErrorReader errorReader)
            throws ServiceException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(request, body.toString(), FORM, errorReader);
    }

    private String send(Request request, String body, okhttp3.MediaType type, ErrorReader errorReader)
            throws ServiceException, InterruptedException {
        pass();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("Accept", "application/json");
        return explained(() -> {
            try {
                return checked(post.post(request.url(), headers, body, type), "POST ", "\n" + body, false);
            } catch (HttpError e) {
                throw failed("POST " + shown(request) + "\n" + body, e);
            }
        }, errorReader);
    }

    private static final okhttp3.MediaType JSON_TYPE = okhttp3.MediaType.get("application/json");
    private static final okhttp3.MediaType FORM = okhttp3.MediaType.get("application/x-www-form-urlencoded");

    /** Asks the engine's gate for the next request: the rate limit and request budget count every request. */
    private void pass() throws ServiceException, InterruptedException {
        String no = context.gate().next();
        if (no != null) throw new ServiceException(ErrorClass.HELD, no);
        asked++;
    }

    /** A retry is a request too: the gate is asked before it (null: go). */
    private String retry() throws InterruptedException {
        String no = context.gate().next();
        if (no == null) asked++;
        return no;
    }

    private int asked;

    /**
     * What was found before a request was held back: kept and marked as cut short (the engine does not reuse
     * such a lookup as a cache hit, so the next run asks again).
     */
    public LookupResult stopped(String why) {
        var obs = facts.observations();
        String msg = "stopped after " + asked + (asked == 1 ? " request: " : " requests: ") + why;
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.TRUNCATED, obs, evidence, redact(msg), null,
                ErrorClass.HELD);
    }

    private ServiceException failed(String request, HttpError e) {
        ErrorClass c = e.errorClass(errors);
        keep(request, e.partialBody(), e.status() == 0 ? c.id() : "HTTP " + e.status(), null);
        return new ServiceException(c, redact(e.getMessage()), e.retryAfter(), e);
    }

    private String checked(HttpAnswer a, String method, String requestBody, boolean notFoundIsEmpty)
            throws ServiceException {
        HttpAnswer clean = new HttpAnswer(a.url(), a.status(), a.contentType(), redactor.redact(a.body()), a.started(),
                a.elapsed(), a.quota());
        keep(method + clean.url() + requestBody, clean.body(), "HTTP " + a.status(), a.contentType());
        if (!a.quota().isEmpty()) quota = a.quota();
        if (a.ok()) return clean.text();
        if (a.status() == 404 && (notFoundIsEmpty || errors.emptyOnNotFound())) return null;
        ErrorClass c = errors.ofStatus(a.status());
        throw new ServiceException(c == null ? ErrorClass.GARBAGE : c, "HTTP " + a.status() + excerptOf(clean));
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
            // a status answer (not a transport failure) whose body may say more precisely what happened
            boolean statusAnswer = e.getCause() == null
                    || e.getCause() instanceof HttpError h && h.status() > 0 && h.kind() != HttpError.Kind.TOO_LARGE;
            if (last != null && statusAnswer && last.response().length > 0) {
                try {
                    errorReader.read(new String(last.response(), StandardCharsets.UTF_8));
                } catch (ServiceException said) {
                    if (said.errorClass() != ErrorClass.GARBAGE) {
                        throw new ServiceException(said.errorClass(), redact(said.detail()) + " (" + last.status() + ")",
                                e.retryAfter(), said);
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

    private void keep(String request, byte[] body, String status, String contentType) {
        RawAnswer raw = new RawAnswer(source, redact(request), redactor.redact(body), contentType, status,
                context.now(), null);
        evidence.add(raw);
        facts.answer(raw);
    }

    /** A remark for the result's message (a side request that failed, ...). */
    public void note(String remark) {
        notes.add(redact(remark));
    }

    /** Blanks every configured key out of a text, in every form a request carries it. */
    public String redact(String text) {
        return redactor.redact(text);
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
        String note = all.isEmpty() ? null : redact(String.join("; ", all));
        if ((total != null && total > fetched) || more) {
            String of = total != null ? " of " + total : " (more exist)";
            String msg = "truncated at " + fetched + of + (note == null ? "" : "; " + note);
            return new LookupResult(Outcome.TRUNCATED, obs, evidence, msg, total != null ? total : fetched);
        }
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, evidence, note, total);
    }
}
