package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * RFC 5452: a hostile local UDP server sends, before the genuine answer, a reply with the wrong ID, one with the
 * wrong question, one for another type, garbage with the right ID, a runt, and a reply from another port. The
 * question must not fail: each is ignored and counted, and the genuine answer taken.
 */
class StrayPacketsTest {

    /** Answers each query after {@code junk} stray datagrams; the genuine answer only when {@code answer}. */
    static final class HostileServer implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        final DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        final Thread thread;

        HostileServer(boolean answer) throws Exception {
            thread = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[4096];
                Random random = new Random(7);
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        var client = p.getSocketAddress();
                        Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                        int id = q.getHeader().getID();
                        send(socket, client, reply(q, id ^ 0x5a5a, q.getQuestion().getName(), Type.A, "6.6.6.1"));
                        send(socket, client, reply(q, id, Name.fromString("other.test."), Type.A, "6.6.6.2"));
                        send(socket, client, reply(q, id, q.getQuestion().getName(), Type.AAAA, null));
                        byte[] garbage = new byte[300];
                        random.nextBytes(garbage);
                        garbage[0] = (byte) (id >> 8);
                        garbage[1] = (byte) id;
                        garbage[2] = (byte) 0x81;
                        send(socket, client, garbage);
                        send(socket, client, new byte[] {(byte) (id >> 8), (byte) id, (byte) 0x81});
                        send(other, client, reply(q, id, q.getQuestion().getName(), Type.A, "6.6.6.3"));
                        Thread.sleep(30);
                        if (answer) send(socket, client, reply(q, id, q.getQuestion().getName(), Type.A, "192.0.2.7"));
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
        }

        static byte[] reply(Message q, int id, Name name, int type, String address) throws Exception {
            Message r = new Message(id);
            r.getHeader().setFlag(Flags.QR);
            r.getHeader().setFlag(Flags.RD);
            r.getHeader().setFlag(Flags.RA);
            r.addRecord(org.xbill.DNS.Record.newRecord(name, type, DClass.IN), Section.QUESTION);
            if (address != null) {
                r.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName(address)), Section.ANSWER);
            }
            return r.toWire();
        }

        static void send(DatagramSocket s, java.net.SocketAddress to, byte[] b) throws Exception {
            s.send(new DatagramPacket(b, b.length, to));
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            socket.close();
            other.close();
        }
    }

    @Test
    void strayPacketsBeforeTheAnswerAreIgnoredCountedAndTheAnswerIsTaken() throws Exception {
        try (HostileServer server = new HostileServer(true)) {
            DnsConfig cfg = DnsConfig.of(List.of(server.address())).withTimeout(Duration.ofSeconds(3), 0);
            DnsAnswer a = new DnsResolver(cfg).query("victim.test", Type.A);
            assertThat(a.status()).isEqualTo(DnsStatus.ANSWER);
            assertThat(a.records()).map(r -> ((ARecord) r).getAddress().getHostAddress()).containsExactly("192.0.2.7");
            // wrong ID, wrong question, wrong type, garbage, runt (the datagram from another port never
            // reaches the connected socket)
            assertThat(a.strays()).isEqualTo(5);
            assertThat(a.evidence("dns").status()).contains("5 stray packets ignored");
        }
    }

    @Test
    void withOnlyStrayPacketsTheQuestionTimesOutAndSaysWhatWasIgnored() throws Exception {
        try (HostileServer server = new HostileServer(false)) {
            DnsConfig cfg = DnsConfig.of(List.of(server.address())).withTimeout(Duration.ofMillis(400), 1);
            long t0 = System.nanoTime();
            DnsAnswer a = new DnsResolver(cfg).query("victim.test", Type.A);
            assertThat(a.status()).isEqualTo(DnsStatus.TIMEOUT);
            assertThat(a.error()).contains("no answer").contains("stray packets ignored");
            assertThat(a.strays()).isEqualTo(10); // two tries
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        }
    }

    @Test
    void matchingNeedsIdResponseBitAndTheSameQuestion() throws Exception {
        Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("a.test."), Type.A, DClass.IN));
        int id = q.getHeader().getID();
        byte[] ok = HostileServer.reply(q, id, Name.fromString("A.TEST."), Type.A, "192.0.2.1");
        assertThat(UdpExchange.matching(ok, ok.length, id, q.getQuestion())).isNotNull(); // names compare case-blind
        byte[] notResponse = ok.clone();
        notResponse[2] &= 0x7f;
        assertThat(UdpExchange.matching(notResponse, ok.length, id, q.getQuestion())).isNull();
        assertThat(UdpExchange.matching(ok, 11, id, q.getQuestion())).isNull();
        assertThat(UdpExchange.matching(ok, ok.length, id + 1, q.getQuestion())).isNull();
    }
}
