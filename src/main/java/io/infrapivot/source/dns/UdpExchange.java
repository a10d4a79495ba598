package io.infrapivot.source.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * One question over UDP, as RFC 5452 asks: the answer must come from the server the question went to (the
 * socket is connected, so the kernel drops datagrams from any other address or port), carry the question's ID,
 * be a response, and repeat the question (name, type, class). Any other datagram — a stray or forged reply,
 * a late answer to an earlier question, garbage — is counted and ignored, and the exchange keeps waiting for
 * the genuine answer until the timeout. A fresh socket per question gives it a fresh random source port.
 */
final class UdpExchange {
    /** The answer and how many datagrams were ignored on the way. */
    record Reply(Message message, int strays) {}

    /** Raised on timeout; says how many datagrams were ignored before it. */
    static final class Timeout extends SocketTimeoutException {
        final int strays;

        Timeout(String message, int strays) {
            super(message);
            this.strays = strays;
        }
    }

    private UdpExchange() {}

    static Reply exchange(InetSocketAddress server, Message query, Duration timeout, String label)
            throws IOException, InterruptedException {
        byte[] out = query.toWire(65535);
        Record question = query.getQuestion();
        int id = query.getHeader().getID();
        long deadline = System.nanoTime() + timeout.toNanos();
        int strays = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(server);
            var socket = ch.socket();
            socket.send(new DatagramPacket(out, out.length));
            byte[] buf = new byte[65535];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                } catch (PortUnreachableException e) {
                    // ICMP: nothing listens there (yet); an answer can still come until the timeout
                    sleepBriefly(deadline);
                    continue;
                }
                Message m = matching(buf, p.getLength(), id, question);
                if (m != null) return new Reply(m, strays);
                strays++;
            }
        } catch (IOException e) {
            // an interrupt closes the channel (ClosedByInterruptException, or the socket adaptor's
            // SocketException): the caller is being cancelled, not the server failing
            if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
                throw new InterruptedException("DNS query interrupted");
            }
            throw e;
        }
        throw new Timeout("no answer from " + label + (strays == 0 ? "" : " (" + strays + " stray packet"
                + (strays == 1 ? "" : "s") + " ignored)"), strays);
    }

    private static void sleepBriefly(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
    }

    /** The response when {@code len} bytes are the answer to the question with {@code id}, else null. */
    static Message matching(byte[] buf, int len, int id, Record question) {
        if (len < 12) return null;
        int gotId = (buf[0] & 0xff) << 8 | (buf[1] & 0xff);
        boolean response = (buf[2] & 0x80) != 0;
        if (gotId != id || !response) return null;
        Message m;
        try {
            m = new Message(java.util.Arrays.copyOf(buf, len));
        } catch (IOException | RuntimeException e) {
            return null; // garbage with the right ID: keep waiting for the real answer
        }
        Record q = m.getQuestion();
        if (q == null || question == null) return null;
        if (!q.getName().equals(question.getName()) || q.getType() != question.getType()
                || q.getDClass() != question.getDClass()) {
            return null;
        }
        return m;
    }
}
