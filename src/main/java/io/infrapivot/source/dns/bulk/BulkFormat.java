package io.infrapivot.source.dns.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.infrapivot.model.Safe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.xbill.DNS.Type;

/**
 * Writes bulk results as they come: JSON Lines ({@code {"name":..,"type":"A","status":"answer",
 * "answers":[..],"cnames":[..]}}, the documented schema) or one escaped text line each.
 */
public final class BulkFormat implements AutoCloseable {
    private final Writer out;
    private final JsonGenerator json;

    private BulkFormat(Writer out, JsonGenerator json) {
        this.out = out;
        this.json = json;
        if (json != null) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setRootValueSeparator(null);
        }
    }

    /** JSON Lines with a plain generator (the bench); the CLI passes its own, which escapes like the terminal. */
    public static BulkFormat jsonLines(Writer out) {
        try {
            return new BulkFormat(out, new JsonFactory().createGenerator(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON Lines through {@code json}, a generator writing to {@code out}. */
    public static BulkFormat jsonLines(JsonGenerator json, Writer out) {
        return new BulkFormat(out, json);
    }

    public static BulkFormat text(Writer out) {
        return new BulkFormat(out, (JsonGenerator) null);
    }

    public void write(BulkResult r) {
        try {
            if (json != null) {
                json.writeStartObject();
                json.writeStringField("name", r.name());
                json.writeStringField("type", Type.string(r.type()));
                json.writeStringField("status", r.status().id());
                json.writeArrayFieldStart("answers");
                for (String a : r.answers()) json.writeString(a);
                json.writeEndArray();
                if (!r.cnames().isEmpty()) {
                    json.writeArrayFieldStart("cnames");
                    for (String c : r.cnames()) json.writeString(c);
                    json.writeEndArray();
                }
                if (r.error() != null) json.writeStringField("error", r.error());
                json.writeEndObject();
                json.flush();
                out.write('\n');
            } else {
                out.write(Safe.oneLine(r.name()));
                out.write(' ');
                out.write(Type.string(r.type()));
                out.write(' ');
                out.write(r.status().id());
                if (!r.cnames().isEmpty()) out.write(" cname=" + Safe.oneLine(String.join(">", r.cnames())));
                for (String a : r.answers()) {
                    out.write(' ');
                    out.write(Safe.oneLine(a));
                }
                if (r.error() != null) out.write(" (" + Safe.oneLine(r.error()) + ")");
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (json != null) json.close();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
