package io.infrapivot.source.whois;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Asks one WHOIS server over TCP (port 43 unless the {@code servers} override says otherwise): sends the query and
 * CRLF, reads to EOF under a read timeout, a whole-exchange deadline (slow-drip servers) and a size cap (the answer
 * is cut and marked), then decodes it: the server's declared charset, else UTF-8, else Latin-1.
 */
public final class WhoisClient {
    /**
     * @param connectTimeout TCP connect timeout
     * @param readTimeout    longest silence while reading
     * @param totalTimeout   the whole exchange
     * @param maxBytes       size cap of one answer
     * @param servers        host → "host:port" overrides (tests point the chain at loopback; mirrors)
     */
    public record Options(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxBytes,
                          Map<String, String> servers) {
        public Options {
            servers = Map.copyOf(servers);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), 1 << 20,
                    Map.of());
        }
    }

    /** One answer: raw bytes, decoded text, whether it was cut at the cap. */
    public record Answer(String host, String query, byte[] bytes, String text, boolean truncated, Instant started,
                         Duration elapsed) {}

    /** A failed exchange; the message names the server, never anything else. */
    public static final class WhoisException extends IOException {
        public WhoisException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Options options;

    public WhoisClient(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Sends {@code query} to {@code host} and reads the answer. */
    public Answer query(String host, String query) throws WhoisException, InterruptedException {
        String h = host.toLowerCase(Locale.ROOT);
        InetSocketAddress addr = address(h);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        long deadline = t0 + options.totalTimeout().toNanos();
        try (Socket s = new Socket()) {
            s.connect(addr, (int) options.connectTimeout().toMillis());
            s.setSoTimeout((int) options.readTimeout().toMillis());
            OutputStream out = s.getOutputStream();
            out.write((query + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            boolean truncated = false;
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (Thread.interrupted()) throw new InterruptedException();
                int room = options.maxBytes() - buf.size();
                if (n > room) {
                    buf.write(chunk, 0, room);
                    truncated = true;
                    break;
                }
                buf.write(chunk, 0, n);
                if (System.nanoTime() > deadline) {
                    throw new WhoisException(h + " did not finish its answer within "
                            + options.totalTimeout().toSeconds() + " s", null);
                }
            }
            byte[] bytes = buf.toByteArray();
            return new Answer(h, query, bytes, decode(bytes, ServerProfile.of(h).charset()), truncated, started,
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (WhoisException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw new WhoisException(h + " timed out (connect " + options.connectTimeout().toSeconds() + " s, read "
                    + options.readTimeout().toSeconds() + " s)", e);
        } catch (UnknownHostException e) {
            throw new WhoisException("cannot resolve " + h, e);
        } catch (ConnectException e) {
            throw new WhoisException("cannot connect to " + h, e);
        } catch (IOException e) {
            // a virtual thread interrupted in a socket read sees the socket closed
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            System.getLogger("io.infrapivot.source.whois").log(System.Logger.Level.WARNING,
                    "network error talking to " + h, e);
            throw new WhoisException("network error talking to " + h + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile(
            "(?i)charset\\s*[=:]\\s*\"?([a-z0-9_.:-]{2,40})");

    /** A charset the text names in its first 2 KiB, or ISO-2022-JP when its escape sequence appears; else null. */
    static Charset declaredInText(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
        if (head.contains("\u001b$B") || head.contains("\u001b$@")) return Charset.forName("ISO-2022-JP");
        java.util.regex.Matcher m = CHARSET.matcher(head);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** Where to connect for a host: the override, else the host on port 43. */
    InetSocketAddress address(String host) {
        String target = options.servers().getOrDefault(host, host);
        int colon = target.lastIndexOf(':');
        if (colon > 0 && target.indexOf(':') == colon) {
            return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        }
        return new InetSocketAddress(target, 43);
    }

    /**
     * The server's charset, else one the answer declares ({@code charset=KOI8-R} in its first lines) or shows
     * (ISO-2022-JP escape sequences), else strict UTF-8, else Latin-1 (every byte is a Latin-1 character).
     */
    public static String decode(byte[] bytes, Charset declared) {
        if (declared != null) return new String(bytes, declared);
        Charset inText = declaredInText(bytes);
        if (inText != null) return new String(bytes, inText);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
