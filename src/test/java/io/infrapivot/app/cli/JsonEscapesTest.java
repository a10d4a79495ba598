package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Safe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON output escapes exactly what the terminal output escapes, and stays the same value when read back. */
class JsonEscapesTest {
    static String line(Object node) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Json.line(new PrintStream(b, true, StandardCharsets.UTF_8), node);
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCharacterTheTerminalEscapesIsAUnicodeEscapeInJson() throws Exception {
        for (char c = 0; c < 0x3000; c++) {
            if (Character.isSurrogate(c)) continue;
            String value = "a" + c + "b";
            var o = Json.object().put("v", value);
            String out = line(o).stripTrailing(); // the line end of println
            if (Safe.needsEscape(c)) {
                assertThat(out).as("U+%04X", (int) c).doesNotContain(String.valueOf(c));
                // JSON's short escapes (\\b \\t \\n \\f \\r) for those C0 controls that have one
                String shortEscape = switch (c) {
                    case '\b' -> "\\b";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\f' -> "\\f";
                    case '\r' -> "\\r";
                    default -> String.format("\\u%04x", (int) c);
                };
                assertThat(out.toLowerCase()).as("U+%04X", (int) c).contains("a" + shortEscape + "b");
            } else if (c >= 0x20 && c != '"' && c != '\\') {
                assertThat(out).as("U+%04X kept as it is", (int) c).contains("a" + c + "b");
            }
            JsonNode back = Json.MAPPER.readTree(out);
            assertThat(back.get("v").asText()).isEqualTo(value);
        }
    }

    @Test
    void csiAndBidiOverridesNeverReachTheOutputRaw() {
        String hostile = "evil\u009b31m\u202egnp.exe\u2066x\u007f";
        String out = line(Json.object().put("value", hostile));
        assertThat(out).doesNotContain("\u009b").doesNotContain("\u202e").doesNotContain("\u2066")
                .doesNotContain("\u007f");
        assertThat(out.toLowerCase()).contains("\\u009b").contains("\\u202e").contains("\\u2066").contains("\\u007f");
    }

    @Test
    void theStreamingGeneratorEscapesTheSame() throws Exception {
        StringWriter w = new StringWriter();
        try (var g = Json.generator(w)) {
            g.writeStartObject();
            g.writeStringField("name", "x\u0085y\u2069");
            g.writeEndObject();
        }
        assertThat(w.toString()).doesNotContain("\u0085").doesNotContain("\u2069");
        assertThat(w.toString().toLowerCase()).contains("\\u0085").contains("\\u2069");
    }
}
