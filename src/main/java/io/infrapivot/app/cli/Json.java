package io.infrapivot.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Safe;
import java.io.PrintStream;
import java.io.Writer;
import java.time.Instant;

/**
 * JSON Lines output (schema: docs/json.md): every JSON the CLI prints goes through {@link #MAPPER} or
 * {@link #generator}, which escape as {@code \\uXXXX} what the terminal output escapes ({@link Safe}): besides
 * the C0 controls JSON requires, DEL, the C1 controls (U+0080–U+009F, U+009B is a terminal's CSI), line and
 * paragraph separators, bidirectional marks and overrides and the byte-order mark.
 */
public final class Json {
    /** The escapes: JSON's own plus every character {@link Safe#needsEscape} names. */
    static final class TerminalSafeEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            for (int c = 0; c < ascii.length; c++) {
                if (ascii[c] == 0 && Safe.needsEscape((char) c)) ascii[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && Safe.needsEscape((char) ch)
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new TerminalSafeEscapes());

    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY).registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private Json() {}

    /** A generator for streaming JSON to {@code out}, with the same escapes. */
    public static JsonGenerator generator(Writer out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static void line(PrintStream out, Object node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode indicator(Indicator i) {
        ObjectNode o = object();
        o.put("type", i.type().id());
        o.put("value", i.value());
        return o;
    }

    static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    /** {@code kind: "observation"}. */
    public static ObjectNode fact(Fact f) {
        ObjectNode o = object();
        o.put("kind", "observation");
        if (f.id() != null) o.put("id", f.id());
        o.set("subject", indicator(f.subject()));
        o.put("relation", f.relation().id());
        o.put("section", f.relation().section().id());
        o.set("object", f.object() == null ? null : indicator(f.object()));
        o.set("value", f.value());
        o.set("sources", MAPPER.valueToTree(f.sources()));
        o.put("first_seen", instant(f.firstSeen()));
        o.put("last_seen", instant(f.lastSeen()));
        o.put("learned_at", instant(f.learnedAt()));
        if (f.count() != null) o.put("count", f.count());
        else o.putNull("count");
        o.set("evidence", MAPPER.valueToTree(f.evidenceIds()));
        return o;
    }

    /** {@code kind: "source-status"}. */
    public static ObjectNode status(SourceOutcome s) {
        ObjectNode o = object();
        o.put("kind", "source-status");
        o.set("indicator", indicator(s.indicator()));
        o.put("source", s.source());
        o.put("access", s.access().id());
        o.put("outcome", s.outcome().id());
        o.put("message", s.message());
        o.put("refusal", s.refusal() == null ? null : s.refusal().id());
        o.put("cached", s.cached());
        o.put("observations", s.facts().size());
        if (s.total() != null) o.put("total", s.total());
        else o.putNull("total");
        o.put("elapsed_ms", s.elapsed().toMillis());
        if (s.lookupId() != null) o.put("lookup_id", s.lookupId());
        else o.putNull("lookup_id");
        return o;
    }
}
