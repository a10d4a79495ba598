package io.infrapivot.model;

import java.util.List;

/**
 * A parsed indicator with everything the parser learned on the way.
 *
 * @param indicator the canonical indicator
 * @param display   a human form (Unicode for IDNs, the path for files, the original case for org/person)
 * @param details   type-specific facts (names, IPs, URLs, ...); never null
 * @param notes     remarks on the parse (refanged, host bits cleared, unknown TLD, ...)
 */
public record ParsedIndicator(Indicator indicator, String display, Details details, List<String> notes) {
    public ParsedIndicator {
        notes = List.copyOf(notes);
    }

    public IndicatorType type() {
        return indicator.type();
    }

    public String value() {
        return indicator.value();
    }
}
