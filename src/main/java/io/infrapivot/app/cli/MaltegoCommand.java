package io.infrapivot.app.cli;

import io.infrapivot.app.maltego.EngineLookups;
import io.infrapivot.app.maltego.LocalArgs;
import io.infrapivot.app.maltego.MaltegoTransform;
import io.infrapivot.app.maltego.MtzWriter;
import io.infrapivot.app.maltego.ResponseXml;
import io.infrapivot.app.maltego.TransformRunner;
import io.infrapivot.app.maltego.Transforms;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code infrapivot maltego TRANSFORM VALUE [k=v#k2=v2]}: a Maltego local transform (prints a
 * MaltegoTransformResponseMessage); {@code maltego list} and {@code maltego config -o infrapivot.mtz}.
 */
@Command(name = "maltego", mixinStandardHelpOptions = true,
        subcommands = {MaltegoCommand.ListTransforms.class, MaltegoCommand.Config.class},
        description = {"Run a Maltego local transform: prints a MaltegoTransformResponseMessage on stdout.",
                "Maltego runs it with the entity's value and properties; 'maltego list' shows the transforms,",
                "'maltego config -o infrapivot.mtz' writes the bundle to import them all into Maltego."})
final class MaltegoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TRANSFORM", description = "Transform name (maltego list).")
    String transform;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The entity's value.")
    String value;

    @Parameters(index = "2", arity = "0..1", paramLabel = "PROPERTIES", description = "The entity's properties, k=v#k2=v2 (as Maltego passes them).")
    String properties;

    @Option(names = "--case", paramLabel = "NAME", defaultValue = TransformRunner.DEFAULT_CASE,
            description = "Case the results are stored in (default ${DEFAULT-VALUE}).")
    String caseName;

    @Option(names = "--depth", paramLabel = "N", description = "Depth of a 'Run recipe' transform (default: the recipe's).")
    Integer depth;

    @Option(names = "--limit", paramLabel = "N", description = "Most entities returned (default " + TransformRunner.DEFAULT_LIMIT + ").")
    Integer limit;

    @Option(names = "--active", description = "Allow active sources (they touch the target's own servers).")
    boolean active;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", description = "Time one source lookup may take (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]", description = "DNS resolver for every DNS-based source (repeatable).")
    List<String> resolvers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        if (transform == null) {
            t.error("name a transform (infrapivot maltego list), or use 'maltego list' / 'maltego config -o FILE'");
            return ExitCodes.BAD_INPUT;
        }
        TransformRunner.Result result;
        try {
            // Maltego reads stdout: an option out of range is an exception message there too
            if (limit != null) Counts.atLeast("--limit", limit, 1);
            if (depth != null) Counts.within("--depth", depth, 1, 5);
            try (EngineLookups lookups = lookups(ctx, resolvers, active, timeout);
                 ClosedOnExit hook = new ClosedOnExit(lookups)) {
                Map<String, String> props;
                try {
                    props = LocalArgs.parse(properties);
                } catch (IllegalArgumentException e) {
                    return fail(t, ResponseXml.exception(e.getMessage()), e.getMessage(), ExitCodes.BAD_INPUT);
                }
                Map<String, String> settings = new HashMap<>();
                settings.put("case", caseName);
                if (depth != null) settings.put("depth", depth.toString());
                result = new TransformRunner(lookups).run(new TransformRunner.Request(transform, value, props, settings, limit));
            }
        } catch (CliException e) {
            // Maltego reads stdout: it gets the reason as an exception message too
            return fail(t, ResponseXml.exception(e.getMessage()), e.getMessage(), e.exitCode());
        }
        t.out().write(result.xml());
        t.out().flush();
        // a failed source is a PartialError in the message Maltego reads: the transform itself succeeded
        return switch (result.status()) {
            case OK, PARTIAL -> ExitCodes.OK;
            case BAD_INPUT, UNKNOWN_TRANSFORM -> {
                t.error(result.problem());
                yield ExitCodes.BAD_INPUT;
            }
            case FAILED -> {
                t.error(result.problem());
                yield ExitCodes.ENVIRONMENT;
            }
        };
    }

    /**
     * Closes the cases when the process is ended midway (Maltego stops a transform that runs too long):
     * what finished is committed. Removed again when the transform ends normally.
     */
    private static final class ClosedOnExit implements AutoCloseable {
        private final Thread hook;

        ClosedOnExit(EngineLookups lookups) {
            hook = new Thread(lookups::close, "infrapivot-maltego-exit");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and closes the cases itself
            }
        }
    }

    private static int fail(Terminal t, byte[] xml, String message, int code) throws IOException {
        t.out().write(xml);
        t.out().flush();
        t.error(message);
        return code;
    }

    /** The engine bridge on the user's config, data, sources and cases. */
    static EngineLookups lookups(AppContext ctx, List<String> resolvers, boolean active, String timeout) {
        var options = new EngineLookups.Options(resolvers, active, SourceFlags.positive(timeout, "--timeout"), 2000);
        return new EngineLookups(ctx.config(), ctx.parser(), ctx.registry(), ctx.cases(), ctx.data().folder(),
                ctx.clock(), options);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the Maltego transforms: name, input entity, what each returns.")
    static final class ListTransforms implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "JSON Lines, one object per transform.")
        boolean json;

        @Override
        public Integer call() {
            AppContext ctx = Main.context(spec);
            Terminal t = ctx.terminal();
            for (MaltegoTransform x : Transforms.ALL) {
                List<String> sources = new ArrayList<>();
                for (MaltegoTransform.Hop h : x.hops()) {
                    for (String s : EngineLookups.sourcesFor(ctx.registry(), h)) if (!sources.contains(s)) sources.add(s);
                }
                if (json) {
                    var o = Json.object();
                    o.put("kind", "maltego-transform");
                    o.put("name", x.name());
                    o.put("display_name", x.display());
                    o.put("input_entity", x.inputEntity());
                    o.set("input_types", Json.MAPPER.valueToTree(x.inputTypes().stream().map(i -> i.id()).toList()));
                    o.put("returns", x.returns());
                    o.put("recipe", x.recipe());
                    var hops = o.putArray("hops");
                    for (MaltegoTransform.Hop h : x.hops()) {
                        var ho = hops.addObject();
                        ho.set("types", Json.MAPPER.valueToTree(h.types().stream().map(i -> i.id()).sorted().toList()));
                        ho.set("relations", Json.MAPPER.valueToTree(h.relations().stream().map(r -> r.id()).sorted().toList()));
                    }
                    o.set("output_relations", Json.MAPPER.valueToTree(x.output().stream().map(r -> r.id()).sorted().toList()));
                    o.set("sources", Json.MAPPER.valueToTree(sources));
                    Json.line(t.out(), o);
                } else {
                    t.println(t.bold(x.name()) + "  " + x.display());
                    t.println("    input: " + x.inputEntity() + " (" + String.join(", ",
                            x.inputTypes().stream().map(i -> i.id()).toList()) + ")");
                    t.println("    returns: " + x.returns());
                    t.println("    " + (x.recipe() != null ? "recipe: " + x.recipe() : "sources: " + String.join(", ", sources)));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "Write the Maltego import bundle (.mtz): the local transform server, every transform with its command line and working directory, a transform set.")
    static final class Config implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The .mtz file to write ('-' for stdout).")
        String output;

        @Option(names = "--case", paramLabel = "NAME", defaultValue = TransformRunner.DEFAULT_CASE,
                description = "Case the transforms store into (default ${DEFAULT-VALUE}).")
        String caseName;

        @Option(names = "--command", paramLabel = "PATH", description = "The executable Maltego runs (default: this installation's launcher).")
        String command;

        @Option(names = "--working-dir", paramLabel = "DIR", description = "The transforms' working directory (default: your home folder).")
        String workingDir;

        @Option(names = "--resolver", paramLabel = "IP[:PORT]", description = "DNS resolver the transforms use (repeatable).")
        List<String> resolvers = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            AppContext ctx = Main.context(spec);
            if (caseName.isBlank() || caseName.contains(" ")) {
                throw new CliException(ExitCodes.BAD_INPUT, "--case: a case name without spaces");
            }
            for (String r : resolvers) {
                if (r.isBlank() || r.contains(" ")) throw new CliException(ExitCodes.BAD_INPUT, "--resolver: no spaces");
            }
            String cmd = command != null ? command : launcher();
            String dir = workingDir != null ? workingDir : System.getProperty("user.home");
            List<String> base = new ArrayList<>(List.of("maltego", "--case", caseName));
            for (String r : resolvers) base.addAll(List.of("--resolver", r));
            MtzWriter.Launch launch = new MtzWriter.Launch(cmd, base, dir);
            if (output.equals("-")) {
                MtzWriter.write(ctx.terminal().out(), Transforms.ALL, launch, ctx.clock());
                return ExitCodes.OK;
            }
            Path out = Path.of(output);
            if (Files.isDirectory(out)) throw new CliException(ExitCodes.BAD_INPUT, output + " is a directory");
            Files.createDirectories(out.toAbsolutePath().getParent()); // as every other -o FILE does
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".infrapivot-mtz", ".tmp");
            try {
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    MtzWriter.write(os, Transforms.ALL, launch, ctx.clock());
                }
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            Terminal t = ctx.terminal();
            t.err().println("wrote " + Terminal.v(out) + ": " + Transforms.ALL.size() + " transforms running "
                    + Terminal.v(cmd) + " " + Terminal.v(String.join(" ", base)) + " -- TRANSFORM; import it in Maltego with Import Config");
            return ExitCodes.OK;
        }

        /** This installation's launcher: the {@code infrapivot} script next to the jar's target folder. */
        static String launcher() {
            try {
                Path jar = Path.of(MaltegoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path parent = jar.toAbsolutePath().getParent();
                Path script = parent == null || parent.getParent() == null ? null : parent.getParent().resolve("infrapivot");
                if (script != null && Files.isExecutable(script)) return script.toString();
            } catch (java.net.URISyntaxException | RuntimeException e) {
                System.getLogger(MaltegoCommand.class.getName()).log(System.Logger.Level.DEBUG, "launcher not found: " + e);
            }
            return "infrapivot";
        }
    }
}
