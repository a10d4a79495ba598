package io.infrapivot.source.whois;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A WHOIS server on 127.0.0.1 for the tests: reads one query line, answers what the handler returns (bytes), and
 * closes, like a port-43 server. Handlers may also stall or drip to exercise the client's timeouts.
 */
public final class LocalWhoisServer implements AutoCloseable {
    /** What to do with a query. */
    public interface Handler {
        void answer(String query, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    public final List<String> queries = new CopyOnWriteArrayList<>();

    private LocalWhoisServer(Handler handler) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread.ofVirtual().start(() -> serve(s, handler));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** A server answering text (UTF-8) from a function of the query. */
    public static LocalWhoisServer text(Function<String, String> answers) throws IOException {
        return new LocalWhoisServer((q, out) -> out.write(answers.apply(q).getBytes(StandardCharsets.UTF_8)));
    }

    public static LocalWhoisServer handler(Handler h) throws IOException {
        return new LocalWhoisServer(h);
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve(Socket s, Handler handler) {
        try (s) {
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') line.append((char) c);
            queries.add(line.toString());
            OutputStream out = s.getOutputStream();
            handler.answer(line.toString(), out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away (timeouts under test)
        }
    }

    /** A loopback port with nothing listening (connection refused). */
    static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
