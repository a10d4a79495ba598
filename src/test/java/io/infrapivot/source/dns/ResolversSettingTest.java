package io.infrapivot.source.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.axfr.AxfrSource;
import io.infrapivot.source.dnsbl.DnsblSource;
import io.infrapivot.store.SqliteCaseRepository;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [sources.dns] resolvers} ({@code INFRAPIVOT_DNS_RESOLVERS}): the resolvers of every DNS-based source when no
 * {@code --resolver} is given (the web page, Maltego, workers run without one); {@code --resolver} wins.
 */
class ResolversSettingTest {
    private final NsdServer nsd = NsdServer.shared();
    private final IndicatorParser parser = IndicatorParser.standard();
    @TempDir
    Path dir;

    /** A loopback UDP port nobody listens on (ICMP port unreachable: questions fail fast). */
    private static String deadResolver() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private List<SourceOutcome> lookup(Map<String, String> env, RunOptions options) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("INFRAPIVOT_DNS_TIMEOUT", "1s");
        e.put("INFRAPIVOT_DNS_RETRIES", "0");
        e.put("INFRAPIVOT_DNS_SRV_SERVICES", "none");
        try (CaseStore store = new SqliteCaseRepository(dir).open("t");
             Engine engine = new Engine(new SourceRegistry(List.of(new DnsSource())), Config.load(e, dir.toString()),
                     store, parser, Clock.systemUTC())) {
            Indicator name = parser.parseAs(IndicatorType.DOMAIN, "records.test").orElseThrow().indicator();
            return engine.lookup(List.of(name), Selection.all(), options, Duration.ofSeconds(30), true, o -> {});
        }
    }

    private static List<String> addresses(SourceOutcome o) {
        return o.facts().stream().filter(f -> f.relation() == Relation.RESOLVES_TO).map(f -> f.object().key()).toList();
    }

    @Test
    void theSettingIsUsedWhenNoResolverIsGiven() throws Exception {
        SourceOutcome o = lookup(Map.of("INFRAPIVOT_DNS_RESOLVERS", nsd.resolverOption()), RunOptions.defaults())
                .get(0);
        assertThat(o.outcome()).as(o.message()).isEqualTo(Outcome.OK);
        assertThat(addresses(o)).contains("ip:192.0.2.1");
    }

    @Test
    void theSettingIsAskedAndItsFailureSaid() throws Exception {
        SourceOutcome o = lookup(Map.of("INFRAPIVOT_DNS_RESOLVERS", deadResolver()), RunOptions.defaults()).get(0);
        assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(addresses(o)).isEmpty();
        SourceOutcome bad = lookup(Map.of("INFRAPIVOT_DNS_RESOLVERS", "dns.google"), RunOptions.defaults()).get(0);
        assertThat(bad.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(bad.message()).contains("[sources.dns] resolvers", "IP address");
    }

    @Test
    void resolverOptionWins() throws Exception {
        SourceOutcome o = lookup(Map.of("INFRAPIVOT_DNS_RESOLVERS", deadResolver()),
                new RunOptions(List.of(nsd.resolverOption()), false, null, null, 1000)).get(0);
        assertThat(o.outcome()).as(o.message()).isEqualTo(Outcome.OK);
        assertThat(addresses(o)).contains("ip:192.0.2.1");
    }

    @Test
    void everyDnsBasedSourceInheritsItAndAnswersAreKeptPerResolverList() throws Exception {
        Config config = Config.load(Map.of("INFRAPIVOT_DNS_RESOLVERS", "192.0.2.53, [2001:db8::53]:5353"),
                dir.toString());
        try (CaseStore store = new SqliteCaseRepository(dir).open("k");
             Engine engine = new Engine(new SourceRegistry(List.of(new DnsSource())), config, store, parser,
                     Clock.systemUTC())) {
            for (var s : List.of(new AxfrSource(), new DnsblSource(), new io.infrapivot.source.cymru.CymruSource())) {
                assertThat(engine.settingsOf(s).get(DnsConfig.RESOLVERS)).as(s.info().id())
                        .containsExactly("192.0.2.53", "[2001:db8::53]:5353");
            }
            SourceSettings dns = engine.settingsOf(new DnsSource());
            DnsConfig c = DnsConfig.from(dns, RunOptions.defaults());
            assertThat(c.servers()).extracting(a -> a.getAddress().getHostAddress() + "/" + a.getPort())
                    .containsExactly("192.0.2.53/53", "2001:db8:0:0:0:0:0:53/5353");
            assertThat(new DnsSource().cacheKey(RunOptions.defaults(), dns))
                    .isEqualTo("resolvers=192.0.2.53,[2001:db8::53]:5353");
            RunOptions given = new RunOptions(List.of("127.0.0.1:5300"), false, null, null, 1000);
            assertThat(new DnsSource().cacheKey(given, dns)).isEqualTo("resolvers=127.0.0.1:5300");
            assertThat(new DnsSource().cacheKey(RunOptions.defaults(), SourceSettings.empty("dns"))).isEmpty();
        }
    }
}
