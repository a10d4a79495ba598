package io.infrapivot.app.cli;

/**
 * The one check of a whole-number option's range ({@code why --max}, {@code pivot --depth}, {@code maltego --limit},
 * {@code serve --port} …): a value out of range is exit 2 said in words, never silently taken or replaced.
 */
public final class Counts {
    private Counts() {}

    /** {@code value}, or a usage error (exit 2) when it is below {@code min}. */
    public static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new CliException(ExitCodes.BAD_INPUT, option + " must be " + min + " or more (got " + value + ")");
        }
        return value;
    }

    /** {@code value}, or a usage error (exit 2) when it is outside {@code min..max}. */
    public static int within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CliException(ExitCodes.BAD_INPUT, option + " must be " + min + " to " + max + " (got " + value + ")");
        }
        return value;
    }
}
