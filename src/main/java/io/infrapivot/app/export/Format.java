package io.infrapivot.app.export;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The export formats (docs/export.md). */
public enum Format {
    JSONL("jsonl", JsonlWriter::new),
    CSV("csv", CsvWriter::new),
    GRAPHML("graphml", GraphmlWriter::new),
    GEXF("gexf", GexfWriter::new),
    STIX21("stix21", StixWriter::new),
    MISP("misp", MispWriter::new),
    MTGX("mtgx", MtgxWriter::new),
    MD("md", out -> new ReportWriter(out, false)),
    HTML("html", out -> new ReportWriter(out, true));

    private final String id;
    private final Function<OutputStream, GraphWriter> factory;

    Format(String id, Function<OutputStream, GraphWriter> factory) {
        this.id = id;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** A writer of this format onto {@code out} (which the caller closes). */
    public GraphWriter writer(OutputStream out) {
        return factory.apply(out);
    }

    /** Whether the format is binary (a zip) and must not go to a terminal. */
    public boolean binary() {
        return this == MTGX;
    }

    /** Whether the format needs the ranking (the reports: strongest ties). */
    boolean needsRanking() {
        return this == MD || this == HTML;
    }

    public static Optional<Format> fromId(String id) {
        if (id == null) return Optional.empty();
        String norm = id.trim().toLowerCase(Locale.ROOT);
        if (norm.equals("stix") || norm.equals("stix2") || norm.equals("stix2.1")) norm = "stix21";
        if (norm.equals("markdown")) norm = "md";
        String n = norm;
        return Arrays.stream(values()).filter(f -> f.id.equals(n)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", "));
    }
}
