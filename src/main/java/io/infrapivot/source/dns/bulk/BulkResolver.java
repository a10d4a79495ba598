package io.infrapivot.source.dns.bulk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * Resolves many names fast: one thread runs a non-blocking loop over one UDP socket, with up to
 * {@code inFlight} questions outstanding, multiplexed by random query IDs. An answer is accepted only from
 * the server the question went to, with the same ID and the same question. Unanswered questions are sent
 * again (to the next server) after the timeout; truncated answers are asked again over TCP (on virtual
 * threads); SERVFAIL and REFUSED move on to the next server while tries remain. An optional rate limit
 * caps questions per second. Memory is bounded by {@code inFlight}, not by the number of names: the input
 * is read as the window frees up, and results are handed to the sink as they come.
 */
public final class BulkResolver {
    /**
     * How a run behaves.
     *
     * @param servers      resolvers (rotated per question)
     * @param timeout      time before a question is sent again
     * @param tries        sends per question at most (UDP)
     * @param inFlight     questions outstanding at once (at most 60000)
     * @param rate         questions per second at most (0: unlimited)
     * @param socketBuffer requested socket receive and send buffer (the kernel may cap it)
     */
    public record Options(List<InetSocketAddress> servers, Duration timeout, int tries, int inFlight, double rate,
                          int socketBuffer, boolean keepWire) {
        public Options(List<InetSocketAddress> servers, Duration timeout, int tries, int inFlight, double rate,
                       int socketBuffer) {
            this(servers, timeout, tries, inFlight, rate, socketBuffer, false);
        }

        public Options {
            servers = List.copyOf(servers);
            if (servers.isEmpty()) throw new IllegalArgumentException("no resolver given");
            if (inFlight < 1 || inFlight > 60_000) throw new IllegalArgumentException("in-flight must be 1-60000");
            if (tries < 1) throw new IllegalArgumentException("tries must be at least 1");
        }

        public static Options defaults(List<InetSocketAddress> servers) {
            return new Options(servers, Duration.ofMillis(1500), 3, 1000, 0, 8 << 20);
        }

        public Options withInFlight(int n) {
            return new Options(servers, timeout, tries, n, rate, socketBuffer, keepWire);
        }

        public Options withTimeout(Duration t, int n) {
            return new Options(servers, t, n, inFlight, rate, socketBuffer, keepWire);
        }

        public Options withRate(double r) {
            return new Options(servers, timeout, tries, inFlight, r, socketBuffer, keepWire);
        }

        /** Each result also carries its answer's packet (for evidence); costs a copy per answer. */
        public Options keepingWire() {
            return new Options(servers, timeout, tries, inFlight, rate, socketBuffer, true);
        }
    }

    /** Counts of one run. */
    public record Stats(long questions, long sent, long answered, long timeouts, long tcpFallbacks,
                        long mismatched, long nanos) {
        public double perSecond() {
            return nanos == 0 ? 0 : questions * 1e9 / nanos;
        }
    }

    /** One outstanding question. */
    private static final class Job {
        final String name;
        final byte[] qname;
        final int type;
        int server;
        int tries;
        long sentAt;
        int id;

        Job(String name, byte[] qname, int type, int server) {
            this.name = name;
            this.qname = qname;
            this.type = type;
            this.server = server;
        }
    }

    private final Options options;
    private final SecureRandom random = new SecureRandom();

    public BulkResolver(Options options) {
        this.options = options;
    }

    /** Resolves every question, handing each result to {@code sink} (on the loop's thread) as it comes. */
    public Stats run(Iterator<BulkQuery> input, Consumer<BulkResult> sink) throws IOException, InterruptedException {
        return new Run(input, sink).loop();
    }

    private final class Run {
        private final Iterator<BulkQuery> input;
        private final Consumer<BulkResult> sink;
        private final Job[] byId = new Job[65536];
        private final int[] freeIds = new int[65536];
        private int freeCount;
        private final ArrayDeque<Job> waiting = new ArrayDeque<>(); // sent, in send order (for timeouts)
        private final ArrayDeque<Job> resend = new ArrayDeque<>();
        private final ConcurrentLinkedQueue<BulkResult> tcpDone = new ConcurrentLinkedQueue<>();
        private final AtomicInteger tcpPending = new AtomicInteger();
        private final List<InetSocketAddress> servers = options.servers();
        private final long timeoutNanos = options.timeout().toNanos();
        /** With one resolver the socket is connected: cheaper sends and receives, source checked by the kernel. */
        private final boolean connected = servers.size() == 1;
        private int inFlight;
        private int nextServer;
        private long questions, sent, answered, timeouts, tcp, mismatched;
        private double tokens;
        private boolean rateBlocked;
        private long lastRefill = System.nanoTime();

        Run(Iterator<BulkQuery> input, Consumer<BulkResult> sink) {
            this.input = input;
            this.sink = sink;
            randomInts.limit(0);
            for (int i = 0; i < 65536; i++) freeIds[i] = i;
            for (int i = 65535; i > 0; i--) { // shuffle: IDs are unpredictable
                int j = randomBelow(i + 1);
                int t = freeIds[i];
                freeIds[i] = freeIds[j];
                freeIds[j] = t;
            }
            freeCount = 65536;
        }

        /** Random bits drawn from the SecureRandom in blocks: one system call per 4096 IDs, not one per ID. */
        private final java.nio.IntBuffer randomInts = java.nio.ByteBuffer.allocate(4 * 4096).asIntBuffer();

        private int randomBelow(int bound) {
            if (!randomInts.hasRemaining()) {
                byte[] b = new byte[4 * 4096];
                random.nextBytes(b);
                randomInts.clear();
                randomInts.put(java.nio.ByteBuffer.wrap(b).asIntBuffer());
                randomInts.flip();
            }
            return (int) ((randomInts.get() & 0xffffffffL) % bound);
        }

        private int takeId() {
            int pick = randomBelow(freeCount);
            int id = freeIds[pick];
            freeIds[pick] = freeIds[--freeCount];
            return id;
        }

        private void releaseId(int id) {
            byId[id] = null;
            freeIds[freeCount++] = id;
        }

        Stats loop() throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            ExecutorService tcpPool = Executors.newVirtualThreadPerTaskExecutor();
            try (DatagramChannel ch = DatagramChannel.open(); Selector sel = Selector.open()) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, options.socketBuffer());
                ch.setOption(StandardSocketOptions.SO_SNDBUF, options.socketBuffer());
                ch.bind(new InetSocketAddress(servers.get(0).getAddress().isLoopbackAddress()
                        ? servers.get(0).getAddress() : null, 0));
                if (connected) ch.connect(servers.get(0)); // the kernel then drops datagrams from anyone else
                ch.configureBlocking(false);
                ch.register(sel, SelectionKey.OP_READ);
                ByteBuffer out = ByteBuffer.allocateDirect(600);
                ByteBuffer in = ByteBuffer.allocateDirect(65535);
                byte[] packet = new byte[65535];
                boolean inputDone = false;
                while (true) {
                    if (Thread.interrupted()) throw new InterruptedException("bulk resolution interrupted");
                    inputDone = fill(ch, out, inputDone);
                    if (inputDone && inFlight == 0 && resend.isEmpty() && tcpPending.get() == 0
                            && tcpDone.isEmpty()) {
                        break;
                    }
                    int ready = inFlight >= options.inFlight() || inputDone || resend.size() > 0 || rateBlocked
                            ? sel.select(Math.max(1, Math.min(50, timeoutNanos / 4_000_000))) : sel.selectNow();
                    if (ready > 0) {
                        sel.selectedKeys().clear();
                        receive(ch, in, packet, tcpPool);
                    }
                    expire();
                    for (BulkResult r; (r = tcpDone.poll()) != null; ) {
                        tcpPending.decrementAndGet();
                        sink.accept(r);
                    }
                }
            } finally {
                tcpPool.shutdownNow();
            }
            return new Stats(questions, sent, answered, timeouts, tcp, mismatched, System.nanoTime() - t0);
        }

        /** Sends while the window, the rate and the socket allow; returns whether the input is used up. */
        private boolean fill(DatagramChannel ch, ByteBuffer out, boolean inputDone) throws IOException {
            rateBlocked = false;
            while (inFlight < options.inFlight()) {
                if (!rateAllows()) {
                    rateBlocked = true;
                    break;
                }
                Job job = resend.poll();
                if (job == null) {
                    if (inputDone || !input.hasNext()) return true;
                    BulkQuery q = input.next();
                    questions++;
                    String name = q.name().trim().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
                    byte[] qname;
                    try {
                        name = ipToName(name, q.type());
                        qname = Wire.encodeName(name);
                    } catch (IllegalArgumentException e) {
                        sink.accept(new BulkResult(name, q.type(), BulkStatus.INVALID, List.of(), List.of(), 0,
                                e.getMessage()));
                        continue;
                    }
                    job = new Job(name, qname, q.type(), nextServer);
                    nextServer = (nextServer + 1) % servers.size();
                }
                job.id = takeId();
                Wire.query(out, job.id, job.qname, job.type);
                int n;
                try {
                    n = connected ? ch.write(out) : ch.send(out, servers.get(job.server));
                } catch (java.net.PortUnreachableException e) {
                    n = out.limit(); // an earlier question was refused by ICMP: this one counts as sent, and times out
                }
                if (n == 0) { // socket buffer full: later
                    releaseId(job.id);
                    resend.addFirst(job);
                    break;
                }
                sent++;
                tokens -= 1;
                job.tries++;
                job.sentAt = System.nanoTime();
                byId[job.id] = job;
                waiting.addLast(job);
                inFlight++;
            }
            return inputDone;
        }

        private boolean rateAllows() {
            if (options.rate() <= 0) return true;
            long now = System.nanoTime();
            tokens = Math.min(Math.max(1, options.rate() / 10), tokens + (now - lastRefill) * options.rate() / 1e9);
            lastRefill = now;
            return tokens >= 1;
        }

        private void receive(DatagramChannel ch, ByteBuffer in, byte[] packet, ExecutorService tcpPool)
                throws IOException {
            while (true) {
                in.clear();
                SocketAddress from;
                if (connected) {
                    try {
                        if (ch.read(in) <= 0) return;
                    } catch (java.net.PortUnreachableException e) {
                        continue; // nothing listens there: the questions time out
                    }
                    from = servers.get(0);
                } else {
                    from = ch.receive(in);
                    if (from == null) return;
                }
                in.flip();
                int len = in.remaining();
                if (len < 12) {
                    mismatched++;
                    continue;
                }
                in.get(packet, 0, len);
                Job job = byId[Wire.id(packet)];
                int after;
                if (job == null || !Wire.isResponse(packet) || !from.equals(servers.get(job.server))
                        || (after = Wire.matchQuestion(packet, len, job.qname, job.type)) < 0) {
                    mismatched++; // late, spoofed or garbled: ignored
                    continue;
                }
                finishSlot(job);
                answered++;
                if (Wire.truncated(packet)) {
                    tcp++;
                    tcpPending.incrementAndGet();
                    InetSocketAddress server = servers.get(job.server);
                    tcpPool.submit(() -> tcpDone.add(overTcp(job, server)));
                    continue;
                }
                int rcode = Wire.rcode(packet);
                if ((rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) && job.tries < options.tries()
                        && servers.size() > 1) {
                    job.server = (job.server + 1) % servers.size();
                    resend.addLast(job);
                    continue;
                }
                Wire.Answers a = rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN
                        ? Wire.answers(packet, len, after, job.name, job.type)
                        : new Wire.Answers(List.of(), List.of());
                sink.accept(result(job, rcode, a, options.keepWire() ? java.util.Arrays.copyOf(packet, len) : null));
            }
        }

        private void finishSlot(Job job) {
            releaseId(job.id);
            inFlight--;
            job.sentAt = 0; // marks it answered for the timeout queue
        }

        /** Sends again or gives up on questions older than the timeout. */
        private void expire() {
            long now = System.nanoTime();
            Job head;
            while ((head = waiting.peekFirst()) != null) {
                if (head.sentAt == 0 || byId[head.id] != head) {
                    waiting.pollFirst(); // answered (or re-sent under a new ID)
                    continue;
                }
                if (now - head.sentAt < timeoutNanos) break;
                waiting.pollFirst();
                finishSlot(head);
                if (head.tries < options.tries()) {
                    head.server = (head.server + 1) % servers.size();
                    resend.addLast(head);
                } else {
                    timeouts++;
                    sink.accept(new BulkResult(head.name, head.type, BulkStatus.TIMEOUT, List.of(), List.of(),
                            head.tries, null));
                }
            }
        }
    }

    /**
     * An IP address asked for PTR becomes its reverse name; an IP asked for anything else is an error
     * (an address has no MX, NS or TXT records).
     */
    static String ipToName(String name, int type) {
        boolean maybeIp = name.indexOf(':') >= 0 || name.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.');
        if (!maybeIp || !io.infrapivot.source.dns.DnsNames.looksLikeIp(name)) return name;
        return io.infrapivot.source.dns.DnsNames.forQuestion(name, type).toString(true);
    }

    private static BulkResult result(Job job, int rcode, Wire.Answers a, byte[] wire) {
        BulkStatus st = switch (rcode) {
            // the status is about the chain's last name (RFC 6604): a chain ending without data is NODATA when the
            // server says so (SOA in authority); without it the server did not follow the chain (an answer)
            case Rcode.NOERROR -> a.data().isEmpty() && (a.cnames().isEmpty() || a.soa()) ? BulkStatus.NODATA
                    : BulkStatus.ANSWER;
            case Rcode.NXDOMAIN -> BulkStatus.NXDOMAIN;
            case Rcode.SERVFAIL -> BulkStatus.SERVFAIL;
            case Rcode.REFUSED -> BulkStatus.REFUSED;
            default -> BulkStatus.ERROR;
        };
        return new BulkResult(job.name, job.type, st, a.data(), a.cnames(), job.tries,
                st == BulkStatus.ERROR ? "rcode " + Rcode.string(rcode) : null, wire);
    }

    /** The TCP fall back for a truncated answer (runs on a virtual thread). */
    private BulkResult overTcp(Job job, InetSocketAddress server) {
        job.tries++;
        try {
            SimpleResolver r = new SimpleResolver(server);
            r.setTCP(true);
            r.setTimeout(options.timeout().multipliedBy(2));
            Message q = Message.newQuery(Record.newRecord(Name.fromString(job.name + "."), job.type, DClass.IN));
            Message resp = r.send(q);
            Wire.Answers a = Wire.fromMessage(resp, job.name, job.type);
            return result(job, resp.getRcode(), a, options.keepWire() ? resp.toWire() : null);
        } catch (IOException e) {
            return new BulkResult(job.name, job.type, BulkStatus.ERROR, List.of(), List.of(), job.tries,
                    "TCP fall back failed: " + e.getMessage());
        }
    }
}
