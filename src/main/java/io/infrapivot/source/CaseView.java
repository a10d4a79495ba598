package io.infrapivot.source;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.Observation;
import java.util.List;

/** Read-only view of what the current case already knows (for sources that use it). */
public interface CaseView {
    /** Every stored observation with the indicator as subject or object, merged across sources. */
    List<Observation> observationsAbout(Indicator indicator);

    CaseView EMPTY = indicator -> List.of();
}
