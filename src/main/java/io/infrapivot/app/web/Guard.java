package io.infrapivot.app.web;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The server's checks on every request, before any handler runs: the {@code Host} (DNS rebinding), the
 * token (any bind other than loopback), and for state-changing requests the method and the {@code Origin}
 * (CSRF). Pure decisions on header values, so they are tested without a server.
 */
public final class Guard {
    /** Why a request was refused; each maps to one HTTP status. */
    enum Refusal {
        BAD_HOST(403, "Host not allowed"),
        NO_TOKEN(401, "token required"),
        BAD_ORIGIN(403, "Origin not allowed"),
        BAD_METHOD(405, "method not allowed");

        final int status;
        final String text;

        Refusal(int status, String text) {
            this.status = status;
            this.text = text;
        }
    }

    /** How a route treats {@code Origin} on a state-changing request. */
    public enum OriginPolicy {
        /** The page's own API: POST only, and the Origin header must be present and ours. */
        REQUIRED,
        /** A mounted service for non-browser clients (e.g. Maltego): an Origin, when sent, must be ours. */
        IF_PRESENT
    }

    static final String COOKIE = "infrapivot_token";

    private final InetAddress bind;
    private final Set<String> allowedHosts;
    private final String token; // null: loopback, none needed

    Guard(InetAddress bind, Set<String> allowedHosts, String token) {
        this.bind = bind;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.token = token;
    }

    static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String token() {
        return token;
    }

    /** The host name of a {@code Host} header value, lower-cased, brackets of an IPv6 literal removed. */
    static String hostName(String header) {
        if (header == null) return null;
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h;
    }

    /**
     * Whether a {@code Host} names this server: localhost and the loopback literals (when bound to
     * loopback or every address), the bound address itself, any local address when bound to every address,
     * or a name the user allowed. A DNS-rebinding page always arrives with its own name and is refused.
     */
    boolean hostAllowed(String header) {
        String h = hostName(header);
        if (h == null || h.isEmpty()) return false;
        if (allowedHosts.contains(h)) return true;
        boolean loopbackOk = bind.isLoopbackAddress() || bind.isAnyLocalAddress();
        if (h.equals("localhost")) return loopbackOk;
        Optional<InetAddress> literal = literal(h);
        if (literal.isEmpty()) return false;
        InetAddress a = literal.get();
        if (a.equals(bind)) return true;
        if (a.isLoopbackAddress()) return loopbackOk;
        if (bind.isAnyLocalAddress()) {
            try {
                return java.net.NetworkInterface.getByInetAddress(a) != null;
            } catch (java.net.SocketException e) {
                return false;
            }
        }
        return false;
    }

    /** An IP literal without any name lookup; empty when the text is a name. */
    static Optional<InetAddress> literal(String h) {
        boolean v4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = h.contains(":") && h.matches("[0-9a-f:.]+");
        if (!v4 && !v6) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: parsed, never resolved
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the request carries the token (cookie, {@code ?token=} or a bearer header); always true on loopback. */
    boolean tokenOk(String cookieHeader, String queryToken, String authorization) {
        if (token == null) return true;
        if (queryToken != null && same(queryToken, token)) return true;
        if (authorization != null && authorization.startsWith("Bearer ") && same(authorization.substring(7).trim(), token)) {
            return true;
        }
        if (cookieHeader != null) {
            for (String part : cookieHeader.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=") && same(p.substring(COOKIE.length() + 1), token)) return true;
            }
        }
        return false;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Origin} is this server as the browser reached it: http, the request's (allowed) Host. */
    static boolean originMatches(String origin, String host) {
        if (origin == null || host == null) return false;
        try {
            URI u = new URI(origin);
            if (!"http".equals(u.getScheme()) || u.getHost() == null) return false;
            String expected = host.trim().toLowerCase(Locale.ROOT);
            String actual = u.getRawAuthority().toLowerCase(Locale.ROOT);
            if (actual.equals(expected)) return true;
            // a default port may be left out by one side
            return (actual + ":80").equals(expected) || actual.equals(expected + ":80");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static final List<String> SAFE = List.of("GET", "HEAD");

    /** The first check a request fails, or empty when it may go on to its handler. */
    Optional<Refusal> check(String method, String host, String origin, String cookie, String queryToken,
                            String authorization, OriginPolicy policy) {
        if (!hostAllowed(host)) return Optional.of(Refusal.BAD_HOST);
        if (!tokenOk(cookie, queryToken, authorization)) return Optional.of(Refusal.NO_TOKEN);
        if (SAFE.contains(method)) {
            // a GET never changes state; a cross-site one still may not read (no CORS headers are ever sent)
            return origin != null && !"null".equals(origin) && !originMatches(origin, host)
                    ? Optional.of(Refusal.BAD_ORIGIN) : Optional.empty();
        }
        if (!method.equals("POST")) return Optional.of(Refusal.BAD_METHOD);
        if (origin == null) return policy == OriginPolicy.REQUIRED ? Optional.of(Refusal.BAD_ORIGIN) : Optional.empty();
        return originMatches(origin, host) ? Optional.empty() : Optional.of(Refusal.BAD_ORIGIN);
    }
}
