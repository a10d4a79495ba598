package io.infrapivot.app.maltego;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP carrier for {@link TrxService} on the JDK's own server: {@code POST /run/<transform>/}. The
 * web server of {@code serve --maltego} mounts the same service; this one serves tests and a stand-alone
 * TRX endpoint. Binds where it is told (loopback unless the caller says otherwise).
 */
public final class TrxHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrxHttpServer.class.getName());
    private final HttpServer server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    private TrxHttpServer(HttpServer server) {
        this.server = server;
    }

    public static TrxHttpServer start(InetSocketAddress address, TrxService service) throws IOException {
        HttpServer s = HttpServer.create(address, 0);
        TrxHttpServer t = new TrxHttpServer(s);
        s.createContext("/run/", handler(service));
        s.setExecutor(t.pool);
        s.start();
        return t;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The TRX endpoint as a handler of {@code POST /run/<transform>/}, for a server that mounts it behind its own
     * guard ({@code infrapivot serve --maltego}).
     */
    public static com.sun.net.httpserver.HttpHandler handler(TrxService service) {
        return ex -> exchange(ex, service);
    }

    /** The transform name of a {@code /run/<name>/} path, or null. */
    public static String transformOf(String path) {
        if (path == null || !path.startsWith("/run/")) return null;
        String rest = path.substring("/run/".length());
        if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }

    private static void exchange(HttpExchange ex, TrxService service) throws IOException {
        try (ex) {
            String name = transformOf(ex.getRequestURI().getPath());
            TrxService.Response r;
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Allow", "POST");
                r = new TrxService.Response(405, TrxService.CONTENT_TYPE,
                        ResponseXml.exception("use POST with a MaltegoTransformRequestMessage"));
            } else if (name == null || !TrxService.exists(name)) {
                r = service.handle(name, new byte[0]);
            } else {
                byte[] body = readBounded(ex.getRequestBody(), TrxService.MAX_BODY + 1);
                r = service.handle(name, body);
            }
            ex.getResponseHeaders().add("Content-Type", r.contentType());
            ex.sendResponseHeaders(r.status(), r.body().length);
            ex.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.INFO, "TRX request interrupted");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "TRX request failed", e);
            byte[] b = ResponseXml.exception("internal error: " + e.getClass().getSimpleName());
            ex.sendResponseHeaders(500, b.length);
            ex.getResponseBody().write(b);
        }
    }

    /** At most {@code max} bytes of the stream (a longer body is cut there; the service refuses it). */
    static byte[] readBounded(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
