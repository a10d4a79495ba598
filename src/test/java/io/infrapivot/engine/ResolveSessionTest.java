package io.infrapivot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.source.dns.DnsSource;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve} through a session: with and without a case, resolvers from the request or the config. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResolveSessionTest {
    @TempDir
    Path dir;

    private static ResolveRequest request(List<String> resolvers) {
        return new ResolveRequest(List.of("A", "AAAA"), resolvers, Duration.ofMillis(500), 2, 100, 0);
    }

    @Test
    void withoutACaseEveryAnswerIsWrittenAndCountedAndNothingIsStored() throws Exception {
        try (var stub = new DnsCacheByResolverTest.StubResolver("192.0.2.7");
             Engine engine = new Engine(new SourceRegistry(List.of(new DnsSource())), Config.load(Map.of(),
                     dir.toString()), null, IndicatorParser.standard(), Clock.systemUTC());
             LookupSession session = engine.session()) {
            StringWriter w = new StringWriter();
            AtomicInteger after = new AtomicInteger();
            ResolveOutput.Summary s;
            try (ResolveOutput out = ResolveOutput.text(w)) {
                s = session.resolve(List.of("a.example", "b.example").iterator(), request(List.of(stub.address())),
                        false, out, after::incrementAndGet);
                assertThat(out.counts()).containsExactly(Map.entry("answer", 2L), Map.entry("nodata", 2L));
                assertThat(out.failures()).isFalse();
            }
            assertThat(s.questions()).isEqualTo(4);
            assertThat(after).hasValue(4);
            assertThat(w.toString().lines().sorted().toList()).containsExactly("a.example A answer 192.0.2.7",
                    "a.example AAAA nodata", "b.example A answer 192.0.2.7", "b.example AAAA nodata");
        }
    }

    @Test
    void withoutAResolverTheConfiguredOnesAreAskedAndWithACaseTheAnswersAreStored() throws Exception {
        try (var stub = new DnsCacheByResolverTest.StubResolver("198.51.100.9");
             CaseStore store = new SqliteCaseRepository(dir).open("resolve");
             Engine engine = new Engine(new SourceRegistry(List.of(new DnsSource())), Config.load(Map.of(
                     "INFRAPIVOT_DNS_RESOLVERS", stub.address()), dir.toString()), store, IndicatorParser.standard(),
                     Clock.systemUTC());
             LookupSession session = engine.session()) {
            AtomicInteger stored = new AtomicInteger();
            session.subscribe(e -> {
                if (e instanceof SessionEvent.LookupStored) stored.incrementAndGet();
            });
            try (ResolveOutput out = ResolveOutput.text(new StringWriter())) {
                session.resolve(List.of("c.example").iterator(), request(List.of()), true, out, () -> { });
                assertThat(out.counts()).containsEntry("answer", 1L);
            }
            assertThat(stub.questions.get()).isPositive();
            assertThat(stored.get()).isPositive();
            assertThat(store.observations()).anyMatch(o -> o.object() != null && o.object().value().equals("198.51.100.9"));
        }
    }

    @Test
    void aBadRequestNamesItsOption() {
        assertThatThrownBy(() -> new ResolveRequest(List.of("A", "NOPE"), List.of(), Duration.ofSeconds(1), 1, 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("-t:").hasMessageContaining("NOPE");
        assertThatThrownBy(() -> new ResolveRequest(List.of("A"), List.of("not an address"), Duration.ofSeconds(1), 1,
                10, 0)).hasMessageStartingWith("--resolver:");
        assertThatThrownBy(() -> new ResolveRequest(List.of("A"), List.of(), Duration.ofSeconds(1), 1, 10, -1))
                .hasMessageStartingWith("--rate");
        assertThatThrownBy(() -> new ResolveRequest(List.of("A"), List.of(), Duration.ofSeconds(1), 1, 0, 0))
                .hasMessageStartingWith("--in-flight");
    }
}
