package io.infrapivot.app.export;

import java.io.IOException;

/**
 * One export format. The exporter calls {@link #begin}, then {@link #node} for every kept indicator (in a
 * stable order), then {@link #fact} for every kept link and attribute (in observation id order), then
 * {@link #end}. Writers stream: they keep what their format needs at the end, never every fact.
 */
public interface GraphWriter {
    void begin(ExportHeader header) throws IOException;

    void node(Node node) throws IOException;

    void fact(ExportFact fact) throws IOException;

    void end() throws IOException;
}
