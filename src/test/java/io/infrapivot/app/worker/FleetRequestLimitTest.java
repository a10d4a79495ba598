package io.infrapivot.app.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.PostgresCaseRepository;
import io.infrapivot.store.PostgresLocation;
import io.infrapivot.store.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's rate limit counts HTTP requests, not lookups: two workers (in this JVM) page through a stand-in
 * Cert Spotter (four requests per lookup: three pages of one issuance, then the empty page) under a fleet-wide
 * limit of six requests; the service sees six requests from the two lookups together, and the lookup cut short
 * is stored with what it had.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FleetRequestLimitTest {
    @TempDir
    Path dir;

    /** /issuances?domain=D[&after=N]: issuance N+1 while N < 3, then the empty page; counts every request. */
    static final class PagingCertspotter extends Dispatcher {
        final AtomicInteger requests = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            String domain = request.getUrl().queryParameter("domain");
            String after = request.getUrl().queryParameter("after");
            int n = after == null ? 0 : Integer.parseInt(after);
            String body = n >= 3 ? "[]" : """
                    [{"id":"%d","tbs_sha256":"aa%d","cert_sha256":"%064d","dns_names":["%s","n%d.%s"],
                      "pubkey_sha256":"cc","issuer":{"friendly_name":"Let's Encrypt","name":"C=US, O=Let's Encrypt, CN=R3"},
                      "not_before":"2024-01-10T11:00:00Z","not_after":"2024-04-09T11:00:00Z","revoked":false}]"""
                    .formatted(n + 1, n, n + 1 + domain.length() * 10, domain, n, domain);
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body)
                    .build();
        }
    }

    @Test
    void pagesAreCountedAgainstTheFleetsLimit() throws Exception {
        PagingCertspotter service = new PagingCertspotter();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(service);
            server.start();
            Config config = Config.load(Map.of(
                    "INFRAPIVOT_CERTSPOTTER_URL", server.url("/v1").toString(),
                    "INFRAPIVOT_CERTSPOTTER_RATE_LIMIT", "6", // six requests per Cert Spotter's period (an hour)
                    "INFRAPIVOT_CONFIG", dir.resolve("none.toml").toString()), dir.toString());
            String url = TestPostgres.cluster().newDatabase();
            PostgresCaseRepository repo = new PostgresCaseRepository(PostgresLocation.parse(url),
                    new Analyst("lead", "here"));
            repo.open("paged").close();
            try (TaskQueue queue = new TaskQueue(repo, 8)) {
                queue.enqueue(List.of(
                        new LookupTask("paged", "certspotter", "domain:a.example", false, false, "ana", "p1"),
                        new LookupTask("paged", "certspotter", "domain:b.example", false, false, "ana", "p1")));
                try (Worker w0 = new Worker(queue, config, IndicatorParser.standard(), SourceRegistry.builtIn(),
                        Set.of("certspotter"), 1, "w0");
                     Worker w1 = new Worker(queue, config, IndicatorParser.standard(), SourceRegistry.builtIn(),
                             Set.of("certspotter"), 1, "w1")) {
                    w0.start();
                    w1.start();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (queue.finished("p1") < 2 && System.nanoTime() < deadline) Thread.sleep(100);
                    assertThat(queue.finished("p1")).isEqualTo(2);
                }
            }
            // eight requests were wanted, had each lookup been one permit; the fleet let six go
            assertThat(service.requests.get()).as("requests the service saw").isEqualTo(6);
            try (CaseStore store = repo.openExisting("paged")) {
                List<LookupRecord> lookups = store.lookups();
                assertThat(lookups).hasSize(2);
                // one lookup has its three issuances, the other was held back after its first pages: partial
                assertThat(store.observations()).isNotEmpty();
                assertThat(lookups).anySatisfy(l -> assertThat(l.expiresAt()).isNotNull()
                        .isBeforeOrEqualTo(l.finished()));
            }
        }
    }
}
