package io.infrapivot.app.export;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import java.time.Instant;
import java.util.List;

/**
 * What a writer learns before the first node: the case, its seeds, when the export ran, the filters, how
 * many indicators it holds, and the store (read-only use: the reports list lookups and evidence).
 */
public record ExportHeader(CaseInfo info, List<Indicator> seeds, Instant exportedAt, ExportOptions options,
                           int nodeCount, CaseStore store) {
    public ExportHeader {
        seeds = List.copyOf(seeds);
    }
}
