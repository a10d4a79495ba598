package io.infrapivot.source.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * A classic resolver: UDP with EDNS0 ({@link UdpExchange}: only the genuine answer is taken, stray datagrams are
 * counted and ignored until the timeout, RFC 5452) and a fall back to TCP when the answer is truncated, or TCP
 * only (dnsjava's {@link SimpleResolver}; a TCP connection cannot be answered by an off-path sender).
 */
final class UdpTcpUpstream implements Upstream {
    private final SimpleResolver tcpResolver;
    private final InetSocketAddress server;
    private final Duration timeout;
    private final boolean tcp;
    private final int ednsPayload;
    private final String label;

    UdpTcpUpstream(InetSocketAddress server, Duration timeout, boolean tcp, int ednsPayload) {
        this.server = server;
        this.timeout = timeout;
        this.tcp = tcp;
        this.ednsPayload = ednsPayload;
        this.tcpResolver = new SimpleResolver(server);
        tcpResolver.setTimeout(timeout);
        tcpResolver.setTCP(true);
        if (ednsPayload > 0) tcpResolver.setEDNS(0, ednsPayload, 0, List.of());
        else tcpResolver.setEDNS(-1);
        String host = server.getAddress().getHostAddress();
        this.label = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    @Override
    public Message send(Message query) throws IOException, InterruptedException {
        return exchange(query).message();
    }

    @Override
    public UdpExchange.Reply exchange(Message query) throws IOException, InterruptedException {
        if (tcp) return new UdpExchange.Reply(overTcp(query), 0);
        Message udp = query.clone();
        if (ednsPayload > 0) udp.addRecord(new OPTRecord(ednsPayload, 0, 0), Section.ADDITIONAL);
        UdpExchange.Reply r = UdpExchange.exchange(server, udp, timeout, label);
        if (!r.message().getHeader().getFlag(Flags.TC)) return r;
        try {
            return new UdpExchange.Reply(overTcp(query), r.strays());
        } catch (SocketTimeoutException e) {
            return r; // the truncated answer is better than none (DnsAnswer.truncated says so)
        }
    }

    private Message overTcp(Message query) throws IOException, InterruptedException {
        try {
            return tcpResolver.send(query);
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
