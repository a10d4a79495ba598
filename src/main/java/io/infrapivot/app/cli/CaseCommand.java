package io.infrapivot.app.cli;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot case list|show|delete}. */
@Command(name = "case", mixinStandardHelpOptions = true, description = "List, show and delete cases.",
        subcommands = {CaseCommand.ListCases.class, CaseCommand.Show.class, CaseCommand.Delete.class,
                CaseCopyCommand.class})
final class CaseCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Override
    public Integer call() {
        throw new CliException(ExitCodes.BAD_INPUT, "say what to do: infrapivot case list | show NAME | delete NAME | copy NAME --to/--from STORE");
    }

    /** Opens (creating) a case, turning store failures into one-line errors. */
    static CaseStore open(AppContext ctx, String name) {
        return open(ctx.cases(), name);
    }

    /** Opens (creating) a case of {@code cases}, turning store failures into one-line errors. */
    static CaseStore open(io.infrapivot.engine.port.CaseRepository cases, String name) {
        try {
            return cases.open(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot open case '" + name + "': " + firstLine(e));
        }
    }

    /** The first line of a store failure's message (SQLite's carry a second line of dashes and detail). */
    private static String firstLine(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return io.infrapivot.engine.data.FailureReason.of(e);
        int cut = m.indexOf('\n');
        return (cut < 0 ? m : m.substring(0, cut)).strip();
    }

    /** Opens an existing case; a missing one is NOT_FOUND. */
    static CaseStore openExisting(AppContext ctx, String name) {
        return openExisting(ctx.cases(), name);
    }

    /** Opens an existing case of {@code cases}; a missing one is NOT_FOUND. */
    static CaseStore openExisting(io.infrapivot.engine.port.CaseRepository cases, String name) {
        try {
            return cases.openExisting(name);
        } catch (NoSuchElementException e) {
            throw new CliException(ExitCodes.NOT_FOUND, "no case '" + name + "' in " + cases.location());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot open case '" + name + "': " + firstLine(e));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cases.")
    static final class ListCases implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per case.")
        boolean json;

        @Override
        public Integer call() {
            AppContext ctx = Main.context(spec);
            Terminal t = ctx.terminal();
            List<CaseInfo> cases = ctx.cases().list();
            if (!json && cases.isEmpty()) t.println("no cases in " + Terminal.v(ctx.cases().location()));
            for (CaseInfo c : cases) {
                if (json) Json.line(t.out(), Json.MAPPER.valueToTree(c));
                else t.println(Report.pad(Terminal.v(c.name()), 24) + c.indicators() + " indicators, " + c.observations()
                        + " observations, " + c.lookups() + " lookups"
                        + (c.lastActivity() != null ? ", last " + c.lastActivity() : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a case: seeds, counts, indicators by type.")
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "Case name or path (default: the default case).")
        String name;

        @Option(names = "--json", description = "JSON: the case info, seeds and indicators.")
        boolean json;

        @Override
        public Integer call() {
            AppContext ctx = Main.context(spec);
            Terminal t = ctx.terminal();
            try (CaseStore store = openExisting(ctx, ctx.caseName(name))) {
                CaseInfo info = store.info();
                List<Indicator> seeds = store.seeds();
                List<Indicator> all = store.indicators();
                if (json) {
                    var o = Json.object();
                    o.set("case", Json.MAPPER.valueToTree(info));
                    var s = o.putArray("seeds");
                    seeds.forEach(i -> s.add(Json.indicator(i)));
                    var a = o.putArray("indicators");
                    all.forEach(i -> a.add(Json.indicator(i)));
                    Json.line(t.out(), o);
                    return ExitCodes.OK;
                }
                t.println(t.bold("case " + Terminal.v(info.name())) + "  " + Terminal.v(info.location()));
                t.println("created " + info.created() + (info.lastActivity() != null ? ", last activity " + info.lastActivity() : ""));
                t.println(info.indicators() + " indicators, " + info.observations() + " observations, " + info.lookups()
                        + " lookups, " + info.evidence() + " raw answers");
                t.println(t.bold("seeds"));
                seeds.forEach(i -> t.println("  " + i.type().id() + "  " + Terminal.v(i.value())));
                Map<String, Integer> byType = new TreeMap<>();
                all.forEach(i -> byType.merge(i.type().id(), 1, Integer::sum));
                t.println(t.bold("indicators by type"));
                byType.forEach((k, v) -> t.println("  " + Report.pad(k, 14) + v));
                List<StoredObservation> obs = store.observations();
                Map<String, Integer> byRel = new TreeMap<>();
                obs.forEach(o -> byRel.merge(o.relation().id(), 1, Integer::sum));
                t.println(t.bold("observations by relation"));
                byRel.forEach((k, v) -> t.println("  " + Report.pad(k, 20) + v));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a case and everything in it (only a case file; asks first on a terminal).")
    static final class Delete implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Case name or path.")
        String name;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation on a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            AppContext ctx = Main.context(spec);
            if (!yes && Inputs.stdinIsTerminal() && System.console() != null) {
                String answer = System.console().readLine("delete case '%s' and everything in it? [y/N] ",
                        Terminal.v(name));
                if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
                    ctx.terminal().error("not deleted");
                    return ExitCodes.OK;
                }
            }
            boolean deleted;
            try {
                deleted = ctx.cases().delete(name);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
            } catch (io.infrapivot.store.SqliteCaseRepository.CaseInUseException e) {
                throw new CliException(ExitCodes.ENVIRONMENT, e.getMessage());
            }
            if (!deleted) throw new CliException(ExitCodes.NOT_FOUND, "no case '" + name + "' in " + ctx.cases().location());
            ctx.terminal().println("deleted case " + Terminal.v(name));
            return ExitCodes.OK;
        }
    }
}
