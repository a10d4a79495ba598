package io.infrapivot.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The local web page's server: the JDK's {@code com.sun.net.httpserver} on virtual threads. One context
 * takes every request, runs the {@link Guard} (Host, token, Origin, method) and only then a route: the
 * page, its scripts and styles (from the jar), the JSON API, the run event streams.
 *
 * <p><b>Adding a handler</b> (e.g. the Maltego TRX service under {@code /run/}): call
 * {@link #mount(String, HttpHandler, Guard.OriginPolicy)} before or after {@link #start()}. A mounted handler
 * gets every request whose path starts with its prefix, after the same Host and token checks; its
 * state-changing requests must be POST, with an {@code Origin} that is ours when one is sent
 * ({@code IF_PRESENT}, for non-browser clients) or always ({@code REQUIRED}). Its responses get the same
 * security headers; it writes its own body with the exchange as usual.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebServer.class.getName());
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final int MAX_BODY = 64 * 1024;
    static final int EVIDENCE_SHOWN = 256 * 1024;
    private static final Pattern CASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String STATIC = "/io/infrapivot/app/web/static/";
    /** The library files the page loads, from their WebJars; nothing else under /webjars/ is served. */
    static final Map<String, String> WEBJARS = Map.of(
            "/webjars/cytoscape.min.js", "/META-INF/resources/webjars/cytoscape/3.33.1/dist/cytoscape.min.js",
            "/webjars/layout-base.js", "/META-INF/resources/webjars/layout-base/2.0.1/layout-base.js",
            "/webjars/cose-base.js", "/META-INF/resources/webjars/cose-base/2.2.0/cose-base.js",
            "/webjars/cytoscape-fcose.js", "/META-INF/resources/webjars/cytoscape-fcose/2.2.0/cytoscape-fcose.js");
    static final Set<String> STATIC_FILES = Set.of("app.js", "app.css", "graph.js", "export.js");

    /** What the server is given: where to listen, who may reach it, which case opens first. */
    public record Options(InetAddress bind, int port, Set<String> allowedHosts, String defaultCase, int foldLimit,
                          int maxNodes) {}

    private record Mount(String prefix, HttpHandler handler, Guard.OriginPolicy policy) {}

    private final Options options;
    private final Guard guard;
    private final CaseRepository cases;
    private final IndicatorParser parser;
    private final Runs runs;
    private final GraphView view;
    private final Map<String, CaseStore> open = new ConcurrentHashMap<>();
    private final List<Mount> mounts = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;

    WebServer(Options options, CaseRepository cases, IndicatorParser parser, Runs runs) {
        this.options = options;
        boolean loopback = options.bind().isLoopbackAddress();
        this.guard = new Guard(options.bind(), options.allowedHosts(), loopback ? null : Guard.newToken());
        this.cases = cases;
        this.parser = parser;
        this.runs = runs;
        this.view = new GraphView(options.foldLimit(), options.maxNodes());
    }

    /** Adds a handler for every path under {@code prefix} (e.g. {@code "/run/"}), behind the same guard. */
    public void mount(String prefix, HttpHandler handler, Guard.OriginPolicy policy) {
        if (!prefix.startsWith("/") || prefix.equals("/") || prefix.startsWith("/api/") || prefix.startsWith("/static/")
                || prefix.startsWith("/webjars/")) {
            throw new IllegalArgumentException("cannot mount at " + prefix);
        }
        mounts.add(new Mount(prefix, handler, policy));
    }

    public WebServer start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The token non-loopback binds need, or null on loopback. */
    public String token() {
        return guard.token();
    }

    /** The page's address (with the one-time token where one is needed). */
    public String url() {
        InetAddress a = options.bind();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a instanceof java.net.Inet6Address
                ? "[" + a.getHostAddress().replaceAll("%.*", "") + "]" : a.getHostAddress();
        return "http://" + host + ":" + port() + "/" + (token() == null ? "" : "?token=" + token());
    }

    @Override
    public void close() {
        runs.close();
        if (server != null) server.stop(0);
        executor.shutdownNow();
        open.values().forEach(CaseStore::close);
        open.clear();
    }

    // ---- dispatch ----

    private void handle(HttpExchange x) throws IOException {
        try {
            dispatch(x);
        } finally {
            x.close();
        }
    }

    private void dispatch(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getRawPath();
            Mount mount = mounts.stream().filter(m -> path.startsWith(m.prefix())).findFirst().orElse(null);
            Map<String, String> q;
            try {
                q = query(x.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                text(x, 400, "bad query");
                return;
            }
            securityHeaders(x);
            Optional<Guard.Refusal> refusal = guard.check(x.getRequestMethod(), x.getRequestHeaders().getFirst("Host"),
                    x.getRequestHeaders().getFirst("Origin"), x.getRequestHeaders().getFirst("Cookie"), q.get("token"),
                    x.getRequestHeaders().getFirst("Authorization"),
                    mount != null ? mount.policy() : Guard.OriginPolicy.REQUIRED);
            if (refusal.isPresent()) {
                text(x, refusal.get().status, refusal.get().text);
                return;
            }
            if (guard.token() != null && q.containsKey("token")) {
                // the token came in the address: keep it as a cookie so the page's own requests carry it
                x.getResponseHeaders().add("Set-Cookie", Guard.COOKIE + "=" + guard.token()
                        + "; Path=/; HttpOnly; SameSite=Strict");
            }
            if (mount != null) {
                mount.handler().handle(x);
                return;
            }
            route(x, path, q);
        } catch (ClientError e) {
            text(x, e.status, e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed", e);
            try {
                text(x, 500, "internal error");
            } catch (IOException | RuntimeException ignored) {
                LOG.log(Level.FINE, "could not report the error", ignored);
            }
        }
    }

    /** A request the page got wrong: status and a one-line message. */
    static final class ClientError extends RuntimeException {
        final int status;

        ClientError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void route(HttpExchange x, String path, Map<String, String> q) throws IOException {
        String method = x.getRequestMethod();
        boolean get = Guard.SAFE.contains(method);
        if (path.equals("/") || path.equals("/index.html")) {
            requireGet(get);
            resource(x, STATIC + "index.html");
        } else if (path.startsWith("/static/")) {
            requireGet(get);
            String name = path.substring("/static/".length());
            if (!STATIC_FILES.contains(name)) throw new ClientError(404, "not found");
            resource(x, STATIC + name);
        } else if (WEBJARS.containsKey(path)) {
            requireGet(get);
            resource(x, WEBJARS.get(path));
        } else if (path.equals("/api/cases")) {
            if (get) json(x, casesJson());
            else json(x, createCase(body(x)));
        } else if (path.equals("/api/graph")) {
            requireGet(get);
            json(x, view.graph(caseName(q), store(q), q.get("by")));
        } else if (path.equals("/api/group")) {
            requireGet(get);
            json(x, view.groupPage(store(q), required(q, "id"), intParam(q, "offset", 0), Math.min(500,
                    intParam(q, "limit", 100))));
        } else if (path.equals("/api/node")) {
            requireGet(get);
            json(x, view.about(store(q), indicator(required(q, "id"))));
        } else if (path.equals("/api/registration")) {
            requireGet(get);
            json(x, RegistrationView.of(store(q), indicator(required(q, "id")), java.time.Instant.now()));
        } else if (path.equals("/api/evidence")) {
            requireGet(get);
            json(x, evidence(store(q), intParam(q, "id", -1)));
        } else if (path.equals("/api/sources")) {
            requireGet(get);
            json(x, sources(store(q), indicator(required(q, "id"))));
        } else if (path.equals("/api/recipes")) {
            requireGet(get);
            json(x, GraphView.JSON.valueToTree(Recipe.BUILT_IN));
        } else if (path.equals("/api/lookup")) {
            requirePost(get);
            json(x, startLookup(body(x)));
        } else if (path.equals("/api/pivot")) {
            requirePost(get);
            json(x, startPivot(body(x)));
        } else if (path.startsWith("/api/runs/")) {
            String[] parts = path.substring("/api/runs/".length()).split("/");
            if (parts.length != 2) throw new ClientError(404, "not found");
            Runs.Run run = runs.get(parts[0]).orElseThrow(() -> new ClientError(404, "no such run"));
            if (parts[1].equals("events")) {
                requireGet(get);
                stream(x, run);
            } else if (parts[1].equals("cancel")) {
                requirePost(get);
                runs.cancel(run.id);
                json(x, GraphView.JSON.createObjectNode().put("cancelled", run.id));
            } else {
                throw new ClientError(404, "not found");
            }
        } else {
            throw new ClientError(404, "not found");
        }
    }

    private static void requireGet(boolean get) {
        if (!get) throw new ClientError(405, "method not allowed");
    }

    private static void requirePost(boolean get) {
        if (get) throw new ClientError(405, "use POST");
    }

    // ---- cases ----

    private String caseName(Map<String, String> q) {
        String name = q.getOrDefault("case", options.defaultCase());
        if (!name.equals(options.defaultCase()) && !CASE_NAME.matcher(name).matches()) {
            throw new ClientError(400, "not a case name");
        }
        return name;
    }

    private CaseStore store(Map<String, String> q) {
        String name = caseName(q);
        return open.computeIfAbsent(name, n -> {
            try {
                return cases.openExisting(n);
            } catch (NoSuchElementException e) {
                throw new ClientError(404, "no such case");
            }
        });
    }

    private JsonNode casesJson() {
        ArrayNode out = GraphView.JSON.createArrayNode();
        for (CaseInfo c : cases.list()) {
            ObjectNode o = out.addObject();
            o.put("name", c.name());
            o.put("indicators", c.indicators());
            o.put("observations", c.observations());
            GraphView.putTime(o, "last_activity", GraphView.millis(c.lastActivity()));
        }
        ObjectNode root = GraphView.JSON.createObjectNode();
        root.put("current", options.defaultCase());
        root.set("cases", out);
        return root;
    }

    /** Creates a case (or opens an existing one) and records a seed typed on the page. */
    private JsonNode createCase(JsonNode body) {
        String name = text(body, "name");
        if (name == null || !CASE_NAME.matcher(name).matches()) {
            throw new ClientError(400, "a case name is letters, digits, '.', '_' or '-' (at most 64)");
        }
        Indicator seed = parse(text(body, "seed"));
        CaseStore store = open.computeIfAbsent(name, cases::open);
        store.addSeeds(List.of(seed));
        return GraphView.JSON.createObjectNode().put("name", name).put("seed", seed.key());
    }

    // ---- reading ----

    private Indicator indicator(String id) {
        int colon = id.indexOf(':');
        if (colon < 1) throw new ClientError(400, "not an indicator id");
        IndicatorType type = IndicatorType.fromId(id.substring(0, colon))
                .orElseThrow(() -> new ClientError(400, "unknown indicator type"));
        return Indicator.fromCanonical(type, id.substring(colon + 1));
    }

    /** A value typed or clicked on the page, through the parser (the only way to make an indicator to look up). */
    private Indicator parse(String text) {
        if (text == null || text.isBlank()) throw new ClientError(400, "no indicator given");
        int colon = text.indexOf(':');
        Optional<IndicatorType> type = colon > 0 ? IndicatorType.fromId(text.substring(0, colon)) : Optional.empty();
        try {
            if (type.isPresent()) {
                return parser.parseAs(type.get(), text.substring(colon + 1)).orElseThrow().indicator();
            }
            return parser.parse(text).orElseThrow().indicator();
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, e.getMessage());
        }
    }

    private JsonNode evidence(CaseStore store, long id) {
        StoredEvidence e = store.evidence(id).orElseThrow(() -> new ClientError(404, "no such evidence"));
        ObjectNode o = GraphView.JSON.createObjectNode();
        o.put("id", e.id());
        o.put("source", e.source());
        o.put("request", e.request());
        o.put("content_type", e.contentType());
        o.put("status", e.status());
        GraphView.putTime(o, "started", GraphView.millis(e.started()));
        o.put("size", e.response().length);
        o.put("sha256", e.sha256());
        String decoded = decodedDns(e);
        String text = decoded != null ? decoded : utf8(e.response());
        if (text != null) {
            o.put("decoded", decoded != null);
            o.put("text", text.length() > EVIDENCE_SHOWN ? text.substring(0, EVIDENCE_SHOWN) : text);
            o.put("truncated", text.length() > EVIDENCE_SHOWN);
        } else {
            int n = Math.min(e.response().length, 4096);
            o.put("hex", java.util.HexFormat.of().formatHex(e.response(), 0, n));
            o.put("truncated", n < e.response().length);
        }
        return o;
    }

    /** A DNS packet as dig-like text (as {@code infrapivot evidence} shows it), or null. */
    static String decodedDns(StoredEvidence e) {
        if (!"dns-wire".equals(e.contentType()) || e.response().length < 12) return null;
        try {
            return new org.xbill.DNS.Message(e.response()).toString();
        } catch (IOException | RuntimeException ex) {
            LOG.log(Level.FINE, "evidence " + e.id() + " is not a DNS packet", ex);
            return null;
        }
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }

    /** The sources that accept an indicator's type: access, and why one would not run. */
    private JsonNode sources(CaseStore store, Indicator i) {
        ArrayNode out = GraphView.JSON.createArrayNode();
        Engine engine = runs.probe(store); // the case's shared engine: not closed here
        for (Source s : engine.candidates(i, new Selection(Set.of(), Set.of(), true, false))) {
            ObjectNode o = out.addObject();
            o.put("id", s.info().id());
            o.put("access", s.info().access().id());
            o.put("description", s.info().description());
            String skip = engine.skipReason(s, new Selection(Set.of(), Set.of(), true, false));
            if (skip != null) o.put("unavailable", skip);
        }
        return out;
    }

    // ---- runs ----

    private JsonNode startLookup(JsonNode body) {
        String name = caseFrom(body);
        CaseStore store = store(Map.of("case", name));
        List<Indicator> indicators = new ArrayList<>();
        for (JsonNode n : body.path("indicators")) indicators.add(parse(n.asText()));
        if (indicators.isEmpty() || indicators.size() > 100) throw new ClientError(400, "one to 100 indicators");
        try {
            Runs.Run run = runs.lookup(name, store, indicators, strings(body.path("sources")),
                    body.path("active").asBoolean(false));
            return GraphView.JSON.createObjectNode().put("run", run.id);
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, e.getMessage());
        }
    }

    private JsonNode startPivot(JsonNode body) {
        String name = caseFrom(body);
        CaseStore store = store(Map.of("case", name));
        Indicator seed = parse(text(body, "indicator"));
        String recipe = text(body, "recipe");
        if (recipe == null || !Recipe.BUILT_IN.contains(recipe)) throw new ClientError(400, "unknown recipe");
        Integer depth = body.hasNonNull("depth") ? body.path("depth").asInt() : null;
        try {
            Runs.Run run = runs.pivot(name, store, List.of(seed), recipe, depth, strings(body.path("sources")),
                    body.path("active").asBoolean(false));
            return GraphView.JSON.createObjectNode().put("run", run.id);
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, e.getMessage());
        }
    }

    private String caseFrom(JsonNode body) {
        String name = text(body, "case");
        return caseName(name == null ? Map.of() : Map.of("case", name));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    /** Server-Sent Events: every event of the run from {@code Last-Event-ID}, then more as they come, until it ends. */
    private void stream(HttpExchange x, Runs.Run run) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        long after = 0;
        String last = x.getRequestHeaders().getFirst("Last-Event-ID");
        if (last != null && last.matches("[0-9]{1,18}")) after = Long.parseLong(last);
        OutputStream out = x.getResponseBody();
        try {
            while (true) {
                List<EventLog.Event> events = run.events.after(after, 15_000);
                StringBuilder sb = new StringBuilder();
                for (EventLog.Event e : events) {
                    sb.append("id: ").append(e.id()).append("\nevent: ").append(e.type()).append("\ndata: ")
                            .append(e.data()).append("\n\n"); // JSON on one line: no newline inside
                    after = e.id();
                }
                if (events.isEmpty()) sb.append(": keep-alive\n\n");
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (events.isEmpty() && run.events.closed()) break;
                if (!events.isEmpty() && events.get(events.size() - 1).type().equals("end")) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- plumbing ----

    private static void securityHeaders(HttpExchange x) {
        var h = x.getResponseHeaders();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
    }

    private void resource(HttpExchange x, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) throw new ClientError(404, "not found");
            bytes = in.readAllBytes();
        }
        String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css")
                ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
        send(x, 200, type, bytes);
    }

    static void json(HttpExchange x, JsonNode node) throws IOException {
        send(x, 200, "application/json; charset=utf-8", GraphView.JSON.writeValueAsBytes(node));
    }

    static void text(HttpExchange x, int status, String message) throws IOException {
        send(x, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) x.getResponseBody().write(body);
    }

    private static JsonNode body(HttpExchange x) throws IOException {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ClientError(415, "send JSON");
        }
        byte[] b = x.getRequestBody().readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) throw new ClientError(413, "request too large");
        try {
            JsonNode n = GraphView.JSON.readTree(b);
            if (n == null || !n.isObject()) throw new ClientError(400, "a JSON object expected");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ClientError(400, "not JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) throw new ClientError(400, "missing " + name);
        return v;
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ClientError(400, name + " must be a number");
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
