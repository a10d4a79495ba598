package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One indicator of an export with what the facts about it add up to: the span they were seen and learned,
 * the sources that reported them, how many facts name it, its noise marks, and (for STIX's
 * {@code resolves_to_refs}/{@code belongs_to_refs}) the few links it carries. Held for every indicator of
 * the case while an export runs, so it is kept small: no fact values, evidence ids capped.
 */
public final class Node {
    /** At most this many evidence ids are kept per indicator (its attributes' raw answers). */
    static final int MAX_EVIDENCE = 20;
    private static final String[] NO_SOURCES = new String[0];


    final int index;
    final Indicator indicator;
    boolean seed;
    boolean included;
    // times as epoch milliseconds (NONE: unknown): a long costs 8 bytes, an Instant 24 more — this is per indicator
    private static final long NONE = Long.MIN_VALUE;
    private long firstSeen = NONE;
    private long lastSeen = NONE;
    private long firstLearned = NONE;
    private long lastLearned = NONE;
    private long spanStart = NONE;
    private long spanEnd = NONE;
    private String[] sources = NO_SOURCES;
    int facts;
    /** Marks from the pivot's noise rules: {rule, reason, expanded}. */
    List<Mark> marks;
    Double rank;
    private long[] evidence;
    private int evidenceCount;
    /** Bit per {@link io.infrapivot.model.Relation} ordinal of the links that end at this indicator. */
    long relationsIn;
    Node[] resolvesTo;
    Node[] belongsTo;

    /** A noise mark the pivot recorded. */
    public record Mark(String rule, String reason, boolean expanded) {}

    Node(int index, Indicator indicator) {
        this.index = index;
        this.indicator = indicator;
    }

    public int index() {
        return index;
    }

    public Indicator indicator() {
        return indicator;
    }

    public boolean seed() {
        return seed;
    }

    public Instant firstSeen() {
        return instant(firstSeen);
    }

    public Instant lastSeen() {
        return instant(lastSeen);
    }

    public Instant firstLearned() {
        return instant(firstLearned);
    }

    public Instant lastLearned() {
        return instant(lastLearned);
    }

    private static Instant instant(long ms) {
        return ms == NONE ? null : Instant.ofEpochMilli(ms);
    }

    private static long min(long have, Instant i) {
        if (i == null) return have;
        long v = i.toEpochMilli();
        return have == NONE || v < have ? v : have;
    }

    private static long max(long have, Instant i) {
        if (i == null) return have;
        long v = i.toEpochMilli();
        return have == NONE || v > have ? v : have;
    }

    /**
     * When the indicator appears on a timeline: the earliest window of its facts' sightings (each sighting's
     * first seen, else when it was learned). Covers every {@link ExportFact#spans() span} of its facts.
     */
    public Instant start() {
        return instant(spanStart);
    }

    /** The end of the latest window of its facts' sightings (last seen, else the window's start). */
    public Instant end() {
        return instant(spanEnd);
    }

    public List<String> sources() {
        return List.of(sources);
    }

    /** How many facts (links and attributes, after the filters) name it. */
    public int facts() {
        return facts;
    }

    public List<Mark> marks() {
        return marks == null ? List.of() : List.copyOf(marks);
    }

    /** Marked by a noise rule that stops expansion (shared hosting, CDN, sinkhole, parking …). */
    public boolean marked() {
        return marks != null && marks.stream().anyMatch(m -> !m.expanded());
    }

    /** The ranking score (when a ranking was computed and the indicator is ranked), else null. */
    public Double rank() {
        return rank;
    }

    public List<Long> evidence() {
        if (evidence == null) return List.of();
        List<Long> out = new ArrayList<>(evidenceCount);
        for (int i = 0; i < evidenceCount; i++) out.add(evidence[i]);
        return out;
    }

    void mark(JsonNode value) {
        if (marks == null) marks = new ArrayList<>(1);
        String rule = value == null ? "noise" : value.path("rule").asText("noise");
        String reason = value == null ? "" : value.path("reason").asText("");
        boolean expanded = value != null && value.path("expanded").asBoolean(false);
        Mark m = new Mark(rule, reason, expanded);
        if (!marks.contains(m)) marks.add(m);
    }

    /**
     * Adds one fact naming this indicator. {@code single} holds the export's shared one-element source arrays
     * (never written to: a second source copies the array first).
     */
    void touch(StoredObservation o, boolean attribute, java.util.Map<String, String[]> single) {
        facts++;
        firstSeen = min(firstSeen, o.firstSeen());
        lastSeen = max(lastSeen, o.lastSeen());
        firstLearned = min(firstLearned, o.firstLearned());
        lastLearned = max(lastLearned, o.lastLearned());
        for (Sighting s : o.sightings()) {
            ExportFact.Span w = ExportFact.window(s);
            if (w != null) {
                spanStart = min(spanStart, w.start());
                spanEnd = max(spanEnd, w.end());
            }
            addSource(s.source(), single);
            if (attribute && s.evidenceId() != null) addEvidence(s.evidenceId());
        }
    }

    private void addSource(String s, java.util.Map<String, String[]> single) {
        for (String have : sources) if (have.equals(s)) return;
        if (sources.length == 0) {
            // most indicators have one source: they share one array per source id instead of one each
            sources = single.computeIfAbsent(s, k -> new String[] {k});
            return;
        }
        String[] next = Arrays.copyOf(sources, sources.length + 1);
        next[sources.length] = single.computeIfAbsent(s, k -> new String[] {k})[0]; // one copy of each id
        sources = next;
    }

    private void addEvidence(long id) {
        if (evidence == null) evidence = new long[4];
        for (int i = 0; i < evidenceCount; i++) if (evidence[i] == id) return;
        if (evidenceCount >= MAX_EVIDENCE) return;
        if (evidenceCount == evidence.length) evidence = Arrays.copyOf(evidence, evidence.length * 2);
        evidence[evidenceCount++] = id;
    }

    static Node[] addRef(Node[] refs, Node target) {
        if (refs == null) return new Node[] {target};
        for (Node r : refs) if (r == target) return refs;
        Node[] next = Arrays.copyOf(refs, refs.length + 1);
        next[refs.length] = target;
        return next;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.index == index && Objects.equals(n.indicator, indicator);
    }

    @Override
    public int hashCode() {
        return index;
    }

    @Override
    public String toString() {
        return indicator.key();
    }
}
