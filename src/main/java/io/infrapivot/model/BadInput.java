package io.infrapivot.model;

/** Thrown inside the parser to give up with one clear reason; turned into {@link ParseResult.Invalid}. */
final class BadInput extends RuntimeException {
    BadInput(String reason) {
        super(reason, null, false, false);
    }

    static BadInput of(String format, Object... args) {
        return new BadInput(String.format(java.util.Locale.ROOT, format, args));
    }
}
