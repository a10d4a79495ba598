package io.infrapivot.source.dns;

import java.io.IOException;
import org.xbill.DNS.Message;

/** One way of getting a DNS message answered: a resolver over UDP/TCP, or a DNS-over-HTTPS URL. */
interface Upstream {
    /** Sends one query and waits for its answer; a timeout is a {@link java.net.SocketTimeoutException}. */
    Message send(Message query) throws IOException, InterruptedException;

    /** As {@link #send}, with the number of stray datagrams ignored on the way (UDP only). */
    default UdpExchange.Reply exchange(Message query) throws IOException, InterruptedException {
        return new UdpExchange.Reply(send(query), 0);
    }

    /** For evidence and messages: {@code 127.0.0.1:53} or the DoH URL. */
    String label();
}
