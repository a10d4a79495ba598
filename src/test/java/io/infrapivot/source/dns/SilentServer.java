package io.infrapivot.source.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A UDP socket on 127.0.0.1 that reads every query and never answers: the timeout case. */
public final class SilentServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread reader;
    private volatile int received;

    public SilentServer() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buf, buf.length));
                    received++;
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** How many queries arrived (each try of each retry is one). */
    public int received() {
        return received;
    }

    @Override
    public void close() {
        socket.close();
        reader.interrupt();
    }
}
