package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an imported file holds once its indicators went through the parser: indicators, links, attributes. */
public final class ImportedGraph {
    /** A link read from the file. */
    public record Link(Indicator subject, Relation relation, Indicator object, Instant firstSeen, Instant lastSeen,
                       Long count) {}

    /** An attribute read from the file (jsonl and csv exports of infrapivot carry them). */
    public record Attribute(Indicator subject, Relation relation, JsonNode value, Instant firstSeen, Instant lastSeen) {}

    final String format;
    final Set<Indicator> indicators = new LinkedHashSet<>();
    final List<Link> links = new ArrayList<>();
    final List<Attribute> attributes = new ArrayList<>();
    /** Entries the file names as indicators that the parser rejected, with the first few reasons. */
    int rejected;
    final List<String> reasons = new ArrayList<>();

    ImportedGraph(String format) {
        this.format = format;
    }

    public String format() {
        return format;
    }

    public Set<Indicator> indicators() {
        return Set.copyOf(indicators);
    }

    public List<Link> links() {
        return List.copyOf(links);
    }

    public List<Attribute> attributes() {
        return List.copyOf(attributes);
    }

    public int rejected() {
        return rejected;
    }

    public List<String> reasons() {
        return List.copyOf(reasons);
    }

    void reject(String reason) {
        rejected++;
        if (reasons.size() < 5) reasons.add(reason);
    }

    void link(Indicator s, Relation r, Indicator o, Instant first, Instant last, Long count) {
        if (s == null || o == null || r == null || s.equals(o)) return;
        indicators.add(s);
        indicators.add(o);
        links.add(new Link(s, r, o, first, last, count));
    }
}
