package io.infrapivot.app.export;

import io.infrapivot.engine.pivot.Provenance;
import io.infrapivot.engine.port.LookupRecord;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.registration.RegistrationSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code md} and {@code html}: a report an analyst attaches to a ticket — seeds, the strongest ties with
 * their {@code why} paths, registration summaries, a timeline, marks, the sources consulted and their errors,
 * and the evidence index. Holds the export's kept indicators and facts (a report is read by a person, so
 * the case it describes is of a size a person reads); long lists are cut with a note.
 */
final class ReportWriter implements GraphWriter {
    static final int MAX_ROWS = 200;
    static final int MAX_TIES = 25;

    private final OutputStream out;
    private final boolean html;
    private ExportHeader header;
    private final List<Node> nodes = new ArrayList<>();
    private final List<ExportFact> registrations = new ArrayList<>();
    private final TreeSet<Long> evidence = new TreeSet<>();
    private long links;
    private long attributes;

    ReportWriter(OutputStream out, boolean html) {
        this.out = out;
        this.html = html;
    }

    @Override
    public void begin(ExportHeader h) {
        header = h;
    }

    @Override
    public void node(Node n) {
        nodes.add(n);
    }

    @Override
    public void fact(ExportFact f) {
        if (f.isLink()) links++;
        else attributes++;
        if (f.relation() == Relation.REGISTRATION) registrations.add(f);
        evidence.addAll(f.evidence());
    }

    @Override
    public void end() throws IOException {
        Doc d = new Doc("infrapivot report: case " + header.info().name());
        d.para("Exported " + header.exportedAt() + ". " + nodes.size() + " indicators, " + links + " links, "
                + attributes + " attributes" + filters() + ".");
        seeds(d);
        ties(d);
        registrations(d);
        timeline(d);
        marks(d);
        sources(d);
        evidenceIndex(d);
        out.write((html ? d.html() : d.markdown()).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String filters() {
        ExportOptions o = header.options();
        List<String> f = new ArrayList<>();
        if (o.from() != null) f.add("from " + o.from().value() + " within " + o.depth() + " hops");
        if (o.excludeMarked()) f.add("marked indicators left out");
        if (!o.types().isEmpty()) f.add("types " + o.types());
        if (!o.sources().isEmpty()) f.add("sources " + o.sources());
        if (o.since() != null) f.add("last seen since " + o.since());
        if (o.until() != null) f.add("last seen until " + o.until());
        if (o.minRank() != null) f.add("rank at least " + o.minRank());
        return f.isEmpty() ? "" : " (" + String.join("; ", f) + ")";
    }

    private void seeds(Doc d) {
        d.heading(2, "Seeds");
        if (header.seeds().isEmpty()) d.para("The case has no seeds.");
        else d.items(header.seeds().stream().map(s -> s.value() + " (" + s.type().id() + ")").toList());
    }

    private void ties(Doc d) {
        d.heading(2, "Strongest ties");
        List<Node> ranked = nodes.stream().filter(n -> n.rank() != null && !n.seed())
                .sorted(Comparator.comparingDouble((Node n) -> n.rank()).reversed()
                        .thenComparing(n -> n.indicator().key()))
                .limit(MAX_TIES).toList();
        if (ranked.isEmpty()) {
            d.para("Nothing is tied to the seeds.");
            return;
        }
        Provenance p = new Provenance(header.store());
        List<List<String>> rows = new ArrayList<>();
        for (Node n : ranked) {
            List<List<Provenance.Hop>> paths = p.paths(n.indicator(), 1);
            rows.add(List.of(n.indicator().value(), n.indicator().type().id(), String.valueOf(n.rank()),
                    paths.isEmpty() ? "" : path(paths.get(0))));
        }
        d.table(List.of("indicator", "type", "score", "why (a shortest path from a seed)"), rows);
    }

    static String path(List<Provenance.Hop> path) {
        if (path.isEmpty()) return "seed";
        StringBuilder b = new StringBuilder(path.get(0).from().value());
        for (Provenance.Hop h : path) {
            boolean forward = h.fact().subject().equals(h.from());
            b.append(forward ? " —" + h.fact().relation().id() + "→ " : " ←" + h.fact().relation().id() + "— ")
                    .append(h.to().value());
        }
        return b.toString();
    }

    private void registrations(Doc d) {
        d.heading(2, "Registration");
        if (registrations.isEmpty()) {
            d.para("No registration records.");
            return;
        }
        Instant now = header.exportedAt();
        List<List<String>> rows = new ArrayList<>();
        for (ExportFact f : registrations.subList(0, Math.min(MAX_ROWS, registrations.size()))) {
            rows.add(List.of(f.subject().indicator().value(), String.join(", ", f.sources()),
                    String.join("; ", RegistrationSummary.lines(f.value(), now))));
        }
        d.table(List.of("indicator", "sources", "summary"), rows);
        cut(d, registrations.size());
    }

    private void timeline(Doc d) {
        d.heading(2, "Timeline");
        List<Node> dated = nodes.stream().filter(n -> n.start() != null)
                .sorted(Comparator.comparing(Node::start).thenComparing(n -> n.indicator().key())).toList();
        List<List<String>> rows = new ArrayList<>();
        for (Node n : dated.subList(0, Math.min(MAX_ROWS, dated.size()))) {
            rows.add(List.of(day(n.start()), day(n.end()), n.indicator().value(), n.indicator().type().id(),
                    n.firstSeen() == null ? "learned" : "seen", String.join(", ", n.sources())));
        }
        d.table(List.of("from", "to", "indicator", "type", "dates", "sources"), rows);
        cut(d, dated.size());
    }

    private void marks(Doc d) {
        d.heading(2, "Marks");
        List<List<String>> rows = new ArrayList<>();
        for (Node n : nodes) {
            for (Node.Mark m : n.marks()) {
                rows.add(List.of(n.indicator().value(), m.rule(), m.reason(), m.expanded() ? "expanded" : "not expanded"));
            }
        }
        if (rows.isEmpty()) d.para("No indicator is marked.");
        else d.table(List.of("indicator", "rule", "reason", "pivot"), rows.subList(0, Math.min(MAX_ROWS, rows.size())));
        cut(d, rows.size());
    }

    private void sources(Doc d) {
        d.heading(2, "Sources consulted");
        List<LookupRecord> lookups = header.store().lookups();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (LookupRecord l : lookups) {
            int[] c = counts.computeIfAbsent(l.source(), k -> new int[3]);
            c[0]++;
            if (l.outcome() == Outcome.ERROR) {
                c[1]++;
                List<String> e = errors.computeIfAbsent(l.source(), k -> new ArrayList<>());
                String msg = l.indicator().value() + ": " + (l.message() == null ? "error" : l.message());
                if (e.size() < 5 && !e.contains(msg)) e.add(msg);
            }
            c[2] += l.observationCount();
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((s, c) -> rows.add(List.of(s, Integer.toString(c[0]), Integer.toString(c[2]),
                Integer.toString(c[1]), String.join(" | ", errors.getOrDefault(s, List.of())))));
        if (rows.isEmpty()) d.para("No lookups were made.");
        else d.table(List.of("source", "lookups", "facts", "errors", "error messages (first five)"), rows);
    }

    private void evidenceIndex(Doc d) {
        d.heading(2, "Evidence index");
        List<List<String>> rows = new ArrayList<>();
        for (Long id : evidence) {
            if (rows.size() >= MAX_ROWS) break;
            Optional<StoredEvidence> e = header.store().evidence(id);
            e.ifPresent(ev -> rows.add(List.of(Long.toString(ev.id()), ev.source(), ev.request() == null ? "" : ev.request(),
                    ev.status() == null ? "" : ev.status(), day(ev.started()), ev.sha256() == null ? "" : ev.sha256())));
        }
        if (rows.isEmpty()) d.para("No raw answers are kept for these facts.");
        else {
            d.para("Show one with: infrapivot evidence ID");
            d.table(List.of("id", "source", "request", "status", "received", "sha256"), rows);
        }
        cut(d, evidence.size());
    }

    private static void cut(Doc d, int total) {
        if (total > MAX_ROWS) d.para("… and " + (total - MAX_ROWS) + " more (the jsonl or csv export has them all).");
    }

    private static String day(Instant i) {
        return i == null ? "" : i.toString().substring(0, Math.min(10, i.toString().length()));
    }

    static String indicators(List<Indicator> list) {
        return list.stream().map(Indicator::value).collect(Collectors.joining(", "));
    }
}
