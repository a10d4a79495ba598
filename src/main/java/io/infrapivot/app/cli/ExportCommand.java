package io.infrapivot.app.cli;

import io.infrapivot.app.export.ExportOptions;
import io.infrapivot.app.export.Exporter;
import io.infrapivot.app.export.Format;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot export --format F [-o FILE|-]}: the case (or a filtered part) in another tool's format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the case as jsonl, csv, graphml, gexf, stix21, misp, mtgx, md or html (docs/export.md).")
final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to export.")
    String caseName;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "F",
            description = "jsonl, csv, graphml, gexf, stix21, misp, mtgx, md, html.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "-",
            description = "Where to write: a new file (--force replaces one; default: standard output; mtgx needs a file).")
    String output;

    @Option(names = "--force", description = "With -o: replace an existing file.")
    boolean force;

    @Option(names = "--from", paramLabel = "SEED", description = "Only the subgraph reached from this indicator.")
    String from;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2",
            description = "Hops from --from (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--exclude-marked",
            description = "Drop indicators marked as shared hosting, CDN, sinkhole, parking, privacy service … and their links.")
    boolean excludeMarked;

    @Option(names = "--types", paramLabel = "T,T", split = ",", description = "Only these indicator types.")
    List<String> types = List.of();

    @Option(names = "--sources", paramLabel = "S,S", split = ",", description = "Only facts these sources reported.")
    List<String> sources = List.of();

    @Option(names = "--since", paramLabel = "DATE", description = "Only facts last seen on or after DATE.")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only facts last seen on or before DATE.")
    String until;

    @Option(names = "--min-rank", paramLabel = "SCORE", description = "Only indicators tied to the seeds at least this strongly (see 'pivot').")
    Double minRank;

    @Option(names = "--tlp", paramLabel = "LEVEL", defaultValue = "amber",
            description = "TLP marking of stix21 and misp output: clear, green, amber, amber+strict, red; white is "
                    + "clear (default ${DEFAULT-VALUE}).")
    String tlp;

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Format f = Format.fromId(format).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                "unknown format '" + format + "'; known: " + Format.ids()));
        Set<IndicatorType> typeSet = new LinkedHashSet<>();
        for (String t : types) {
            typeSet.add(IndicatorType.fromId(t).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                    "unknown indicator type '" + t + "'; known: "
                            + String.join(", ", Arrays.stream(IndicatorType.values()).map(IndicatorType::id).toList()))));
        }
        if (f.binary() && output.equals("-") && System.console() != null) {
            throw new CliException(ExitCodes.BAD_INPUT, "mtgx is a zip file: name it with -o FILE.mtgx");
        }
        if (!output.equals("-")) OutputFlags.checkTarget(Path.of(output), force); // before the case is read
        Indicator seed = from == null ? null : HistoryCommand.parseOne(ctx, from, null);
        ExportOptions options;
        try {
            options = new ExportOptions(seed, depth, excludeMarked, typeSet, new LinkedHashSet<>(sources),
                    LookupCommand.date(since, "--since", false), LookupCommand.date(until, "--until", true), minRank,
                    tlp.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        try (CaseStore store = CaseCommand.openExisting(ctx, ctx.caseName(caseName))) {
            Exporter.Result r = output.equals("-") ? toStdout(store, options, f, ctx) : toFile(store, options, f);
            if (!output.equals("-")) {
                ctx.terminal().err().println("wrote " + r.nodes() + " indicators and " + r.facts() + " facts to "
                        + Terminal.v(output));
            }
        } catch (NoSuchElementException e) {
            throw new CliException(ExitCodes.NOT_FOUND, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot write the export: " + e.getCause().getMessage());
        }
        return ExitCodes.OK;
    }

    private Exporter.Result toStdout(CaseStore store, ExportOptions options, Format f, AppContext ctx) {
        OutputStream out = new BufferedOutputStream(ctx.terminal().out(), 1 << 16);
        Exporter.Result r = new Exporter(store, options, ctx.clock()).run(f, out);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    /** Written to a temporary file beside the target, then moved into place: no half-written export is left. */
    private Exporter.Result toFile(CaseStore store, ExportOptions options, Format f) {
        Path target = Path.of(output).toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // created as an ordinary file (the umask's permissions, like the target would have), not 0600
            tmp = Files.createFile(target.resolveSibling("." + target.getFileName() + "."
                    + java.util.UUID.randomUUID() + ".tmp"));
            Exporter.Result r;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                r = new Exporter(store, options, Main.context(spec).clock()).run(f, out);
            }
            if (!force) {
                Files.move(tmp, target); // a file made meanwhile is not replaced either
            } else {
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return r;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw OutputFlags.exists(Path.of(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    Main.context(spec).terminal().warn("could not remove " + tmp + ": " + e.getMessage());
                }
            }
        }
    }
}
