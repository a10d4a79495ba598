package io.infrapivot.app.cli;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SessionOptions;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.ParsedIndicator;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot lookup INDICATOR...}: one hop with every ready source, stored in the case. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Look indicators up with every ready source that accepts them (one hop); store and report.")
final class LookupCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "INDICATOR", arity = "0..*", description = "Indicators, defanged or not (none: read standard input).")
    List<String> texts;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read one indicator per line ('-' for stdin).")
    String file;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Force the indicator type.")
    String type;

    @Mixin
    SourceFlags flags = new SourceFlags();

    @Option(names = "--since", paramLabel = "DATE", description = "Only facts last seen on or after DATE (yyyy-mm-dd).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only facts last seen on or before DATE (yyyy-mm-dd).")
    String until;

    @Option(names = "--json", description = "JSON Lines: observations and per-source status (docs/json.md).")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show whole records.")
    boolean verbose;

    @Mixin
    OutputFlags output = new OutputFlags();

    @Option(names = "--distributed", description = "Queue the lookups for the team's workers (a shared PostgreSQL "
            + "--store) instead of running them here, and follow their progress (docs/team.md).")
    boolean distributed;

    /** Indicators looked up together; the input is read batch by batch, so memory does not grow with it. */
    static final int BATCH = 1000;
    private java.time.Duration verdictMaxAge = ReputationSection.DEFAULT_MAX_AGE;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = Main.context(spec);
        verdictMaxAge = ReputationSection.maxAge(ctx.config());
        var limit = flags.timeout();
        Instant from = date(since, "--since", false);
        Instant to = date(until, "--until", true);
        if (from != null && to != null && from.isAfter(to)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--since " + since + " is after --until " + until
                    + ": no fact could be shown");
        }
        Selection selection = flags.selection();
        RunOptions options = new RunOptions(flags.resolvers, flags.active, from, to, 1000);
        try (Inputs.Reader in = Inputs.open(texts, file, ctx.terminal())) {
            var it = Inputs.indicators(in, ctx.parser(), Inputs.type(type));
            Map<Indicator, String> indicators = batch(it);
            if (indicators.isEmpty()) {
                in.summarise();
                throw new CliException(ExitCodes.BAD_INPUT, "no indicator given");
            }
            Terminal t = output.terminal(ctx.terminal());
            int exit = ExitCodes.OK;
            try (SourceFlags.Run session = flags.open(ctx, SessionOptions.unlimited())) {
                for (; !indicators.isEmpty() && distributed; indicators = batch(it)) {
                    exit = Math.max(exit, DistributedLookup.run(ctx, session, ctx.caseName(flags.caseName),
                            indicators.keySet(), selection, flags.refresh, json, t));
                }
                for (; !indicators.isEmpty(); indicators = batch(it)) {
                    List<SourceOutcome> outcomes = lookup(session, t, indicators, selection,
                            options.withNamedFiles(namedFiles), limit);
                    Integer stopped = session.interrupted(t, outcomes);
                    if (stopped != null) return stopped;
                    if (outcomes.stream().anyMatch(o -> o.outcome() == Outcome.ERROR)) {
                        exit = Math.max(exit, ExitCodes.PARTIAL);
                    }
                }
            } finally {
                t.out().flush();
            }
            in.summarise();
            return in.exit(exit);
        }
    }

    private Map<Indicator, String> batch(java.util.Iterator<ParsedIndicator> it) {
        Map<Indicator, String> indicators = new LinkedHashMap<>();
        while (indicators.size() < BATCH && it.hasNext()) {
            ParsedIndicator p = it.next();
            indicators.put(p.indicator(), p.display());
            NamedFiles.add(namedFiles, p);
        }
        return indicators;
    }

    /** The local files named on the input so far (SHA-256 → path): the {@code file} source analyses these. */
    private final Map<String, java.nio.file.Path> namedFiles = new java.util.HashMap<>();

    /** One batch through the session: values (-q), JSON or each indicator's report block as its lookups end. */
    private List<SourceOutcome> lookup(SourceFlags.Run session, Terminal t, Map<Indicator, String> indicators,
                                       Selection selection, RunOptions options, java.time.Duration limit)
            throws InterruptedException {
        Engine engine = session.engine();
        session.store().addSeeds(indicators.keySet());
        // text: each indicator's block as soon as its last lookup ended, its sources in registry order
        Report report = new Report(t, verbose).hosting(engine.hostingNetworks());
        report.verdictMaxAge = verdictMaxAge;
        Map<Indicator, List<String>> order = new LinkedHashMap<>();
        for (Indicator i : indicators.keySet()) {
            order.put(i, engine.candidates(i, selection).stream().map(s -> s.info().id()).toList());
        }
        Map<Indicator, List<SourceOutcome>> ended = new java.util.HashMap<>();
        java.util.Set<Indicator> printed = new java.util.HashSet<>();
        // closed (under t's lock) once the lookup returned: an outcome that ends later (a lookup stopped by Ctrl-C
        // finishing its last write) is not printed into the blocks the main thread prints then
        OutputGate gate = new OutputGate(t);
        List<SourceOutcome> outcomes;
        try (ProgressLine progress = flags.progress(t, session.session(), output.quiet)) {
            outcomes = session.session().lookup(indicators.keySet(), selection, options, limit, flags.refresh, o -> {
                gate.print(() -> {
                    if (output.quiet) {
                        o.facts().forEach(f -> {
                            if (f.object() != null) output.value(t, f.object().value());
                        });
                        return;
                    }
                    if (json) {
                        o.facts().forEach(f -> Json.line(t.out(), Json.fact(f)));
                        Json.line(t.out(), Json.status(o));
                        return;
                    }
                    List<SourceOutcome> mine = ended.computeIfAbsent(o.indicator(), k -> new ArrayList<>());
                    mine.add(o);
                    if (mine.size() == order.get(o.indicator()).size()) {
                        List<String> ids = order.get(o.indicator());
                        mine.sort(java.util.Comparator.comparingInt(x -> ids.indexOf(x.source())));
                        printed.add(o.indicator());
                        progress.above(() -> report.print(o.indicator(), indicators.get(o.indicator()), mine));
                    }
                });
            });
        }
        gate.closeThen(() -> {
            if (!json && !output.quiet) {
                for (Map.Entry<Indicator, String> e : indicators.entrySet()) {
                    if (printed.contains(e.getKey())) continue; // no source for it, or stopped early: shown last
                    report.print(e.getKey(), e.getValue(),
                            outcomes.stream().filter(o -> o.indicator().equals(e.getKey())).toList());
                }
            }
        });
        return outcomes;
    }

    static Instant date(String text, String option, boolean endOfDay) {
        if (text == null) return null;
        try {
            if (text.length() == 10) {
                var d = java.time.LocalDate.parse(text);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        .minusMillis(endOfDay ? 1 : 0);
            }
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CliException(ExitCodes.BAD_INPUT, option + ": not a date: '" + text + "' (use yyyy-mm-dd)");
        }
    }
}
