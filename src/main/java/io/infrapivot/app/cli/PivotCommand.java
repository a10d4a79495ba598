package io.infrapivot.app.cli;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Provenance;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot pivot SEED...}: a multi-hop investigation under a recipe and the noise rules. */
@Command(name = "pivot", mixinStandardHelpOptions = true,
        description = "Pivot from seeds hop by hop under a recipe, marking (not expanding) shared hosting, CDNs, sinkholes, parking, privacy services and popular names. Resumable: run it again to continue.")
final class PivotCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SEED", arity = "0..*", description = "Seed indicators, defanged or not.")
    List<String> texts;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read seeds one per line ('-' for stdin).")
    String file;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Force the seeds' type.")
    String type;

    @Option(names = "--recipe", paramLabel = "NAME|PATH", description = "Built-in recipe (infrapivot recipes) or a recipe file; default: chosen by the first seed's type.")
    String recipeName;

    @Option(names = "--depth", paramLabel = "N", description = "Hops (seeds are hop 0; --depth 1 is one round of lookups); default: the recipe's.")
    Integer depth;

    @Option(names = "--distributed", description = "Run the lookups on the team's workers (a shared PostgreSQL "
            + "--store); the pivot itself runs here (docs/team.md).")
    boolean distributed;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "5000", description = "Stop adding indicators past N (default ${DEFAULT-VALUE}).")
    int maxNodes;

    @Option(names = "--budget", split = ",", paramLabel = "SOURCE=N", description = "Request budget per source (e.g. virustotal=100,*=500).")
    Map<String, Integer> budget = new HashMap<>();

    @Option(names = "--time-budget", paramLabel = "DURATION", description = "No new request after this long (e.g. 10m).")
    String timeBudget;

    @Option(names = "--within", paramLabel = "DURATION|all", description = "Follow facts last seen within DURATION (e.g. 1500d), replacing the recipe's windows; 'all': any date.")
    String within;

    @Option(names = "--shared-threshold", paramLabel = "N", defaultValue = "" + NoiseRules.DEFAULT_SHARED_THRESHOLD, description = "Fan-out above which an IP or name server is shared hosting (default ${DEFAULT-VALUE}).")
    int sharedThreshold;

    @Option(names = "--no-filter", split = ",", paramLabel = "RULE", description = "Lift a noise rule: special-range, known-network, sinkhole, parking, shared-hosting, shared-registrant, popular, privacy.")
    List<String> noFilter = new ArrayList<>();

    @picocli.CommandLine.Mixin
    SourceFlags flags = new SourceFlags();

    @Option(names = "--json", description = "JSON Lines: observations and source status as they come, then nodes and a summary.")
    boolean json;

    @picocli.CommandLine.Mixin
    OutputFlags output = new OutputFlags();

    /** Seeds of one pivot at most (more is exit 2: a pivot is an investigation, not a bulk run). */
    static final int MAX_SEEDS = 10_000;

    @Option(names = "--top", paramLabel = "N", defaultValue = "15", description = "How many of the strongest ties to show (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = Main.context(spec);
        List<Indicator> seeds = new ArrayList<>();
        Map<String, java.nio.file.Path> namedFiles = new java.util.HashMap<>();
        Inputs.Reader in = Inputs.open(texts, file, ctx.terminal());
        try (in) {
            for (var p : Inputs.all(in, ctx.parser(), Inputs.type(type), MAX_SEEDS)) {
                seeds.add(p.indicator());
                NamedFiles.add(namedFiles, p);
            }
        } catch (CliException e) {
            in.summarise();
            throw e;
        }
        in.summarise();
        Recipe recipe;
        try {
            recipe = Recipe.load(recipeName != null ? recipeName : defaultRecipe(seeds.get(0)));
        } catch (IllegalArgumentException e) {
            String hint = recipeName != null && !Recipe.BUILT_IN.contains(recipeName) && !recipeName.contains("/")
                    && !recipeName.contains(".") ? Suggest.didYouMean(recipeName, Recipe.BUILT_IN) : "";
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage() + hint);
        }
        int hops = depth != null ? depth : recipe.depth();
        Counts.within("--depth", hops, 0, 10);
        Counts.atLeast("--max-nodes", maxNodes, 1);
        List<String> known = ctx.registry().ids();
        budget.forEach((source, n) -> {
            if (!known.contains(source)) { // a budget for a typo would limit nothing, unnoticed
                throw new CliException(ExitCodes.BAD_INPUT, "--budget: unknown source '" + source + "'"
                        + Suggest.didYouMean(source, known) + "; known sources: " + String.join(", ", known));
            }
            if (n == null || n < 0) {
                throw new CliException(ExitCodes.BAD_INPUT, "--budget " + source + "=" + n + ": a budget is 0 or more requests");
            }
        });
        Counts.atLeast("--top", top, 0);
        Counts.atLeast("--shared-threshold", sharedThreshold, 1);
        Duration limit = flags.timeout();
        Duration tb = timeBudget == null ? null : SourceFlags.positive(timeBudget, "--time-budget");
        Pivot.Window window = within == null ? Pivot.Window.RECIPE
                : within.trim().equalsIgnoreCase("all") || within.trim().equalsIgnoreCase("any") ? Pivot.Window.ANY
                : Pivot.Window.of(SourceFlags.positive(within, "--within"));
        NoiseRules noise;
        try {
            noise = NoiseRules.load(ctx.parser(), ctx.data().folder(), new LinkedHashSet<>(noFilter),
                    ctx.config());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        Selection selection = flags.selection();
        Pivot.Options options = new Pivot.Options(hops, maxNodes, tb, budget, sharedThreshold, selection,
                new RunOptions(flags.resolvers, flags.active, null, null, Pivot.resultCap(sharedThreshold))
                        .withNamedFiles(namedFiles), limit,
                flags.refresh, window);
        Terminal t = output.terminal(ctx.terminal());
        try (var remote = distributed ? DistributedLookup.remote(ctx, ctx.caseName(flags.caseName), budget) : null;
             SourceFlags.Run session = flags.open(ctx, Pivot.sessionOptions(options), remote)) {
            CaseStore store = session.store();
            Engine engine = session.engine();
            Pivot pivot = new Pivot(engine, store, noise, ctx.clock());
            Pivot.Result result;
            OutputGate gate = new OutputGate(t); // after Ctrl-C, a late outcome is not printed into the summary
            try (ProgressLine progress = flags.progress(t, session.session(), output.quiet)) {
                result = pivot.run(session.session(), seeds, recipe, options, new Pivot.Listener() {
                    @Override
                    public void outcome(SourceOutcome o) {
                        if (json && !output.quiet) {
                            gate.print(() -> {
                                o.facts().forEach(f -> Json.line(t.out(), Json.fact(f)));
                                Json.line(t.out(), Json.status(o));
                            });
                        }
                    }
                });
            }
            List<Provenance.Ranked> ranking = new Provenance(store).ranking().stream()
                    .filter(r -> result.nodes().containsKey(r.indicator())).limit(top).toList();
            gate.closeThen(() -> {
                if (output.quiet) {
                    for (Pivot.Node n : result.nodes().values()) if (!n.seed()) output.value(t, n.indicator().value());
                } else if (json) printJson(t, result, recipe, ranking);
                else printSummary(t, seeds, recipe, hops, result, ranking);
                t.out().flush();
            });
            Integer stopped = session.interrupted(t, result.outcomes());
            if (stopped != null) return stopped;
            return in.exit(result.outcomes().stream().anyMatch(o -> o.outcome() == Outcome.ERROR) ? ExitCodes.PARTIAL
                    : ExitCodes.OK);
        }
    }

    /** Marked indicators listed per rule in the summary before the rest is counted. */
    static final int MARKS_SHOWN = 5;

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String defaultRecipe(Indicator seed) {
        return switch (seed.type()) {
            case IP, CIDR, ASN -> "ip";
            case EMAIL, ORG, PERSON, PHONE -> "email";
            case FILE, HASH -> "file";
            case DOMAIN, HOST, URL -> "domain";
            default -> "quick";
        };
    }

    private static void printSummary(Terminal t, List<Indicator> seeds, Recipe recipe, int hops, Pivot.Result r,
                                     List<Provenance.Ranked> ranking) {
        t.println(t.bold("pivot") + " from " + Terminal.v(String.join(", ", seeds.stream().map(Indicator::value).toList()))
                + " · recipe " + Terminal.v(recipe.name()) + " · depth " + hops + " · " + r.hopsRun() + " hops run");
        Map<String, Integer> byType = new TreeMap<>();
        r.nodes().keySet().forEach(i -> byType.merge(i.type().id(), 1, Integer::sum));
        t.println(t.bold("indicators") + " " + r.nodes().size() + ": " + String.join(", ",
                byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        if (!ranking.isEmpty()) {
            t.println(t.bold("strongest ties to the seeds"));
            int n = 1;
            for (Provenance.Ranked x : ranking) {
                t.println(String.format("  %2d. %-40s %5.1f  %s", n++, Terminal.v(x.indicator().value()) + " ("
                        + x.indicator().type().id() + ")", x.score(), Terminal.v(String.join("; ", x.reasons()))));
            }
        }
        Map<String, List<Pivot.Node>> marks = Pivot.marksByRule(r);
        if (!marks.isEmpty()) {
            t.println(t.bold("marked") + t.dim(" (recorded; not expanded unless said)"));
            marks.forEach((rule, nodes) -> {
                // a rule that marked many shows a few and a count (all are in --json and `why`)
                int shown = nodes.size() > MARKS_SHOWN + 1 ? MARKS_SHOWN : nodes.size();
                for (Pivot.Node n : nodes.subList(0, shown)) {
                    t.println("  " + Report.pad(rule, 18) + Report.pad(Terminal.v(n.indicator().value()), 28)
                            + Terminal.v(n.mark().reason()) + (n.mark().expand() ? t.dim(" (expanded)") : ""));
                }
                if (shown < nodes.size()) {
                    t.println("  " + Report.pad(rule, 18) + t.dim("… and " + (nodes.size() - shown) + " more"));
                }
            });
        }
        t.println(t.bold("sources"));
        Map<String, Map<String, Integer>> perSource = new TreeMap<>();
        Map<String, String> lastError = new HashMap<>();
        for (SourceOutcome o : r.outcomes()) {
            perSource.computeIfAbsent(o.source(), k -> new TreeMap<>())
                    .merge(o.cached() ? "cached" : o.outcome().id(), 1, Integer::sum);
            if (o.outcome() == Outcome.ERROR || (o.outcome() == Outcome.SKIPPED && o.message() != null)) {
                lastError.put(o.source(), o.message());
            }
        }
        perSource.forEach((src, counts) -> {
            String line = "  " + Report.pad(src, 14) + String.join(", ",
                    counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())
                    + ", requests " + r.requests().getOrDefault(src, 0);
            if (lastError.containsKey(src)) line += t.dim("  last: " + Terminal.v(lastError.get(src)));
            t.println(line);
        });
        t.println(t.bold("stopped") + " " + Terminal.v(String.join("; ", r.stopReasons())) + t.dim(" · "
                + r.outcomes().size() + " lookups in " + seconds(r.elapsed())));
        if (!r.unfollowed().isEmpty()) {
            t.println(t.bold("left unfollowed"));
            for (Pivot.Left x : r.unfollowed()) {
                t.println("  " + Report.pad(String.valueOf(x.count()), 6) + Report.pad(x.reason().id(), 16)
                        + because(x, r) + t.dim(" · " + hint(x)));
            }
        }
    }

    /** Why {@code x} was left, in words. */
    static String because(Pivot.Left x, Pivot.Result r) {
        return switch (x.reason()) {
            case OUTSIDE_WINDOW -> "last seen before the window"
                    + (x.newestSeen() == null ? "" : " (newest " + x.newestSeen().toString().substring(0, 10) + ")");
            case MARKED -> "hang from a marked indicator (shared hosting, bulk registrant)";
            case NODE_BUDGET -> "the node budget was full";
            case REFUSED -> "indicators not looked up: a budget, rate limit or Ctrl-C refused the lookup";
        };
    }

    /** How to include what {@code x} left out. */
    static String hint(Pivot.Left x) {
        return switch (x.reason()) {
            case OUTSIDE_WINDOW -> "include with --within " + (x.newestSeen() == null ? "all"
                    : Math.max(1, Duration.between(x.newestSeen(), java.time.Instant.now()).toDays() + 1) + "d")
                    + " (or --within all)";
            case MARKED -> "include with --no-filter RULE or a higher --shared-threshold";
            case NODE_BUDGET -> "include with a higher --max-nodes";
            case REFUSED -> "raise --budget/--time-budget, or run again to continue";
        };
    }

    private static void printJson(Terminal t, Pivot.Result r, Recipe recipe, List<Provenance.Ranked> ranking) {
        for (Pivot.Node n : r.nodes().values()) {
            var o = Json.object();
            o.put("kind", "node");
            o.set("indicator", Json.indicator(n.indicator()));
            o.put("hop", n.hop());
            o.put("seed", n.seed());
            o.set("from", n.from() == null ? null : Json.indicator(n.from()));
            o.put("via", n.via() == null ? null : n.via().relation().id());
            o.put("expanded", n.expanded());
            if (n.mark() != null) {
                var m = o.putObject("mark");
                m.put("rule", n.mark().rule());
                m.put("reason", n.mark().reason());
                m.put("expanded", n.mark().expand());
                if (n.mark().count() != null) m.put("count", n.mark().count());
            } else o.putNull("mark");
            Json.line(t.out(), o);
        }
        var s = Json.object();
        s.put("kind", "summary");
        s.put("recipe", recipe.name());
        s.put("hops_run", r.hopsRun());
        s.put("indicators", r.nodes().size());
        s.put("lookups", r.outcomes().size());
        s.put("elapsed_ms", r.elapsed().toMillis());
        s.set("stop_reasons", Json.MAPPER.valueToTree(r.stopReasons()));
        s.set("requests", Json.MAPPER.valueToTree(r.requests()));
        var left = s.putArray("unfollowed");
        for (Pivot.Left x : r.unfollowed()) {
            var o = left.addObject();
            o.put("reason", x.reason().id());
            o.put("count", x.count());
            if (x.newestSeen() != null) o.put("newest_seen", x.newestSeen().toString());
            o.put("because", because(x, r));
            o.put("hint", hint(x));
        }
        var rank = s.putArray("ranking");
        for (Provenance.Ranked x : ranking) {
            var o = rank.addObject();
            o.set("indicator", Json.indicator(x.indicator()));
            o.put("score", x.score());
            o.set("reasons", Json.MAPPER.valueToTree(x.reasons()));
        }
        Json.line(t.out(), s);
    }
}
