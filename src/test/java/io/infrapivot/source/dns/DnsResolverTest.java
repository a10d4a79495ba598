package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsResolverTest {
    private final NsdServer nsd = NsdServer.shared();

    @Test
    void answersAndTellsOutcomesApart() throws Exception {
        DnsResolver r = new DnsResolver(nsd.config());
        DnsAnswer a = r.query("records.test", Type.A);
        assertThat(a.status()).isEqualTo(DnsStatus.ANSWER);
        assertThat(a.records()).map(x -> ((ARecord) x).getAddress().getHostAddress())
                .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
        assertThat(r.query("nope.records.test", Type.A).status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(r.query("nodata.records.test", Type.A).status()).isEqualTo(DnsStatus.NODATA);
        assertThat(r.query("anything.broken.test", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
        assertThat(r.query("not-served.example", Type.A).status()).isEqualTo(DnsStatus.REFUSED);
    }

    @Test
    void timesOutAfterEveryRetryAndSaysSo() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            DnsConfig cfg = DnsConfig.of(List.of(silent.address())).withTimeout(Duration.ofMillis(300), 2);
            DnsAnswer a = new DnsResolver(cfg).query("records.test", Type.A);
            assertThat(a.status()).isEqualTo(DnsStatus.TIMEOUT);
            assertThat(a.message()).isNull();
            assertThat(a.error()).contains("no answer");
            // first try plus two retries reached the server (the reader counts asynchronously)
            long until = System.nanoTime() + 2_000_000_000L;
            while (silent.received() < 3 && System.nanoTime() < until) Thread.sleep(10);
            assertThat(silent.received()).isEqualTo(3);
        }
    }

    @Test
    void failsOverFromASilentResolverToAWorkingOne() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            DnsConfig cfg = DnsConfig.of(List.of(silent.address(), nsd.address()))
                    .withTimeout(Duration.ofMillis(300), 0);
            DnsResolver r = new DnsResolver(cfg);
            // whichever resolver a question starts at, it ends with the answer
            for (int i = 0; i < 4; i++) {
                DnsAnswer a = r.query("host10.records.test", Type.A);
                assertThat(a.status()).isEqualTo(DnsStatus.ANSWER);
                assertThat(a.server()).isEqualTo(nsd.resolverOption());
            }
            assertThat(silent.received()).isBetween(1, 2);
        }
    }

    @Test
    void fallsBackToTcpWhenTheAnswerIsTruncated() throws Exception {
        // 40 TXT records of ~100 bytes do not fit 1232 bytes: NSD sets TC, the resolver retries over TCP
        DnsAnswer a = new DnsResolver(nsd.config()).query("big.records.test", Type.TXT);
        assertThat(a.status()).isEqualTo(DnsStatus.ANSWER);
        assertThat(a.records()).hasSize(40);
        assertThat(a.truncated()).isFalse();
        // and without EDNS0 (512 bytes) the same
        DnsAnswer b = new DnsResolver(nsd.config().withEdnsPayload(0)).query("big.records.test", Type.TXT);
        assertThat(b.records()).hasSize(40);
        // sanity: plain UDP without fall back really is truncated
        SimpleResolver udp = new SimpleResolver(nsd.address());
        udp.setIgnoreTruncation(true);
        Message raw = udp.send(Message.newQuery(Record.newRecord(DnsNames.parse("big.records.test"), Type.TXT,
                org.xbill.DNS.DClass.IN)));
        assertThat(raw.getHeader().getFlag(org.xbill.DNS.Flags.TC)).isTrue();
    }

    @Test
    void tcpOnlyWorks() throws Exception {
        DnsAnswer a = new DnsResolver(nsd.config().withTcp(true)).query("records.test", Type.MX);
        assertThat(a.status()).isEqualTo(DnsStatus.ANSWER);
        assertThat(a.records()).hasSize(2);
    }

    @Test
    void cachesAnswersAndNegativeAnswersWithinTheirTtl() throws Exception {
        MutableClock clock = new MutableClock();
        DnsResolver r = new DnsResolver(nsd.config(), clock);
        assertThat(r.query("mail.records.test", Type.A).fromCache()).isFalse();
        assertThat(r.query("mail.records.test", Type.A).fromCache()).isTrue();
        DnsAnswer nx = r.query("gone.records.test", Type.A);
        assertThat(nx.fromCache()).isFalse();
        assertThat(r.query("gone.records.test", Type.A).fromCache()).isTrue();
        // the zone's TTL is 300 s and its negative TTL 60 s
        clock.advance(Duration.ofSeconds(61));
        assertThat(r.query("gone.records.test", Type.A).fromCache()).isFalse();
        assertThat(r.query("mail.records.test", Type.A).fromCache()).isTrue();
        clock.advance(Duration.ofSeconds(240));
        assertThat(r.query("mail.records.test", Type.A).fromCache()).isFalse();
    }

    @Test
    void timeoutsAreNotCached() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            DnsResolver r = new DnsResolver(DnsConfig.of(List.of(silent.address()))
                    .withTimeout(Duration.ofMillis(200), 0));
            assertThat(r.query("records.test", Type.A).status()).isEqualTo(DnsStatus.TIMEOUT);
            assertThat(r.query("records.test", Type.A).fromCache()).isFalse();
        }
    }

    @Test
    void resolvesOverHttpsPerRfc8484() throws Exception {
        // a local DoH front end that forwards the wire query to NSD and checks the RFC 8484 request shape
        AtomicInteger ids = new AtomicInteger(-1);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/dns-query", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            boolean shaped = "POST".equals(ex.getRequestMethod())
                    && "application/dns-message".equals(ex.getRequestHeaders().getFirst("Content-Type"));
            Message q = new Message(body);
            ids.set(q.getHeader().getID());
            SimpleResolver up = new SimpleResolver(nsd.address());
            byte[] out = up.send(q).toWire();
            ex.getResponseHeaders().add("Content-Type", "application/dns-message");
            ex.sendResponseHeaders(shaped ? 200 : 415, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        http.createContext("/wrong", ex -> {
            byte[] out = "<html>nope</html>".getBytes();
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            DnsResolver r = new DnsResolver(nsd.config().withDoh(URI.create(base + "/dns-query")));
            DnsAnswer a = r.query("big.records.test", Type.TXT);
            assertThat(a.status()).isEqualTo(DnsStatus.ANSWER);
            assertThat(a.records()).hasSize(40);
            assertThat(((TXTRecord) a.records().get(0)).getStrings().get(0)).startsWith("big-");
            assertThat(ids.get()).isZero();
            assertThat(a.server()).endsWith("/dns-query");
            DnsAnswer bad = new DnsResolver(nsd.config().withTimeout(Duration.ofSeconds(2), 0)
                    .withDoh(URI.create(base + "/wrong"))).query("records.test", Type.A);
            assertThat(bad.status()).isEqualTo(DnsStatus.ERROR);
            assertThat(bad.error()).contains("not application/dns-message");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void readsResolversAndSettings() {
        DnsConfig c = DnsConfig.from(new SourceSettings("dns", Map.of("timeout", "750ms", "retries", "4",
                "tcp", "true")), new RunOptions(List.of("127.0.0.1:5300", "[::1]:53", "192.0.2.53"), false, null,
                null, 10));
        assertThat(c.servers()).extracting(InetSocketAddress::getPort).containsExactly(5300, 53, 53);
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.retries()).isEqualTo(4);
        assertThat(c.tcp()).isTrue();
        assertThat(DnsConfig.from(SourceSettings.empty("dns"), RunOptions.defaults()).servers()).isNotEmpty();
        assertThatThrownBy(() -> DnsConfig.parseResolver("dns.google")).hasMessageContaining("IP address");
        assertThatThrownBy(() -> DnsConfig.parseResolver("1.2.3.4:99999")).hasMessageContaining("port");
    }

    @Test
    void rejectsBadNamesBeforeAsking() {
        DnsResolver r = new DnsResolver(nsd.config());
        assertThatThrownBy(() -> r.query("a..b.test", Type.A)).hasMessageContaining("empty label");
        assertThatThrownBy(() -> r.query("x".repeat(64) + ".test", Type.A)).hasMessageContaining("63");
        assertThatThrownBy(() -> r.query("bad name.test", Type.A)).hasMessageContaining("malformed");
        assertThatThrownBy(() -> r.query("a\u001b[31m.test", Type.A)).hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> r.query(("abcdefghi.").repeat(26) + "test", Type.A)).hasMessageContaining("253");
        assertThatThrownBy(() -> r.query("192.0.2.10", Type.MX)).hasMessageContaining("is an IP address")
                .hasMessageContaining("no MX records");
        assertThatThrownBy(() -> r.query("2001:db8::1", Type.TXT)).hasMessageContaining("no TXT records");
    }

    @Test
    void turnsAnIpAskedForPtrIntoItsReverseName() throws Exception {
        DnsAnswer a = new DnsResolver(nsd.config()).query("192.0.2.10", Type.PTR);
        assertThat(a.name().toString()).isEqualTo("10.2.0.192.in-addr.arpa.");
        assertThat(a.records()).singleElement().satisfies(x -> assertThat(x.rdataToString())
                .isEqualTo("host10.records.test."));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
