package io.infrapivot.app.extract;

/** Receives what an extraction finds: hits, and problems (a part that could not be read, a bomb not followed). */
public interface Sink {
    void hit(Hit hit);

    void problem(Problem problem);

    /**
     * Whether this sink keeps only the first hit of each type and value ({@code --unique}) and nothing of the later
     * ones: then the extractor may leave out, before building them, hits of a value it has already given in the same
     * stretch of plain text (the sink would drop them anyway).
     */
    default boolean firstHitsOnly() {
        return false;
    }
}
