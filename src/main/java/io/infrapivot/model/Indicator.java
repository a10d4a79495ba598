package io.infrapivot.model;

import java.util.Objects;

/**
 * A typed, canonical indicator value. Instances come from {@link IndicatorParser} (which refangs and
 * canonicalises), or from {@link #fromCanonical} for values already canonical (the store reading its
 * own rows back).
 */
public final class Indicator implements Comparable<Indicator> {
    private final IndicatorType type;
    private final String value;

    private Indicator(IndicatorType type, String value) {
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** For values that are already canonical (stored rows). Everything else goes through the parser. */
    public static Indicator fromCanonical(IndicatorType type, String value) {
        return new Indicator(type, value);
    }

    /** Parses {@code text} as exactly {@code type}; throws {@link IllegalArgumentException} with a clear reason. */
    public static Indicator of(IndicatorType type, String text) {
        return IndicatorParser.standard().parseAs(type, text).orElseThrow().indicator();
    }

    /** Parses free text; throws {@link IllegalArgumentException} when it is invalid or ambiguous. */
    public static Indicator parse(String text) {
        return IndicatorParser.standard().parse(text).orElseThrow().indicator();
    }

    public IndicatorType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** {@code type:value}, the form used in logs and keys. */
    public String key() {
        return type.id() + ":" + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Indicator other && type == other.type && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + value.hashCode();
    }

    @Override
    public int compareTo(Indicator o) {
        int c = type.compareTo(o.type);
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return key();
    }
}
