package io.infrapivot.source.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * A classic resolver: UDP with EDNS0 and a fall back to TCP when the answer is truncated (dnsjava's
 * {@link SimpleResolver} does the fall back), or TCP only.
 */
final class UdpTcpUpstream implements Upstream {
    private final SimpleResolver resolver;
    private final String label;

    UdpTcpUpstream(InetSocketAddress server, Duration timeout, boolean tcp, int ednsPayload) {
        this.resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        resolver.setTCP(tcp);
        if (ednsPayload > 0) resolver.setEDNS(0, ednsPayload, 0, List.of());
        else resolver.setEDNS(-1);
        String host = server.getAddress().getHostAddress();
        this.label = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    @Override
    public Message send(Message query) throws IOException, InterruptedException {
        try {
            return resolver.send(query);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("DNS query interrupted");
            if (isTimeout(e)) throw new SocketTimeoutException("no answer from " + label);
            throw e;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) return true;
            String m = t.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timed out")) return true;
        }
        return false;
    }

    @Override
    public String label() {
        return label;
    }
}
