package io.infrapivot.app.extract;

/** Receives what an extraction finds: hits, and problems (a part that could not be read, a bomb not followed). */
public interface Sink {
    void hit(Hit hit);

    void problem(Problem problem);
}
