package io.infrapivot.app.cli;

import io.infrapivot.engine.pivot.Provenance;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot why INDICATOR}: the paths from a seed to it, each hop with relation, sources and dates. */
@Command(name = "why", mixinStandardHelpOptions = true, description = "Why an indicator is in the case: each shortest path from a seed, hop by hop.")
final class WhyCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "INDICATOR", description = "The indicator.")
    String text;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Force the type.")
    String type;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to read.")
    String caseName;

    @Option(names = "--max", paramLabel = "N", defaultValue = "5", description = "At most N paths (default ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--json", description = "One JSON object per path.")
    boolean json;

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        Counts.atLeast("--max", max, 1);
        Indicator target = HistoryCommand.parseOne(ctx, text, type);
        try (CaseStore store = CaseCommand.openExisting(ctx, ctx.caseName(caseName))) {
            Provenance p = new Provenance(store);
            List<List<Provenance.Hop>> paths = p.paths(target, max);
            if (paths.isEmpty()) {
                throw new CliException(ExitCodes.NOT_FOUND, target.key() + " is not reachable from the case's seeds");
            }
            int n = 1;
            for (List<Provenance.Hop> path : paths) {
                if (json) {
                    var o = Json.object();
                    o.put("kind", "path");
                    o.set("indicator", Json.indicator(target));
                    var hops = o.putArray("hops");
                    for (Provenance.Hop h : path) {
                        var ho = hops.addObject();
                        ho.set("from", Json.indicator(h.from()));
                        ho.set("to", Json.indicator(h.to()));
                        ho.set("fact", Json.fact(h.fact()));
                    }
                    Json.line(t.out(), o);
                    continue;
                }
                if (path.isEmpty()) {
                    t.println(Terminal.v(target.value()) + " is a seed of the case");
                    continue;
                }
                t.println(t.bold("path " + n++) + " (" + path.size() + (path.size() == 1 ? " hop)" : " hops)"));
                t.println("  " + Terminal.v(path.get(0).from().value()) + t.dim(" (seed)"));
                for (Provenance.Hop h : path) {
                    String dir = h.fact().subject().equals(h.from()) ? "—" + h.fact().relation().id() + "→"
                            : "←" + h.fact().relation().id() + "—";
                    t.printlnFolded("    " + dir + " " + Terminal.v(h.to().value()) + " (" + h.to().type().id() + ")  "
                            + t.dim(Report.provenance(h.fact())) + (p.isNoise(h.to()) ? t.yellow(" marked") : ""), 6);
                }
            }
        }
        return ExitCodes.OK;
    }
}
