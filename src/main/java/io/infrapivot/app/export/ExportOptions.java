package io.infrapivot.app.export;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import java.time.Instant;
import java.util.Set;

/**
 * What to export: the filters of {@code infrapivot export} (docs/export.md).
 *
 * @param from          the seed of a subgraph, or null for the whole case
 * @param depth         hops from {@code from} (links only; marked indicators end a path)
 * @param excludeMarked drop indicators the pivot marked as noise (shared hosting, CDN, sinkhole …) and their links
 * @param types         indicator types to keep (empty: all)
 * @param sources       keep facts at least one of these sources reported (empty: all)
 * @param since         keep facts last seen at or after this (null: no bound)
 * @param until         keep facts last seen at or before this (null: no bound)
 * @param minRank       keep indicators whose tie to the seeds scores at least this (seeds always kept; null: all)
 * @param tlp           the TLP marking of STIX and MISP output: white, green, amber, red
 */
public record ExportOptions(Indicator from, int depth, boolean excludeMarked, Set<IndicatorType> types,
                            Set<String> sources, Instant since, Instant until, Double minRank, String tlp) {
    public ExportOptions {
        types = Set.copyOf(types);
        sources = Set.copyOf(sources);
        if (depth < 0) throw new IllegalArgumentException("--depth must be 0 or more");
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("--until is before --since");
        }
        tlp = tlp == null ? "amber" : tlp;
        if (!Set.of("white", "clear", "green", "amber", "amber+strict", "red").contains(tlp)) {
            throw new IllegalArgumentException("--tlp must be clear, green, amber, amber+strict or red (white: clear)");
        }
        if (tlp.equals("white")) tlp = "clear"; // TLP 1.0's name of TLP 2.0's clear, for old users
    }

    /** The whole case, no filter. */
    public static ExportOptions all() {
        return new ExportOptions(null, 0, false, Set.of(), Set.of(), null, null, null, "amber");
    }

    boolean filtersFacts() {
        return !sources.isEmpty() || since != null || until != null;
    }
}
