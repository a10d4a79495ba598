package io.infrapivot.app.cli;

import io.infrapivot.app.export.ImportedGraph;
import io.infrapivot.app.export.Importer;
import io.infrapivot.engine.port.CaseStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot import FILE}: a STIX 2.1 bundle, MISP event, CSV or list, or Maltego MTGX into a case. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a STIX 2.1 bundle, a MISP event, infrapivot jsonl/csv, any CSV or plain list, or a Maltego .mtgx into the case (docs/export.md).")
final class ImportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to import ('-': standard input, at most 64 MiB).")
    Path file;

    @Option(names = "--format", paramLabel = "F", description = "stix21, misp, jsonl, csv or mtgx (default: "
            + "recognised from the content).")
    String format;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to import into (created when absent).")
    String caseName;

    @Option(names = "--as-seeds", description = "Make the file's indicators the case's seeds (nothing else is stored).")
    boolean asSeeds;

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        Importer importer = new Importer(Importer.noFiles(ctx.parser()));
        byte[] bytes;
        ImportedGraph g;
        boolean stdin = file.toString().equals("-");
        String name = stdin ? "standard input" : file.toString();
        if (format != null && !Importer.FORMATS.contains(format)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--format: unknown format '" + format + "'"
                    + Suggest.didYouMean(format, Importer.FORMATS) + "; known: " + String.join(", ", Importer.FORMATS));
        }
        try {
            bytes = stdin ? stdin() : readFile();
            g = importer.read(bytes, format);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.NOT_FOUND, "no file " + file);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot import " + name + ": " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + name + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + (e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? " (the file ends inside a value)"
                    : e instanceof com.fasterxml.jackson.core.JsonParseException ? " (a character out of place)"
                    : " (not the expected structure)"));
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + name + ": "
                    + io.infrapivot.engine.data.FailureReason.of(e));
        }
        if (g.indicators().isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "no indicators found in " + name + " (read as "
                    + g.format() + (g.rejected() > 0 ? "; " + g.rejected() + " rejected: " + String.join("; ", g.reasons()) : "")
                    + ")");
        }
        String recorded = stdin ? "stdin" : file.toString(); // the import's source: import:stdin
        try (CaseStore store = CaseCommand.open(ctx, ctx.caseName(caseName))) {
            Importer.Stored s = importer.store(store, recorded, bytes, g, asSeeds, ctx.clock());
            if (s.seeds()) {
                t.err().println("added " + s.indicators() + " seeds from " + Terminal.v(name) + " (" + g.format() + ")");
            } else {
                t.err().println("imported " + s.indicators() + " indicators and " + s.facts() + " facts from "
                        + Terminal.v(name) + " (" + g.format() + ") as source " + s.source());
            }
        }
        if (g.rejected() > 0) {
            t.warn(g.rejected() + " entries were not valid indicators and were left out: " + String.join("; ", g.reasons()));
            return ExitCodes.PARTIAL;
        }
        return ExitCodes.OK;
    }

    /** Standard input, bounded as a file is ({@link Importer#MAX_FILE}). */
    private static byte[] stdin() throws IOException {
        byte[] bytes = System.in.readNBytes((int) Importer.MAX_FILE + 1);
        if (bytes.length > Importer.MAX_FILE) {
            throw new CliException(ExitCodes.BAD_INPUT, "standard input is larger than " + (Importer.MAX_FILE >> 20) + " MiB");
        }
        return bytes;
    }

    /** The file, refused when it is a folder, a device or larger than {@link Importer#MAX_FILE}. */
    private byte[] readFile() throws IOException {
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCodes.BAD_INPUT, file + " is a directory; import takes one file (a folder's "
                    + "indicators: infrapivot extract DIR)");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a device or a socket
            throw new CliException(ExitCodes.BAD_INPUT, file + " is not a regular file");
        }
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        if (Files.size(file) > Importer.MAX_FILE) {
            throw new CliException(ExitCodes.BAD_INPUT, file + " is larger than "
                    + (Importer.MAX_FILE >> 20) + " MiB");
        }
        return Files.readAllBytes(file);
    }
}
