package io.infrapivot.store;

import static io.infrapivot.store.Facts.BASE;
import static io.infrapivot.store.Facts.domain;
import static io.infrapivot.store.Facts.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
    static final Duration TTL = Duration.ofHours(1);
    @TempDir
    Path dir;
    SqliteCaseStore store;
    final Indicator d = domain("example.com");

    @BeforeEach
    void open() {
        store = SqliteCaseStore.open(dir.resolve("cache.sqlite"), "cache");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private LookupRecord save(String params, Instant finished, LookupResult result) {
        return store.saveLookup("dns", d, params, finished.minusMillis(5), finished, result, TTL);
    }

    private static LookupResult ok() {
        return LookupResult.of(List.of(Observation.link(Facts.domain("example.com"), Relation.RESOLVES_TO,
                ip("192.0.2.1"), "dns", BASE, null)), List.of());
    }

    @Test
    void aLookupIsFreshUntilItsTtlRunsOut() {
        LookupRecord saved = save("A", BASE, ok());
        assertThat(store.freshLookup("dns", d, "A", BASE.plusSeconds(1))).contains(saved);
        assertThat(store.freshLookup("dns", d, "A", BASE.plus(TTL).minusMillis(1))).contains(saved);
        assertThat(store.freshLookup("dns", d, "A", BASE.plus(TTL))).isEmpty();
        assertThat(store.freshLookup("dns", d, "A", BASE.plus(Duration.ofDays(3)))).isEmpty();
    }

    @Test
    void emptyAndTruncatedAnswersAreServedFromCache() {
        save("empty", BASE, LookupResult.of(List.of(), List.of()));
        save("page", BASE, LookupResult.truncated(List.of(), List.of(), 10, null));
        assertThat(store.freshLookup("dns", d, "empty", BASE)).isPresent();
        assertThat(store.freshLookup("dns", d, "page", BASE)).get().extracting(LookupRecord::total).isEqualTo(10L);
    }

    @Test
    void errorsAndSkippedLookupsAreLoggedButNeverFresh() {
        save("A", BASE, LookupResult.error("timeout", List.of()));
        save("A", BASE, LookupResult.skipped("no API key"));
        assertThat(store.freshLookup("dns", d, "A", BASE.plusSeconds(1))).isEmpty();
        assertThat(store.lookupsAbout(d)).hasSize(2);
    }

    @Test
    void aNewerErrorDoesNotHideAnOlderFreshAnswer() {
        LookupRecord good = save("A", BASE, ok());
        save("A", BASE.plusSeconds(60), LookupResult.error("SERVFAIL", List.of()));
        assertThat(store.freshLookup("dns", d, "A", BASE.plusSeconds(61))).contains(good);
    }

    @Test
    void theNewestFreshLookupWins() {
        save("A", BASE, ok());
        LookupRecord newer = save("A", BASE.plusSeconds(600), LookupResult.of(List.of(), List.of()));
        save("A", BASE.plusSeconds(300), ok());
        assertThat(store.freshLookup("dns", d, "A", BASE.plusSeconds(601))).contains(newer);
        assertThat(store.lookupsAbout(d)).first().isEqualTo(newer);
    }

    @Test
    void sourceIndicatorAndParamsAllKeyTheCache() {
        save("A", BASE, ok());
        assertThat(store.freshLookup("dns", d, "AAAA", BASE)).isEmpty();
        assertThat(store.freshLookup("rdap", d, "A", BASE)).isEmpty();
        assertThat(store.freshLookup("dns", domain("example.org"), "A", BASE)).isEmpty();
        save(null, BASE, ok());
        assertThat(store.freshLookup("dns", d, null, BASE)).isPresent();
        assertThat(store.freshLookup("dns", d, "", BASE)).isPresent();
    }

    @Test
    void anEndlessTtlStaysFresh() {
        LookupRecord saved = store.saveLookup("dns", d, "A", BASE, BASE, ok(), java.time.temporal.ChronoUnit.FOREVER
                .getDuration());
        assertThat(store.freshLookup("dns", d, "A", Instant.parse("9999-12-31T00:00:00Z"))).contains(saved);
    }

    @Test
    void aZeroTtlIsNeverFresh() {
        store.saveLookup("dns", d, "A", BASE, BASE, ok(), Duration.ZERO);
        store.saveLookup("dns", d, "B", BASE, BASE, ok(), null);
        assertThat(store.freshLookup("dns", d, "A", BASE)).isEmpty();
        assertThat(store.freshLookup("dns", d, "B", BASE)).isEmpty();
    }
}
