package io.infrapivot.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.infrapivot.source.dns.bulk.BulkFormat;
import io.infrapivot.source.dns.bulk.BulkResult;
import io.infrapivot.source.dns.bulk.BulkStatus;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a bulk resolution's answers go as they come, and what it counted: one escaped text line per answer,
 * or JSON Lines ({@code {name, type, status, answers, cnames, error}}, docs/dns.md) through a face's generator.
 */
public final class ResolveOutput implements AutoCloseable {
    private final BulkFormat format;
    private final long[] counts = new long[BulkStatus.values().length];

    private ResolveOutput(BulkFormat format) {
        this.format = format;
    }

    /** One text line per answer, attacker-controlled names and data escaped. */
    public static ResolveOutput text(Writer out) {
        return new ResolveOutput(BulkFormat.text(out));
    }

    /** JSON Lines through {@code json}, a generator writing to {@code out}. */
    public static ResolveOutput jsonLines(JsonGenerator json, Writer out) {
        return new ResolveOutput(BulkFormat.jsonLines(json, out));
    }

    void write(BulkResult r) {
        counts[r.status().ordinal()]++;
        format.write(r);
    }

    /** Answers so far by status id ({@code answer}, {@code nxdomain}, {@code timeout}…), only those seen, in a fixed order. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (BulkStatus s : BulkStatus.values()) {
            if (counts[s.ordinal()] > 0) out.put(s.id(), counts[s.ordinal()]);
        }
        return out;
    }

    /** Whether some question got no usable answer (timed out, failed, or was not a valid name). */
    public boolean failures() {
        return counts[BulkStatus.TIMEOUT.ordinal()] + counts[BulkStatus.ERROR.ordinal()]
                + counts[BulkStatus.INVALID.ordinal()] > 0;
    }

    @Override
    public void close() {
        format.close();
    }

    /** What one run did: questions asked, the time it took, and stray packets ignored. */
    public record Summary(long questions, long nanos, long mismatched) {
        public double perSecond() {
            return nanos == 0 ? 0 : questions * 1e9 / nanos;
        }
    }
}
