package io.infrapivot.model;

import java.util.Objects;

/**
 * The one way user text becomes indicators: refangs, lowercases, punycodes, canonicalises, and knows
 * the Public Suffix List. See docs/indicators.md for every rule.
 */
public final class IndicatorParser {
    private static volatile IndicatorParser standard;

    private final PublicSuffixList suffixList;
    private final boolean readFiles;

    public IndicatorParser(PublicSuffixList suffixList, boolean readFiles) {
        this.suffixList = Objects.requireNonNull(suffixList);
        this.readFiles = readFiles;
    }

    /** The process-wide parser: the bundled suffix list unless {@link #useStandard} installed a newer one. */
    public static IndicatorParser standard() {
        IndicatorParser p = standard;
        if (p == null) {
            synchronized (IndicatorParser.class) {
                if (standard == null) standard = new IndicatorParser(PublicSuffixList.bundled(), true);
                p = standard;
            }
        }
        return p;
    }

    /** Installs the process-wide parser (the app does this once the data folder's newer list is known). */
    public static void useStandard(IndicatorParser parser) {
        standard = Objects.requireNonNull(parser);
    }

    public PublicSuffixList suffixList() {
        return suffixList;
    }

    /** Parses one piece of text, guessing its type. */
    public ParseResult parse(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Parses one piece of text as exactly {@code type} (the CLI's --type). */
    public ParseResult parseAs(IndicatorType type, String text) {
        throw new UnsupportedOperationException("not yet");
    }

    boolean readFiles() {
        return readFiles;
    }
}
