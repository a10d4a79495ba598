package io.infrapivot.source.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Record;
import org.xbill.DNS.DClass;

/**
 * A real NSD (Debian package {@code nsd}) serving the zones of {@code src/test/resources/dns/zones} on
 * 127.0.0.1 on a free port, started once per test JVM and stopped when it exits. Fails, never skips, when
 * NSD is missing ({@code .ci/deps/dns.sh} installs it).
 */
public final class NsdServer implements AutoCloseable {
    /** Zones served, and whether each allows AXFR to 127.0.0.1. {@code broken.test} has no file: SERVFAIL. */
    static final List<String> ZONES = List.of("records.test", "wild.test", "axfr-open.test", "axfr-closed.test",
            "2.0.192.in-addr.arpa", "8.b.d.0.1.0.0.2.ip6.arpa", "dmarc-vendor.test", "bl.test", "cymru.test");

    private static NsdServer shared;

    private final Process process;
    private final int port;
    private final Path dir;

    private NsdServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The server every test class shares. */
    public static synchronized NsdServer shared() {
        if (shared == null) {
            shared = start(ZONES, List.of("axfr-open.test"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static String nsdBinary() {
        for (String p : List.of("/usr/sbin/nsd", "/usr/bin/nsd", "/usr/local/sbin/nsd")) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        throw new IllegalStateException("NSD is not installed (Debian package 'nsd'): run `. .ci/deps/dns.sh`");
    }

    /** Starts NSD with the named zones from the test resources; {@code xfrZones} allow AXFR to 127.0.0.1. */
    public static NsdServer start(List<String> zones, List<String> xfrZones) {
        return start(zones, xfrZones, java.util.Map.of());
    }

    /** As {@link #start(List, List)}, plus zones given as text (name → zone file text), e.g. generated. */
    public static NsdServer start(List<String> zones, List<String> xfrZones, java.util.Map<String, String> extra) {
        try {
            Path dir = Files.createTempDirectory("nsd-test");
            StringBuilder conf = new StringBuilder();
            int port = freePort();
            conf.append("server:\n")
                    .append("  ip-address: 127.0.0.1@").append(port).append('\n')
                    .append("  port: ").append(port).append('\n')
                    .append("  do-ip6: no\n  username: \"\"\n  chroot: \"\"\n")
                    .append("  zonesdir: \"").append(dir).append("\"\n")
                    .append("  database: \"\"\n")
                    .append("  zonelistfile: \"").append(dir.resolve("zone.list")).append("\"\n")
                    .append("  xfrdfile: \"").append(dir.resolve("xfrd.state")).append("\"\n")
                    .append("  xfrdir: \"").append(dir).append("\"\n")
                    .append("  pidfile: \"").append(dir.resolve("nsd.pid")).append("\"\n")
                    .append("  logfile: \"").append(dir.resolve("nsd.log")).append("\"\n")
                    .append("  server-count: 1\n  verbosity: 1\n  hide-version: yes\n")
                    .append("  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n")
                    .append("remote-control:\n  control-enable: no\n");
            for (String z : zones) {
                String file = z + ".zone";
                try (InputStream in = NsdServer.class.getResourceAsStream("/dns/zones/" + file)) {
                    if (in == null) throw new IllegalStateException("missing test zone " + file);
                    Files.copy(in, dir.resolve(file));
                }
                conf.append("zone:\n  name: \"").append(z).append("\"\n  zonefile: \"").append(file).append("\"\n");
                if (xfrZones.contains(z)) conf.append("  provide-xfr: 127.0.0.1 NOKEY\n");
            }
            for (var e : extra.entrySet()) {
                Files.writeString(dir.resolve(e.getKey() + ".zone"), e.getValue(), StandardCharsets.UTF_8);
                conf.append("zone:\n  name: \"").append(e.getKey()).append("\"\n  zonefile: \"").append(e.getKey())
                        .append(".zone\"\n");
            }
            // a zone whose file is missing: NSD answers SERVFAIL for it
            conf.append("zone:\n  name: \"broken.test\"\n  zonefile: \"broken.test.missing\"\n");
            Path confFile = dir.resolve("nsd.conf");
            Files.writeString(confFile, conf.toString(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(nsdBinary(), "-d", "-c", confFile.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nsd.out").toFile()).start();
            NsdServer server = new NsdServer(p, port, dir);
            server.awaitReady(zones.get(0));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String zone) throws IOException {
        SimpleResolver r = new SimpleResolver(address());
        r.setTimeout(Duration.ofMillis(200));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) break;
            try {
                Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA,
                        DClass.IN)));
                if (m.getRcode() == Rcode.NOERROR) return;
            } catch (IOException ignored) {
                // not up yet
            }
        }
        String log = Files.exists(dir.resolve("nsd.out")) ? Files.readString(dir.resolve("nsd.out")) : "";
        String log2 = Files.exists(dir.resolve("nsd.log")) ? Files.readString(dir.resolve("nsd.log")) : "";
        close();
        throw new IllegalStateException("NSD did not start on port " + port + ":\n" + log + log2);
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        p))) {
                    return p;
                } catch (IOException busy) {
                    // UDP side taken: try another
                }
            }
        }
        throw new IOException("no free port");
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public String resolverOption() {
        return "127.0.0.1:" + port;
    }

    /** A config for a resolver pointed at this server (short timeouts: it is local). */
    public DnsConfig config() {
        return DnsConfig.of(List.of(address())).withTimeout(Duration.ofSeconds(2), 1);
    }

    /** Runs {@code dig} against this server and returns its short answer lines, sorted. */
    public List<String> dig(String name, String type) throws IOException, InterruptedException {
        String digBin = Files.isExecutable(Path.of("/usr/bin/dig")) ? "/usr/bin/dig" : "dig";
        Process p = new ProcessBuilder(digBin, "@127.0.0.1", "-p", String.valueOf(port), "+short", "+tcp",
                "+norecurse", name, type).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("dig failed (Debian package 'dnsutils'): " + out);
        }
        List<String> lines = new ArrayList<>(out.lines().filter(l -> !l.isBlank()).toList());
        lines.sort(null);
        return lines;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
