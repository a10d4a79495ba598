package io.infrapivot.source.dns.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.dns.NsdServer;
import io.infrapivot.source.dns.SilentServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The bulk loop against a real NSD: every answer compared with the zone it serves. */
class BulkResolverTest {
    /** A generated zone: h{i}.bulk.test has A 10.{i/65536}.{i/256%256}.{i%256}; every 7th also an AAAA. */
    static String zone(int n) {
        StringBuilder z = new StringBuilder("$ORIGIN bulk.test.\n$TTL 300\n"
                + "@ IN SOA ns1.bulk.test. hostmaster.bulk.test. 1 3600 900 604800 60\n@ IN NS ns1.bulk.test.\n"
                + "ns1 IN A 127.0.0.1\nalias IN CNAME h5.bulk.test.\nalias2 IN CNAME alias.bulk.test.\n"
                + "outside IN CNAME www.not-here.test.\n");
        for (int i = 0; i < 30; i++) z.append("big IN TXT \"").append("t".repeat(90)).append(i).append("\"\n");
        for (int i = 0; i < n; i++) {
            z.append('h').append(i).append(" IN A ").append(ip(i)).append('\n');
            if (i % 7 == 0) z.append('h').append(i).append(" IN AAAA 2001:db8::").append(Integer.toHexString(i))
                    .append('\n');
        }
        return z.toString();
    }

    static String ip(int i) {
        return "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    private static Map<String, BulkResult> run(BulkResolver r, List<BulkQuery> qs) throws Exception {
        Map<String, BulkResult> out = new HashMap<>();
        BulkResolver.Stats s = r.run(qs.iterator(), res -> {
            BulkResult old = out.put(res.name() + "/" + Type.string(res.type()), res);
            assertThat(old).as("one result per question").isNull();
        });
        assertThat(s.questions()).isEqualTo(qs.size());
        return out;
    }

    @Test
    void resolvesThousandsOfNamesExactlyAsTheZoneSays() throws Exception {
        int n = 20_000;
        try (NsdServer nsd = NsdServer.start(List.of("records.test"), List.of(), Map.of("bulk.test", zone(n)))) {
            List<BulkQuery> qs = new ArrayList<>();
            for (int i = 0; i < n; i++) qs.add(new BulkQuery("h" + i + ".bulk.test", Type.A));
            for (int i = 0; i < n; i += 7) qs.add(new BulkQuery("h" + i + ".bulk.test", Type.AAAA));
            for (int i = 1; i < 500; i += 7) qs.add(new BulkQuery("h" + i + ".bulk.test", Type.AAAA)); // nodata
            for (int i = 0; i < 300; i++) qs.add(new BulkQuery("missing" + i + ".bulk.test", Type.A));
            BulkResolver r = new BulkResolver(BulkResolver.Options.defaults(List.of(nsd.address())));
            Map<String, BulkResult> out = run(r, qs);
            assertThat(out).hasSize(qs.size());
            for (int i = 0; i < n; i++) {
                BulkResult a = out.get("h" + i + ".bulk.test/A");
                assertThat(a.status()).isEqualTo(BulkStatus.ANSWER);
                assertThat(a.answers()).as("h" + i).containsExactly(ip(i));
            }
            for (int i = 0; i < n; i += 7) {
                assertThat(out.get("h" + i + ".bulk.test/AAAA").answers()).containsExactly(
                        new inet.ipaddr.IPAddressString("2001:db8::" + Integer.toHexString(i)).getAddress()
                                .toCanonicalString());
            }
            assertThat(out.get("h8.bulk.test/AAAA").status()).isEqualTo(BulkStatus.NODATA);
            assertThat(out.get("missing7.bulk.test/A").status()).isEqualTo(BulkStatus.NXDOMAIN);
        }
    }

    @Test
    void followsCnamesFallsBackToTcpAndKeepsOutcomesApart() throws Exception {
        try (NsdServer nsd = NsdServer.start(List.of("records.test", "2.0.192.in-addr.arpa"), List.of(),
                Map.of("bulk.test", zone(10)))) {
            List<BulkQuery> qs = List.of(new BulkQuery("alias2.bulk.test", Type.A),
                    new BulkQuery("big.bulk.test", Type.TXT), new BulkQuery("records.test", Type.MX),
                    new BulkQuery("www.broken.test", Type.A), new BulkQuery("nowhere.example", Type.A),
                    new BulkQuery("outside.bulk.test", Type.A), new BulkQuery("a..b", Type.A),
                    new BulkQuery("x".repeat(64) + ".test", Type.A), new BulkQuery("HOST10.Records.Test.", Type.A),
                    new BulkQuery("192.0.2.10", Type.PTR), new BulkQuery("192.0.2.10", Type.MX),
                    new BulkQuery("1password.records.test", Type.A));
            Map<String, BulkResult> out = run(new BulkResolver(BulkResolver.Options.defaults(
                    List.of(nsd.address()))), qs);
            BulkResult alias = out.get("alias2.bulk.test/A");
            assertThat(alias.cnames()).containsExactly("alias.bulk.test", "h5.bulk.test");
            assertThat(alias.answers()).containsExactly("10.0.0.5");
            BulkResult big = out.get("big.bulk.test/TXT");
            assertThat(big.status()).isEqualTo(BulkStatus.ANSWER);
            assertThat(big.answers()).hasSize(30);
            assertThat(big.tries()).isEqualTo(2);
            assertThat(out.get("records.test/MX").answers()).containsExactlyInAnyOrder("10 mail.records.test.",
                    "20 mx.mail-provider.test.");
            assertThat(out.get("www.broken.test/A").status()).isEqualTo(BulkStatus.SERVFAIL);
            assertThat(out.get("nowhere.example/A").status()).isEqualTo(BulkStatus.REFUSED);
            BulkResult outside = out.get("outside.bulk.test/A");
            assertThat(outside.status()).isEqualTo(BulkStatus.ANSWER);
            assertThat(outside.cnames()).containsExactly("www.not-here.test");
            assertThat(outside.answers()).isEmpty();
            assertThat(out.get("a..b/A").status()).isEqualTo(BulkStatus.INVALID);
            assertThat(out.get("a..b/A").error()).contains("empty label");
            assertThat(out.get("x".repeat(64) + ".test/A").error()).contains("63");
            assertThat(out.get("host10.records.test/A").answers()).containsExactly("192.0.2.10");
            assertThat(out.get("10.2.0.192.in-addr.arpa/PTR").answers()).containsExactly("host10.records.test.");
            assertThat(out.get("192.0.2.10/MX").status()).isEqualTo(BulkStatus.INVALID);
            assertThat(out.get("192.0.2.10/MX").error()).contains("is an IP address: it has no MX records");
            assertThat(out.get("1password.records.test/A").status()).isEqualTo(BulkStatus.NXDOMAIN);
        }
    }

    @Test
    void keepsDanglingChainsWithTheirEndsOutcome() throws Exception {
        NsdServer nsd = NsdServer.shared();
        List<BulkQuery> qs = new ArrayList<>();
        for (String n : List.of("dangling", "dangling-out", "nodata-alias", "www")) {
            qs.add(new BulkQuery(n + ".records.test", Type.A));
            qs.add(new BulkQuery(n + ".records.test", Type.TXT)); // the other decoder (dnsjava)
        }
        Map<String, BulkResult> out = run(new BulkResolver(BulkResolver.Options.defaults(List.of(nsd.address()))),
                qs);
        for (String t : List.of("A", "TXT")) {
            BulkResult d = out.get("dangling.records.test/" + t);
            assertThat(d.status()).as(t).isEqualTo(BulkStatus.NXDOMAIN);
            assertThat(d.cnames()).as(t).containsExactly("dangling-mid.records.test", "gone.records.test");
            assertThat(out.get("dangling-out.records.test/" + t).cnames()).as(t).containsExactly("gone.bl.test");
            assertThat(out.get("dangling-out.records.test/" + t).status()).as(t).isEqualTo(BulkStatus.NXDOMAIN);
        }
        BulkResult nodata = out.get("nodata-alias.records.test/A");
        assertThat(nodata.status()).isEqualTo(BulkStatus.NODATA);
        assertThat(nodata.cnames()).containsExactly("txtonly.records.test");
        assertThat(out.get("nodata-alias.records.test/TXT").status()).isEqualTo(BulkStatus.ANSWER);
        assertThat(out.get("www.records.test/TXT").status()).isEqualTo(BulkStatus.NODATA);
        assertThat(out.get("www.records.test/A").status()).isEqualTo(BulkStatus.ANSWER);

        var facts = io.infrapivot.source.dns.bulk.BulkFindings.of(out.get("dangling.records.test/A"));
        assertThat(facts).filteredOn(f -> f.relation() == io.infrapivot.model.Relation.ALIAS_OF)
                .extracting(f -> f.subject().text() + " -> " + f.object().text())
                .containsExactly("dangling.records.test -> dangling-mid.records.test",
                        "dangling-mid.records.test -> gone.records.test");
        assertThat(facts).filteredOn(f -> f.relation() == io.infrapivot.model.Relation.DNS_RECORD)
                .anySatisfy(f -> {
                    assertThat(f.subject().text()).isEqualTo("dangling.records.test");
                    assertThat(f.field("dangling")).isEqualTo("true");
                    assertThat(f.field("name")).isEqualTo("gone.records.test");
                })
                .anySatisfy(f -> {
                    assertThat(f.subject().text()).isEqualTo("gone.records.test");
                    assertThat(f.field("outcome")).isEqualTo("nxdomain");
                });
    }

    @Test
    void retriesAndTimesOutAgainstASilentServer() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            BulkResolver r = new BulkResolver(BulkResolver.Options.defaults(List.of(silent.address()))
                    .withTimeout(Duration.ofMillis(200), 2));
            Map<String, BulkResult> out = run(r, List.of(new BulkQuery("a.test", Type.A),
                    new BulkQuery("b.test", Type.A)));
            assertThat(out.values()).allSatisfy(x -> {
                assertThat(x.status()).isEqualTo(BulkStatus.TIMEOUT);
                assertThat(x.tries()).isEqualTo(2);
            });
            long until = System.nanoTime() + 2_000_000_000L;
            while (silent.received() < 4 && System.nanoTime() < until) Thread.sleep(10);
            assertThat(silent.received()).isEqualTo(4);
        }
    }

    @Test
    void aResolverPortWithNothingListeningTimesOutInsteadOfFailing() throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        BulkResolver r = new BulkResolver(BulkResolver.Options.defaults(List.of(new java.net.InetSocketAddress(
                java.net.InetAddress.getLoopbackAddress(), port))).withTimeout(Duration.ofMillis(200), 2));
        Map<String, BulkResult> out = run(r, List.of(new BulkQuery("a.test", Type.A), new BulkQuery("b.test", Type.A),
                new BulkQuery("c.test", Type.A)));
        assertThat(out.values()).hasSize(3).allSatisfy(x -> assertThat(x.status()).isEqualTo(BulkStatus.TIMEOUT));
    }

    @Test
    void failsOverToTheNextServerAndHonoursASmallWindow() throws Exception {
        try (SilentServer silent = new SilentServer();
             NsdServer nsd = NsdServer.start(List.of("records.test"), List.of(), Map.of("bulk.test", zone(200)))) {
            BulkResolver r = new BulkResolver(BulkResolver.Options.defaults(List.of(silent.address(), nsd.address()))
                    .withTimeout(Duration.ofMillis(200), 2).withInFlight(3).withRate(2000));
            List<BulkQuery> qs = new ArrayList<>();
            for (int i = 0; i < 200; i++) qs.add(new BulkQuery("h" + i + ".bulk.test", Type.A));
            Map<String, BulkResult> out = run(r, qs);
            for (int i = 0; i < 200; i++) assertThat(out.get("h" + i + ".bulk.test/A").answers()).containsExactly(ip(i));
        }
    }
}
