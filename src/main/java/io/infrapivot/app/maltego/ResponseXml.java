package io.infrapivot.app.maltego;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes Maltego's transform messages ({@code MaltegoTransformResponseMessage} and
 * {@code MaltegoTransformExceptionMessage}) with a real XML writer: every value is escaped, and characters
 * XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped first, since values
 * come from WHOIS, DNS and web pages.
 */
public final class ResponseXml {
    private ResponseXml() {}

    /** A property of an entity; names starting with {@code link#} are properties of the link to it. */
    public record Field(String name, String displayName, boolean strict, String value) {}

    /**
     * One entity of a response.
     *
     * @param displayHtml HTML for the Detail View, already HTML-escaped where it holds data (null: none)
     */
    public record Entity(String type, String value, int weight, List<Field> fields, String displayHtml) {
        public Entity {
            fields = List.copyOf(fields);
        }
    }

    /** A UI message: {@code FatalError}, {@code PartialError}, {@code Inform} or {@code Debug}. */
    public record Message(Severity severity, String text) {}

    public enum Severity {
        FATAL("FatalError"), PARTIAL("PartialError"), INFORM("Inform"), DEBUG("Debug");

        private final String wire;

        Severity(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A transform response: entities and UI messages. */
    public static byte[] response(List<Entity> entities, List<Message> messages) {
        return write(w -> {
            w.writeStartElement("MaltegoTransformResponseMessage");
            w.writeStartElement("Entities");
            for (Entity e : entities) {
                w.writeStartElement("Entity");
                w.writeAttribute("Type", clean(e.type()));
                element(w, "Value", e.value());
                element(w, "Weight", String.valueOf(e.weight()));
                if (e.displayHtml() != null) {
                    w.writeStartElement("DisplayInformation");
                    w.writeStartElement("Label");
                    w.writeAttribute("Name", "infrapivot");
                    w.writeAttribute("Type", "text/html");
                    w.writeCharacters(clean(e.displayHtml()));
                    w.writeEndElement();
                    w.writeEndElement();
                }
                if (!e.fields().isEmpty()) {
                    w.writeStartElement("AdditionalFields");
                    for (Field f : e.fields()) {
                        w.writeStartElement("Field");
                        w.writeAttribute("Name", clean(f.name()));
                        w.writeAttribute("DisplayName", clean(f.displayName()));
                        w.writeAttribute("MatchingRule", f.strict() ? "strict" : "loose");
                        w.writeCharacters(clean(f.value()));
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeStartElement("UIMessages");
            for (Message m : messages) {
                w.writeStartElement("UIMessage");
                w.writeAttribute("MessageType", m.severity().wire());
                w.writeCharacters(clean(m.text()));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The message Maltego shows when a transform could not run at all. */
    public static byte[] exception(String text) {
        return write(w -> {
            w.writeStartElement("MaltegoTransformExceptionMessage");
            w.writeStartElement("Exceptions");
            element(w, "Exception", text);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("MaltegoMessage");
            body.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a Maltego message: " + e.getMessage(), e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(clean(text));
        w.writeEndElement();
    }

    /** {@code s} without the code points XML 1.0 forbids (null becomes empty). */
    public static String clean(String s) {
        if (s == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            if (ok && b != null) b.appendCodePoint(cp);
            i += n;
        }
        return b == null ? s : b.toString();
    }

    /** Escapes text for the HTML of the Detail View. */
    public static String html(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
