package io.infrapivot.app.export;

import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A thin streaming XML writer: every text and attribute value passes {@link Texts#xml} before it is escaped. */
final class Xml {
    private final XMLStreamWriter w;
    private final OutputStream out;

    Xml(OutputStream out) {
        this.out = out;
        try {
            w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("no XML writer: " + e.getMessage(), e);
        }
    }

    void document() throws IOException {
        run(() -> w.writeStartDocument("UTF-8", "1.0"));
    }

    void start(String name) throws IOException {
        run(() -> w.writeStartElement(name));
    }

    void start(String prefix, String name, String ns) throws IOException {
        run(() -> w.writeStartElement(prefix, name, ns));
    }

    void empty(String name) throws IOException {
        run(() -> w.writeEmptyElement(name));
    }

    void defaultNamespace(String ns) throws IOException {
        run(() -> w.writeDefaultNamespace(ns));
    }

    void namespace(String prefix, String ns) throws IOException {
        run(() -> w.writeNamespace(prefix, ns));
    }

    void attr(String name, String value) throws IOException {
        if (value == null) return;
        run(() -> w.writeAttribute(name, Texts.xml(value)));
    }

    void attr(String prefix, String ns, String name, String value) throws IOException {
        run(() -> w.writeAttribute(prefix, ns, name, Texts.xml(value)));
    }

    void text(String s) throws IOException {
        if (s == null) return;
        run(() -> w.writeCharacters(Texts.xml(s)));
    }

    /** {@code <name>text</name>}. */
    void element(String name, String text) throws IOException {
        start(name);
        text(text);
        end();
    }

    void newline() throws IOException {
        run(() -> w.writeCharacters("\n"));
    }

    void end() throws IOException {
        run(w::writeEndElement);
    }

    void finish() throws IOException {
        run(() -> {
            w.writeEndDocument();
            w.flush();
        });
        out.flush();
    }

    private interface Step {
        void run() throws XMLStreamException;
    }

    private static void run(Step s) throws IOException {
        try {
            s.run();
        } catch (XMLStreamException e) {
            throw new IOException("could not write XML: " + e.getMessage(), e);
        }
    }
}
