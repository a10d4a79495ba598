package io.infrapivot.source.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The one resolver every DNS source uses: rotates over the configured resolvers (each question starts at
 * the next one), fails over to the others on timeouts, SERVFAIL and REFUSED, retries, keeps a TTL-honouring
 * cache for the run, and tells NXDOMAIN, NODATA, SERVFAIL, REFUSED and timeouts apart. Thread-safe.
 */
public final class DnsResolver {
    private final DnsConfig config;
    private final List<Upstream> upstreams;
    private final AnswerCache cache;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();

    public DnsResolver(DnsConfig config) {
        this(config, Clock.systemUTC());
    }

    public DnsResolver(DnsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.cache = new AnswerCache(clock);
        List<Upstream> ups = new ArrayList<>();
        if (config.doh() != null) {
            ups.add(new DohUpstream(config.doh(), config.timeout()));
        } else {
            for (InetSocketAddress s : config.servers()) {
                ups.add(new UdpTcpUpstream(s, config.timeout(), config.tcp(), config.ednsPayload()));
            }
        }
        this.upstreams = List.copyOf(ups);
    }

    public DnsConfig config() {
        return config;
    }

    /**
     * Asks about a name given as text (an IP address asked for PTR is turned into its reverse name); bad
     * names, and an IP asked for any other type, throw {@link IllegalArgumentException} before any query. */
    public DnsAnswer query(String name, int type) throws InterruptedException {
        return query(DnsNames.forQuestion(name, type), type);
    }

    /** Asks one question (class IN), from the cache when a fresh answer is there. */
    public DnsAnswer query(Name name, int type) throws InterruptedException {
        Name abs = absolute(name);
        DnsAnswer cached = cache.get(abs, type);
        if (cached != null) return cached;
        DnsAnswer a = ask(abs, type);
        cache.put(a);
        return a;
    }

    static Name absolute(Name name) {
        if (name.isAbsolute()) return name;
        try {
            return Name.concatenate(name, Name.root);
        } catch (org.xbill.DNS.NameTooLongException e) {
            throw new IllegalArgumentException("DNS name too long: " + name);
        }
    }

    private DnsAnswer ask(Name name, int type) throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        int n = upstreams.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        DnsAnswer last = null;
        int strays = 0;
        for (int round = 0; round <= config.retries(); round++) {
            boolean onlyFailures = true;
            for (int i = 0; i < n; i++) {
                if (Thread.interrupted()) throw new InterruptedException("DNS query interrupted");
                Upstream up = upstreams.get((start + i) % n);
                Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
                DnsStatus status;
                Message resp = null;
                String error = null;
                try {
                    UdpExchange.Reply reply = up.exchange(query);
                    resp = reply.message();
                    strays += reply.strays();
                    status = classify(resp, name, type);
                } catch (SocketTimeoutException e) {
                    status = DnsStatus.TIMEOUT;
                    error = e.getMessage();
                    if (e instanceof UdpExchange.Timeout t) strays += t.strays;
                } catch (IOException | RuntimeException e) {
                    status = DnsStatus.ERROR;
                    error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    System.getLogger("io.infrapivot.source.dns").log(System.Logger.Level.WARNING,
                            "query " + name + " " + type + " to " + up.label() + " failed", e);
                }
                last = new DnsAnswer(name, type, status, resp, up.label(), started,
                        Duration.ofNanos(System.nanoTime() - t0), false, error, strays);
                if (status != DnsStatus.TIMEOUT && status != DnsStatus.ERROR) onlyFailures = false;
                if (isFinal(status)) return last;
            }
            // a server that answered SERVFAIL or REFUSED will say the same again: no further rounds
            if (!onlyFailures) return last;
        }
        return last;
    }

    private static boolean isFinal(DnsStatus s) {
        return s == DnsStatus.ANSWER || s == DnsStatus.NODATA || s == DnsStatus.NXDOMAIN;
    }

    /** Reads the outcome from a response. */
    static DnsStatus classify(Message resp, Name name, int type) {
        int rcode = resp.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            // a CNAME to a name that does not exist is still an answer for the CNAME itself
            return type == Type.CNAME && hasRecord(resp, type) ? DnsStatus.ANSWER : DnsStatus.NXDOMAIN;
        }
        if (rcode == Rcode.SERVFAIL) return DnsStatus.SERVFAIL;
        if (rcode == Rcode.REFUSED) return DnsStatus.REFUSED;
        if (rcode != Rcode.NOERROR) return DnsStatus.ERROR;
        if (hasRecord(resp, type)) return DnsStatus.ANSWER;
        // a CNAME at the name answers any type: the chain continues elsewhere
        for (Record r : resp.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord && r.getName().equals(name)) return DnsStatus.ANSWER;
        }
        return DnsStatus.NODATA;
    }

    private static boolean hasRecord(Message resp, int type) {
        for (Record r : resp.getSection(Section.ANSWER)) if (r.getType() == type) return true;
        return false;
    }

    int cacheSize() {
        return cache.size();
    }
}
