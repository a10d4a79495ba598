package io.infrapivot.app.cli;

import io.infrapivot.app.export.Importer;
import io.infrapivot.app.extract.Allowlist;
import io.infrapivot.app.extract.CaseRecorder;
import io.infrapivot.app.extract.Extractor;
import io.infrapivot.app.extract.Hit;
import io.infrapivot.app.extract.Problem;
import io.infrapivot.app.extract.Sink;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Details;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot extract FILE|DIR|-}: the indicators in files of any kind (docs/extract.md). */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract indicators (IPs, networks, names, URLs, e-mail addresses, ASNs, hashes, certificate"
                + " fingerprints, analytics IDs; defanged or not) from text, HTML, JSON, CSV, PDF, Office, RTF, e-mail,"
                + " binaries and archives (docs/extract.md).")
final class ExtractCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR|-", arity = "1..*", description = "Files, directories (read recursively) or '-' for standard input.")
    List<String> inputs;

    @Option(names = "--json", description = "JSON Lines: one object a hit (type, value, found, file, path, offset, context).")
    boolean json;

    @Option(names = "--case", paramLabel = "NAME", description = "Also store each file's indicators in the case, as 'contains' facts of the file (with its hashes).")
    String caseName;

    @Option(names = "--strict", description = "Leave out likely false positives (the default): file names, unknown TLDs, version numbers, schema and library hosts, the document's own metadata hosts, the allowlist.")
    boolean strict;

    @Option(names = "--loose", description = "Keep everything that parses as an indicator.")
    boolean loose;

    @Option(names = "--password", paramLabel = "P", description = "A password for encrypted archives (repeatable); 'infected' and 'malware' are always tried after.")
    List<String> passwords = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE", description = "More names and values never reported in strict mode, one a line (repeatable).")
    List<Path> allowlists = new ArrayList<>();

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", split = ",", description = "Report only these types (ip, cidr, domain, host, url, email, asn, hash, cert, analytics-id).")
    List<String> types = new ArrayList<>();

    @Option(names = "--unique", description = "Each indicator once (its first hit), not every occurrence.")
    boolean unique;

    @Option(names = "--max-depth", paramLabel = "N", description = "Deepest nesting of archives and attachments read (default: ${DEFAULT-VALUE}).")
    int maxDepth = 10;

    @Option(names = "--max-bytes", paramLabel = "BYTES", description = "Most decompressed bytes read in the run (default: ${DEFAULT-VALUE}).")
    long maxBytes = 4L << 30;

    @Option(names = "--max-ratio", paramLabel = "N", description = "Largest expansion of an archive entry before it is taken for a bomb (default: ${DEFAULT-VALUE}).")
    int maxRatio = 200;

    @Mixin
    OutputFlags output = new OutputFlags();

    /** Distinct values remembered for --unique and -q (past this, values may repeat). */
    static final int MAX_REMEMBERED = 1_000_000;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = Main.context(spec);
        if (strict && loose) throw new CliException(ExitCodes.BAD_INPUT, "give --strict or --loose, not both");
        if (maxDepth < 0 || maxBytes <= 0 || maxRatio < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--max-depth, --max-bytes and --max-ratio must be positive");
        }
        Set<IndicatorType> only = types(types);
        Extractor.Options options = new Extractor.Options(!loose, passwords, maxDepth, maxBytes, maxRatio, allowlist(ctx));
        IndicatorParser parser = Importer.noFiles(ctx.parser());
        Terminal t = output.terminal(ctx.terminal());
        PrintStream out = new PrintStream(new BufferedOutputStream(t.out(), 1 << 16), false, StandardCharsets.UTF_8);
        Printer printer = new Printer(t, out, only);
        Extractor extractor = new Extractor(parser, options, printer);
        int exit = ExitCodes.OK;
        try (CaseStore store = caseName == null ? null : CaseCommand.open(ctx, ctx.caseName(caseName))) {
            for (String input : inputs) {
                int e = one(ctx, extractor, printer, store, input);
                exit = Math.max(exit, e);
            }
        } finally {
            printer.flush();
        }
        if (printer.problems > 0) exit = Math.max(exit, ExitCodes.PARTIAL);
        if (!output.quiet) {
            t.err().println("extract: " + printer.hits + " hits" + (printer.problems > 0 ? ", " + printer.problems
                    + " parts not read (see the warnings above)" : "") + (options.strict() ? "" : " (loose)"));
        }
        return exit;
    }

    private int one(AppContext ctx, Extractor extractor, Printer printer, CaseStore store, String input) throws IOException {
        Terminal t = ctx.terminal();
        if (input.equals("-")) {
            if (store == null) {
                extractor.stream(System.in, "-");
                return ExitCodes.OK;
            }
            Path tmp = Files.createTempFile("infrapivot-stdin", ".bin");
            try {
                Files.copy(System.in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return file(ctx, extractor, printer, store, tmp, "-");
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        Path p;
        try {
            p = Path.of(input);
        } catch (java.nio.file.InvalidPathException e) {
            t.error("not a path: " + input);
            return ExitCodes.BAD_INPUT;
        }
        if (!Files.exists(p)) {
            t.error("no such file or directory: " + input);
            return ExitCodes.BAD_INPUT;
        }
        if (LocalDevices.isDevice(p)) { // /dev/zero, /dev/urandom: endless (a pipe such as <(cmd) is read)
            t.error(input + " is a device, not a file");
            return ExitCodes.BAD_INPUT;
        }
        if (!Files.isDirectory(p)) return file(ctx, extractor, printer, store, p, input);
        List<Path> files;
        try (Stream<Path> s = Files.walk(p)) {
            files = s.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        int exit = ExitCodes.OK;
        for (Path f : files) exit = Math.max(exit, file(ctx, extractor, printer, store, f, f.toString()));
        return exit;
    }

    private int file(AppContext ctx, Extractor extractor, Printer printer, CaseStore store, Path p, String name)
            throws IOException {
        try {
            extractor.file(p, name);
        } catch (IOException e) {
            ctx.terminal().error("cannot read " + name + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            printer.problems++;
            return ExitCodes.PARTIAL;
        }
        if (store != null) {
            ParseResult r = new IndicatorParser(ctx.parser().suffixList(), true).parseAs(IndicatorType.FILE, p.toString());
            if (r instanceof ParseResult.Parsed parsed && parsed.parsed().details() instanceof Details.File f) {
                int n = printer.recorder.store(store, f, name, ctx.clock());
                if (!output.quiet) ctx.terminal().err().println("extract: stored " + n + " facts of " + Terminal.v(name)
                        + " in case " + store.info().name());
            }
        }
        return ExitCodes.OK;
    }

    private static Set<IndicatorType> types(List<String> ids) {
        if (ids.isEmpty()) return EnumSet.allOf(IndicatorType.class);
        Set<IndicatorType> s = EnumSet.noneOf(IndicatorType.class);
        for (String id : ids) {
            s.add(IndicatorType.fromId(id.strip()).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                    "unknown type '" + id + "' (ip, cidr, domain, host, url, email, asn, hash, cert, analytics-id)")));
        }
        return s;
    }

    /** The bundled allowlist, the user's file beside the config file, and --allowlist files. */
    private Allowlist allowlist(AppContext ctx) {
        Allowlist a = Allowlist.bundled();
        List<Path> files = new ArrayList<>();
        try {
            Path parent = ctx.config().file().getParent();
            if (parent != null && Files.isRegularFile(parent.resolve("extract-allowlist.txt"))) {
                files.add(parent.resolve("extract-allowlist.txt"));
            }
        } catch (CliException e) {
            System.getLogger("io.infrapivot.extract").log(System.Logger.Level.WARNING, "no config: " + e.getMessage());
        }
        files.addAll(allowlists);
        for (Path f : files) {
            try {
                a = a.with(f);
            } catch (IOException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "cannot read allowlist " + f + ": " + e.getMessage());
            }
        }
        return a;
    }

    /** Prints hits as they come (text or JSON Lines), warns of problems, and notes hits for the case. */
    private final class Printer implements Sink {
        private final Terminal t;
        private final PrintStream out;
        private final Set<IndicatorType> only;
        /** Values already printed, per type (index: the type's ordinal; the values mostly come from the scanner's parse
         *  cache, their hash computed once). */
        @SuppressWarnings("unchecked")
        private final Set<String>[] seen = new Set[IndicatorType.values().length];
        private int seenCount;
        final CaseRecorder recorder = new CaseRecorder();
        long hits;
        int problems;
        private com.fasterxml.jackson.core.JsonGenerator generator;

        /** One streaming generator for the run (the CLI's escapes), writing through {@code out}. */
        com.fasterxml.jackson.core.JsonGenerator json() {
            if (generator == null) {
                generator = Json.generator(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
                generator.setCodec(Json.MAPPER);
                generator.setRootValueSeparator(null);
                generator.configure(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            }
            return generator;
        }

        void flush() throws IOException {
            if (generator != null) generator.flush();
            out.flush();
        }

        Printer(Terminal t, PrintStream out, Set<IndicatorType> only) {
            this.t = t;
            this.out = out;
            this.only = only;
        }

        @Override
        public void hit(Hit h) {
            if (!only.contains(h.type())) return;
            if (caseName != null) recorder.add(h);
            if (unique || output.quiet) {
                Set<String> values = seen[h.type().ordinal()];
                if (values == null) seen[h.type().ordinal()] = values = new HashSet<>();
                if (values.contains(h.value())) return;
                if (seenCount < MAX_REMEMBERED && values.add(h.value())) seenCount++;
            }
            hits++;
            if (output.quiet) {
                out.println(Terminal.v(h.value()));
            } else if (json) {
                try {
                    var g = json();
                    g.writeStartObject();
                    g.writeStringField("type", h.type().id());
                    g.writeStringField("value", h.value());
                    g.writeStringField("found", h.found());
                    g.writeStringField("file", h.file());
                    g.writeStringField("path", h.path());
                    g.writeNumberField("offset", h.offset());
                    g.writeStringField("context", h.context());
                    g.writeEndObject();
                    g.writeRaw('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else {
                String where = h.path().isEmpty() ? h.file() : h.file() + "!/" + h.path();
                out.println(h.type().id() + "\t" + Terminal.v(h.value()) + "\t"
                        + (h.found().equals(h.value()) ? "" : "as " + Terminal.v(h.found())) + "\t" + Terminal.v(where)
                        + ":" + h.offset() + "\t" + Terminal.v(h.context()));
            }
        }

        @Override
        public boolean firstHitsOnly() {
            // a case records every occurrence: then each hit must come here
            return (unique || output.quiet) && caseName == null;
        }

        @Override
        public void problem(Problem p) {
            problems++;
            try {
                flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            t.warn(p.kind().id() + ": " + (p.path().isEmpty() ? p.file() : p.file() + "!/" + p.path()) + ": " + p.message());
        }
    }
}
