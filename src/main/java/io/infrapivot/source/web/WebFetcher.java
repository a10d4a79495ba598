package io.infrapivot.source.web;

import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.PublicHosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The web source's HTTP client. Unlike the service client it reads what a site serves whatever its status, follows
 * redirects itself (only http/https, only to public hosts, at most {@code maxRedirects}), cuts a body at
 * {@code maxBytes} (the part read is kept and marked cut), bounds the whole exchange in time, and — only here —
 * completes a TLS handshake whose certificate does not validate, recording the chain and why it failed (expired,
 * self-signed, untrusted, another host's), so that an invalid certificate is read and reported rather than refused.
 * Names resolve to public addresses only (the connection goes to an address the check passed).
 *
 * <p>A stand-in base URL (the {@code url} setting; tests) sends every request for a public host to that server
 * instead, with the original {@code Host} header; links to non-public hosts are still refused.
 */
final class WebFetcher {
    private static final System.Logger LOG = System.getLogger(WebFetcher.class.getName());

    /** Response headers kept (they name the software and the hosting). */
    static final List<String> KEPT_HEADERS = List.of("Server", "X-Powered-By", "Via", "X-Generator",
            "X-AspNet-Version", "X-AspNetMvc-Version", "X-Runtime", "X-Served-By", "X-Cache", "CF-Ray", "X-Amz-Cf-Id",
            "X-Hosted-By", "X-Backend-Server", "Content-Type", "Location", "Strict-Transport-Security");

    record Options(Duration connectTimeout, Duration callTimeout, long maxBytes, int maxRedirects, HttpUrl standIn,
                   String userAgent) {}

    /** One exchange of the chain. */
    record Hop(String url, int status, String contentType, Map<String, String> headers, byte[] body, boolean cut,
               CertificateDetails certificate, Instant started, Duration elapsed) {
        String host() {
            HttpUrl u = HttpUrl.parse(url);
            return u == null ? null : u.host();
        }
    }

    /** Why a fetch ended without a page. */
    static final class WebError extends Exception {
        private final ErrorClass errorClass;
        private final transient List<Hop> hops;

        WebError(ErrorClass errorClass, String message, List<Hop> hops) {
            super(message);
            this.errorClass = errorClass;
            this.hops = List.copyOf(hops);
        }

        ErrorClass errorClass() {
            return errorClass;
        }

        List<Hop> hops() {
            return hops;
        }
    }

    private final Options options;
    private final OkHttpClient base;
    private final X509ExtendedTrustManager systemTrust;

    WebFetcher(Options options) {
        this.options = options;
        this.systemTrust = systemTrust();
        this.base = new OkHttpClient.Builder()
                .dns(host -> options.standIn() != null && host.equals(options.standIn().host())
                        ? Dns.SYSTEM.lookup(host) : publicOnly(host)) // the configured stand-in is the user's choice
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.callTimeout())
                .callTimeout(options.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .protocols(List.of(okhttp3.Protocol.HTTP_1_1)) // the Host header names the site (stand-ins too)
                .build();
    }

    /** Names resolve to their public addresses only: a name that resolves to none is not connected to. */
    private static List<InetAddress> publicOnly(String host) throws UnknownHostException {
        List<InetAddress> all = Dns.SYSTEM.lookup(host);
        List<InetAddress> ok = all.stream().filter(PublicHosts::isPublicAddress).toList();
        if (ok.isEmpty()) throw new UnknownHostException(host + " resolves to no public address");
        return ok;
    }

    private static X509ExtendedTrustManager systemTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) return x;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no system trust store", e);
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /**
     * Trusts every server chain but records, by leaf fingerprint, what the system trust store said about it: the
     * handshake completes and the certificate is reported, valid or not. Used by this client only.
     */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager system;
        /** The chains seen, in order, each with what the system trust store said (null: trusted). */
        final List<Map.Entry<X509Certificate[], String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Certificates already read, by the server (host and port) they came from: kept-alive connections. */
        final Map<String, CertificateDetails> byServer = new ConcurrentHashMap<>();

        Recorder(X509ExtendedTrustManager system) {
            this.system = system;
        }

        private interface Check {
            void run() throws CertificateException;
        }

        private void record(X509Certificate[] chain, Check check) {
            if (chain == null || chain.length == 0) return;
            String verdict = null;
            try {
                check.run();
            } catch (CertificateException | RuntimeException e) {
                verdict = String.valueOf(e.getMessage());
            }
            seen.add(new java.util.AbstractMap.SimpleImmutableEntry<>(chain.clone(), verdict));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            record(chain, () -> system.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            record(chain, () -> system.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            record(chain, () -> system.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("this client authenticates no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("this client authenticates no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client authenticates no clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return system.getAcceptedIssuers();
        }
    }

    /** Whether the tool may fetch {@code url} on its own or a page's say: http(s) and a public host. */
    static String refusal(HttpUrl url) {
        if (url == null) return "not an http or https URL";
        String h = url.host();
        if (h.contains(":") || h.matches("[0-9.]+")) {
            try {
                InetAddress a = InetAddress.getByName(h);
                return PublicHosts.isPublicAddress(a) ? null : Safe.oneLine(h) + " is not a public address";
            } catch (UnknownHostException e) {
                return Safe.oneLine(Safe.truncate(h, 80)) + " is not an address";
            }
        }
        return PublicHosts.isPublicName(h) ? null : Safe.oneLine(Safe.truncate(h, 80)) + " is not a public host";
    }

    /** The URL the request goes to (the stand-in, when one is set) and the Host header it carries. */
    private Request request(HttpUrl url) {
        Request.Builder b = new Request.Builder().header("User-Agent", options.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        if (options.standIn() == null) return b.url(url).build();
        HttpUrl to = url.newBuilder().scheme(options.standIn().scheme()).host(options.standIn().host())
                .port(options.standIn().port()).build();
        return b.url(to).header("Host", url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? ""
                : ":" + url.port())).build();
    }

    /** Fetches {@code start}, following its redirects; the last hop is the page. */
    List<Hop> fetch(String start, Instant now) throws WebError, InterruptedException {
        List<Hop> hops = new ArrayList<>();
        HttpUrl url = HttpUrl.parse(start);
        Recorder recorder = new Recorder(systemTrust);
        OkHttpClient client = client(recorder);
        try {
            for (int i = 0; ; i++) {
                String no = refusal(url);
                if (no != null) {
                    throw new WebError(ErrorClass.BAD_REQUEST, (i == 0 ? "not fetched: " : "redirect not followed: ")
                            + no, hops);
                }
                Hop hop = once(client, recorder, url, options.maxBytes(), hops, now);
                hops.add(hop);
                String location = hop.headers().get("Location");
                if (hop.status() < 300 || hop.status() >= 400 || location == null) return hops;
                HttpUrl next = url.resolve(location);
                if (next == null) {
                    throw new WebError(ErrorClass.GARBAGE, "redirect to something not http or https: "
                            + Safe.oneLine(Safe.truncate(location, 80)), hops);
                }
                if (i + 1 > options.maxRedirects()) {
                    throw new WebError(ErrorClass.GARBAGE, "more than " + options.maxRedirects() + " redirects", hops);
                }
                url = next;
            }
        } finally {
            client.connectionPool().evictAll();
        }
    }

    /** A small resource (the favicon): its bytes, or null when it is not there or not allowed. */
    Hop resource(String url, long maxBytes, Instant now) throws InterruptedException {
        HttpUrl u = HttpUrl.parse(url);
        if (refusal(u) != null) return null;
        Recorder recorder = new Recorder(systemTrust);
        OkHttpClient client = client(recorder);
        try {
            return once(client, recorder, u, maxBytes, List.of(), now);
        } catch (WebError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "web: " + e.getMessage());
            return null;
        } finally {
            client.connectionPool().evictAll();
        }
    }

    private OkHttpClient client(Recorder recorder) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {recorder}, null);
            return base.newBuilder().connectionPool(new ConnectionPool(1, 1, TimeUnit.SECONDS))
                    .sslSocketFactory(tls.getSocketFactory(), recorder)
                    .hostnameVerifier((host, session) -> true) // checked against the SANs and reported instead
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS", e);
        }
    }

    private Hop once(OkHttpClient client, Recorder recorder, HttpUrl url, long maxBytes, List<Hop> before,
                     Instant now) throws WebError, InterruptedException {
        Call call = client.newCall(request(url));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String shown = Safe.oneLine(Safe.truncate(url.host(), 80));
        int handshakes = recorder.seen.size();
        try (Response r = call.execute()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : KEPT_HEADERS) {
                String v = r.header(h);
                if (v != null) headers.put(h, Safe.truncate(v, 500));
            }
            // OkHttp hides a chain its cleaner cannot verify: the chain is taken from the trust manager's record
            CertificateDetails cert = null;
            String server = url.host() + ":" + url.port();
            if (r.handshake() != null) {
                if (recorder.seen.size() > handshakes) {
                    var last = recorder.seen.get(recorder.seen.size() - 1);
                    cert = CertificateDetails.of(last.getKey(), last.getValue(), url.host(), now);
                    recorder.byServer.put(server, cert);
                } else {
                    cert = recorder.byServer.get(server);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean cut = false;
            try (InputStream in = r.body().byteStream()) {
                byte[] buf = new byte[16384];
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (out.size() + n > maxBytes) {
                        out.write(buf, 0, (int) (maxBytes - out.size()));
                        cut = true;
                        break;
                    }
                    out.write(buf, 0, n);
                }
            }
            return new Hop(url.toString(), r.code(), r.header("Content-Type"), headers, out.toByteArray(), cut, cert,
                    started, Duration.ofNanos(System.nanoTime() - t0));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw new WebError(ErrorClass.TIMEOUT, shown + " timed out (whole exchange "
                    + options.callTimeout().toMillis() + " ms)", before);
        } catch (UnknownHostException e) {
            throw new WebError(ErrorClass.NETWORK, "cannot resolve " + shown + " to a public address", before);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            throw new WebError(ErrorClass.NETWORK, "network error talking to " + shown + ": "
                    + e.getClass().getSimpleName(), before);
        }
    }
}
