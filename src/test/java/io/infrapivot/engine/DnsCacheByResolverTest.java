package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.dns.DnsSource;
import io.infrapivot.store.SqliteCaseRepository;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answers of DNS-based sources are kept per resolver: a run against another --resolver asks it, and is not
 * answered from the first resolver's answers (neither the case's lookup log nor the engine's resolver cache).
 */
class DnsCacheByResolverTest {
    @TempDir
    Path dir;

    /** Answers every A question with {@code address}, everything else with an empty NOERROR. */
    static final class StubResolver implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicInteger questions = new AtomicInteger();
        final Thread thread;

        StubResolver(String address) throws Exception {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            InetAddress answer = InetAddress.getByName(address);
            thread = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[4096];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        questions.incrementAndGet();
                        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                        Message r = new Message(q.getHeader().getID());
                        r.getHeader().setFlag(Flags.QR);
                        r.getHeader().setFlag(Flags.RA);
                        r.addRecord(q.getQuestion(), Section.QUESTION);
                        if (q.getQuestion().getType() == Type.A) {
                            r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 300, answer), Section.ANSWER);
                        }
                        byte[] wire = r.toWire();
                        socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
                    } catch (Exception e) {
                        if (socket.isClosed()) return;
                    }
                }
            });
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void aRunAgainstAnotherResolverIsNotAnsweredFromTheFirstResolversCache() throws Exception {
        Indicator domain = Indicator.fromCanonical(IndicatorType.DOMAIN, "example.com");
        try (StubResolver one = new StubResolver("192.0.2.1"); StubResolver two = new StubResolver("198.51.100.2");
             CaseStore store = new SqliteCaseRepository(dir).open("dns");
             Engine engine = new Engine(new SourceRegistry(List.of(new DnsSource())),
                     Config.load(Map.of(), dir.toString()), store, IndicatorParser.standard(), Clock.systemUTC())) {
            SourceOutcome first = lookup(engine, domain, one.address());
            assertThat(first.cached()).isFalse();
            assertThat(addresses(first)).containsExactly("192.0.2.1");

            int askedOne = one.questions.get();
            SourceOutcome second = lookup(engine, domain, two.address());
            assertThat(second.cached()).isFalse();
            assertThat(addresses(second)).containsExactly("198.51.100.2");
            assertThat(two.questions.get()).isPositive();

            // the first resolver's answer is still kept, under its own key
            SourceOutcome again = lookup(engine, domain, one.address());
            assertThat(again.cached()).isTrue();
            assertThat(addresses(again)).containsExactly("192.0.2.1");
            assertThat(one.questions.get()).isEqualTo(askedOne);
        }
    }

    static SourceOutcome lookup(Engine engine, Indicator domain, String resolver) throws InterruptedException {
        RunOptions options = new RunOptions(List.of(resolver), false, null, null, 1000);
        return engine.lookup(List.of(domain), Selection.all(), options, Duration.ofSeconds(20), false, null).get(0);
    }

    static List<String> addresses(SourceOutcome o) {
        return o.facts().stream().filter(f -> f.relation() == Relation.RESOLVES_TO && f.object() != null)
                .map(f -> f.object().value()).toList();
    }
}
