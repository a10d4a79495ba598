package io.infrapivot.source.dns.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Answers are attacker-controlled: a local responder that first sends forged and garbled answers (wrong
 * question, wrong ID, a compression loop, a reply from another socket), then the real one. Only the real
 * one may be taken.
 */
class HostileAnswersTest {

    /** A response to {@code query} for the same question with one A record (the answer section as given). */
    static byte[] response(byte[] query, int qlen, int id, byte[] answerSection, int ancount) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) id).putShort((short) 0x8180).putShort((short) 1).putShort((short) ancount)
                .putShort((short) 0).putShort((short) 0);
        int qEnd = 12;
        while (query[qEnd] != 0) qEnd += (query[qEnd] & 0xff) + 1;
        qEnd += 5; // root label, type, class
        b.put(query, 12, qEnd - 12);
        b.put(answerSection);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static byte[] aRecord(int a, int b, int c, int d) {
        return new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) a, (byte) b, (byte) c, (byte) d};
    }

    @Test
    void takesOnlyTheAnswerThatMatchesIdQuestionAndSource() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[600];
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    byte[] q = java.util.Arrays.copyOf(buf, p.getLength());
                    int id = (q[0] & 0xff) << 8 | q[1] & 0xff;
                    InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
                    List<byte[]> forged = new ArrayList<>();
                    forged.add(response(q, q.length, id ^ 1, aRecord(6, 6, 6, 1), 1)); // wrong ID
                    byte[] wrongQuestion = response(q, q.length, id, aRecord(6, 6, 6, 2), 1);
                    wrongQuestion[13] = (byte) (wrongQuestion[13] == 'x' ? 'y' : 'x'); // first letter changed
                    forged.add(wrongQuestion);
                    byte[] garbage = new byte[200];
                    new Random(3).nextBytes(garbage);
                    garbage[0] = (byte) (id >> 8); // the right ID, then noise
                    garbage[1] = (byte) id;
                    garbage[2] = (byte) 0x81;
                    forged.add(garbage);
                    forged.add(new byte[] {(byte) (id >> 8), (byte) id, (byte) 0x81}); // a runt
                    for (byte[] f : forged) server.send(new DatagramPacket(f, f.length, client));
                    byte[] fromElsewhere = response(q, q.length, id, aRecord(6, 6, 6, 3), 1);
                    other.send(new DatagramPacket(fromElsewhere, fromElsewhere.length, client));
                    // a record whose owner is a compression pointer to itself, then the real record
                    int self = q.length - 11 + 16; // after the question (the query ends with an 11-byte OPT) and one A record
                    byte[] loop = {(byte) 0xC0, (byte) self, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 6, 6, 6, 4};
                    byte[] real = response(q, q.length, id, concat(aRecord(192, 0, 2, 7), loop), 2);
                    Thread.sleep(50);
                    server.send(new DatagramPacket(real, real.length, client));
                } catch (Exception e) {
                    // the test fails on its own assertions
                }
            });
            BulkResolver r = new BulkResolver(BulkResolver.Options.defaults(List.of(
                    (InetSocketAddress) server.getLocalSocketAddress())).withTimeout(Duration.ofSeconds(2), 1));
            List<BulkResult> got = new ArrayList<>();
            BulkResolver.Stats s = r.run(List.of(new BulkQuery("victim.test", Type.A)).iterator(), got::add);
            responder.join(5000);
            assertThat(got).singleElement().satisfies(x -> {
                assertThat(x.status()).isEqualTo(BulkStatus.ANSWER);
                assertThat(x.answers()).containsExactly("192.0.2.7");
            });
            // wrong ID, wrong question, garbage and a runt; the other socket's datagram is dropped by the kernel
            assertThat(s.mismatched()).isEqualTo(4);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void garbageNeverThrows() {
        Random rnd = new Random(42);
        byte[] qname = Wire.encodeName("victim.test");
        for (int i = 0; i < 20_000; i++) {
            byte[] m = new byte[12 + rnd.nextInt(300)];
            rnd.nextBytes(m);
            System.arraycopy(qname, 0, m, 12, Math.min(qname.length, m.length - 12));
            m[4] = 0;
            m[5] = 1;
            int after = Wire.matchQuestion(m, m.length, qname, Type.A);
            int start = after > 0 ? after : 12;
            Wire.Answers a = Wire.answers(m, m.length, start, "victim.test", rnd.nextBoolean() ? Type.A : Type.AAAA);
            assertThat(a.data().size()).isLessThanOrEqualTo(Wire.MAX_RECORDS);
            StringBuilder sb = new StringBuilder();
            Wire.readName(m, m.length, 12, sb);
            assertThat(sb.length()).isLessThanOrEqualTo(255 * 4);
        }
    }
}
