package io.infrapivot.source.casedata;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * What the current case already knows about an indicator, from earlier lookups of any source. Its
 * results are shown, never stored again (they are already in the case).
 */
public final class CaseSource implements Source {
    public static final String ID = "case";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("what the current case already knows about the indicator (earlier lookups of every source)")
            .accepts(EnumSet.allOf(IndicatorType.class)).produces(EnumSet.allOf(Relation.class))
            .access(Access.OFFLINE).concurrency(64).ttl(Duration.ZERO).notStored()
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) {
        List<Observation> known = context.caseView().observationsAbout(indicator);
        return LookupResult.of(known, List.of());
    }
}
