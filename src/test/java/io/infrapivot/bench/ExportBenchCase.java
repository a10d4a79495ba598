package io.infrapivot.bench;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.store.SqliteCaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the export benchmark's case through the store port: {@code N} observations (default 1,000,000) in
 * lookups of 1,000 — names resolving to addresses over a year of passive-DNS dates, name servers, addresses
 * announced by ASNs, and a TXT attribute per name — so the case has about N/3 indicators. Deterministic.
 * Arguments: {@code FILE [N]}. Run by bench/export/run.sh.
 */
public final class ExportBenchCase {
    private ExportBenchCase() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        Files.deleteIfExists(file);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        long started = System.nanoTime();
        try (SqliteCaseStore store = SqliteCaseStore.open(file, "bench-export")) {
            store.addSeeds(List.of(Indicator.fromCanonical(IndicatorType.DOMAIN, "d0.example")));
            List<Observation> batch = new ArrayList<>(1000);
            long written = 0;
            long i = 0;
            while (written < n) {
                Indicator d = Indicator.fromCanonical(IndicatorType.DOMAIN, "d" + i + ".example");
                Indicator ip = Indicator.fromCanonical(IndicatorType.IP,
                        "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256));
                Indicator ns = Indicator.fromCanonical(IndicatorType.HOST, "ns" + (i % 500) + ".dns.example");
                Indicator as = Indicator.fromCanonical(IndicatorType.ASN, "AS" + (64500 + i % 100));
                RawAnswer raw = RawAnswer.text("bench", "q " + i, "answer " + i, "text/plain", "ok", base,
                        Duration.ofMillis(1));
                Instant first = base.plus(Duration.ofDays(i % 300));
                batch.add(Observation.link(d, Relation.RESOLVES_TO, ip, "bench", base, raw)
                        .withSeen(first, first.plus(Duration.ofDays(30)), 1 + i % 7));
                batch.add(Observation.link(d, Relation.NAME_SERVER, ns, "bench", base, raw));
                batch.add(Observation.link(ip, Relation.ANNOUNCED_BY, as, "bench", base, raw));
                batch.add(Observation.attribute(d, Relation.DNS_RECORD, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "TXT").put("data", 
                        "v=spf1 include:_spf.d" + i + ".example -all"), "bench", base, raw));
                written += 4;
                i++;
                if (batch.size() >= 1000 || written >= n) {
                    store.saveLookup("bench", d, "", base, base, LookupResult.of(batch, List.of(raw)), Duration.ZERO);
                    batch = new ArrayList<>(1000);
                }
            }
            System.out.printf("case %s: %d observations, %d indicators, written in %.1f s%n", file,
                    store.info().observations(), store.info().indicators(), (System.nanoTime() - started) / 1e9);
        }
    }
}
