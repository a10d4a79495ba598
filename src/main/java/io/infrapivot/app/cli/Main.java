package io.infrapivot.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code infrapivot} command. */
@Command(name = "infrapivot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Pivots from one indicator to the infrastructure around it.",
        subcommands = {ParseCommand.class, LookupCommand.class, SourcesCommand.class, CaseCommand.class,
                HistoryCommand.class, EvidenceCommand.class, UpdateDataCommand.class, PivotCommand.class,
                RecipesCommand.class, WhyCommand.class, ResolveCommand.class, RegistrationCommand.class, SelftestCommand.class,
                ExportCommand.class, ImportCommand.class, MaltegoCommand.class,
                ExtractCommand.class,
                io.infrapivot.app.web.ServeCommand.class,
                CompletionCommand.class, ShellCommand.class, ManCommand.class, WorkerCommand.class, WorkersCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:partial failure (a source failed; the others' results are kept)",
                "2:bad input or usage", "3:ambiguous input (choose with --type)",
                "4:environment (config, store, data, JDK)", "5:not found", "130:interrupted",
                "141:the output was closed by its reader (| head); stopped at once",
                "143:terminated (SIGTERM); what finished is printed and stored"})
public final class Main implements Callable<Integer> {

    @Option(names = "--no-color", description = "No colour even on a terminal.", scope = CommandLine.ScopeType.INHERIT)
    boolean noColour;

    @Option(names = "--debug", description = "Log warnings with their stack traces on stderr.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Log warnings (a source's failure, a caught exception) on stderr.")
    boolean verbose;

    @Option(names = "--store", paramLabel = "URL|FOLDER", scope = CommandLine.ScopeType.INHERIT,
            description = "Where cases are kept: postgresql://user@host:5432/db (a team's shared store) or a folder "
                    + "of SQLite cases (default; also INFRAPIVOT_STORE, [defaults] store).")
    String store;

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "The config file (default: INFRAPIVOT_CONFIG, else $XDG_CONFIG_HOME/infrapivot/config.toml); "
                    + "files beside it (hosting-asns.txt) are read from its folder.")
    java.nio.file.Path configFile;

    @Option(names = "--analyst", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "Record lookups as made by NAME (default: the OS user).")
    String analyst;

    private final AppContext context;

    Main(AppContext context) {
        this.context = context;
    }

    /** The context of the command line a command belongs to (no process-wide state). */
    public static AppContext context(CommandLine.Model.CommandSpec spec) {
        return ((Main) spec.root().userObject()).context;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        Terminal terminal = Terminal.system(java.util.Arrays.asList(args).contains("--no-color"));
        return run(new AppContext(terminal), args);
    }

    /** Runs a command line with {@code context} (tests give their own terminal). */
    static int run(AppContext context, String... args) {
        Terminal terminal = context.terminal();
        java.util.List<String> given = java.util.Arrays.asList(args);
        // -v (also a command's own --verbose) shows warnings; --debug their stack traces too
        Logging.Level level = given.contains("--debug") ? Logging.Level.DEBUG
                : given.contains("-v") || given.contains("--verbose") ? Logging.Level.WARNINGS : Logging.Level.QUIET;
        Logging.configure(terminal.err(), level);
        CommandLine cl = new CommandLine(new Main(context));
        versionEverywhere(cl); // `infrapivot lookup --version` printed nothing
        cl.setExpandAtFiles(false); // an argument from data (a Maltego value "@/path") must never name a file to read
        cl.setOut(new java.io.PrintWriter(terminal.out(), true));
        cl.setErr(new java.io.PrintWriter(terminal.err(), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            String path = commandPath(ex.getCommandLine());
            String words = notANumber(ex);
            String message = (words != null ? words : ex.getMessage()) + suggestion(ex) + " (see 'infrapivot "
                    + (path.isEmpty() ? "" : path + " ") + "--help')";
            if (ex.getCommandLine().getCommandSpec().userObject() instanceof MaltegoCommand) {
                // Maltego reads stdout only: the transform's option error is an exception message there too
                terminal.out().write(io.infrapivot.app.maltego.ResponseXml.exception(message));
                terminal.out().flush();
            }
            terminal.error(message);
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(terminal, ex));
        TeamOptions.apply(context, args);
        String unknown = unknownCommand(cl, args);
        if (unknown != null) {
            terminal.error(unknown);
            return ExitCodes.BAD_INPUT;
        }
        return cl.execute(args);
    }

    /**
     * An unknown command word, said before anything runs: picocli would print the main help and exit 0 for
     * {@code infrapivot serv --help}. Walks the command words (options skipped) while a command has subcommands.
     */
    static String unknownCommand(CommandLine root, String... args) {
        CommandLine current = root;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) return null;
            if (a.startsWith("-")) {
                var option = current.getCommandSpec().findOption(a); // skip its value too (--store URL)
                if (option != null && option.arity().min() > 0) i++;
                continue;
            }
            if (current.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                current = current.getParent(); // `help lookp`: the word names a command of the help's parent
                if (current.getSubcommands().containsKey(a)) return null;
                return "unknown command '" + a + "'" + Suggest.didYouMean(a, current.getSubcommands().keySet())
                        + " (see 'infrapivot --help')";
            }
            if (current.getSubcommands().isEmpty()) return null;
            CommandLine sub = current.getSubcommands().get(a);
            if (sub == null) {
                if (!current.getCommandSpec().positionalParameters().isEmpty()) return null;
                String path = commandPath(current);
                return "unknown command '" + a + "'" + (path.isEmpty() ? "" : " for '" + path + "'")
                        + Suggest.didYouMean(a, current.getSubcommands().keySet()) + " (see 'infrapivot "
                        + (path.isEmpty() ? "" : path + " ") + "--help')";
            }
            current = sub;
        }
        return null;
    }

    /**
     * "--depth: 'abc' is not a whole number" for a value a numeric option or parameter could not take, instead of
     * picocli's Java words ("is not an int", "at index 0"), and "--budget: 'foo' is not SOURCE=N" for a map option's
     * entry without '=' (picocli says "option option"); null for any other failure.
     */
    static String notANumber(CommandLine.ParameterException ex) {
        var arg = ex.getArgSpec();
        if (arg == null || ex.getValue() == null) return null;
        boolean map = arg.isOption() && java.util.Map.class.isAssignableFrom(arg.type());
        String name = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
        if (map && ex.getCause() == null && !ex.getValue().contains("=")) {
            // picocli's "Value for option option '--budget' … should be in KEY=VALUE format"
            return name + ": '" + ex.getValue() + "' is not " + arg.paramLabel();
        }
        if (!(ex.getCause() instanceof CommandLine.TypeConversionException
                || ex.getCause() instanceof NumberFormatException)) {
            return null;
        }
        Class<?>[] aux = arg.auxiliaryTypes();
        Class<?> type = map && aux.length > 1 ? aux[1] : aux.length > 0 ? aux[0] : arg.type();
        String what = type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class ? "a whole number"
                : type == double.class || type == Double.class || type == float.class || type == Float.class
                ? "a number" : null;
        if (what == null) return null;
        return name + ": '" + ex.getValue() + "' is not " + what;
    }

    /** Every subcommand's --version (from mixinStandardHelpOptions) prints the root's version. */
    private static void versionEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(cl.getCommandSpec().versionProvider());
            versionEverywhere(sub);
        }
    }

    /** "did you mean" for an unknown option or command word. */
    private static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) return "";
        String typed = u.getUnmatched().get(0);
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        var spec = ex.getCommandLine().getCommandSpec();
        java.util.Set<String> known = new java.util.TreeSet<>();
        if (name.startsWith("-")) spec.options().forEach(o -> known.addAll(java.util.List.of(o.names())));
        else known.addAll(spec.subcommands().keySet());
        return Suggest.didYouMean(name, known);
    }

    private static String commandPath(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("infrapivot ") ? name.substring("infrapivot ".length()) : "";
    }

    static int handle(Terminal terminal, Exception ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof Terminal.OutputClosed) return ExitCodes.OUTPUT_CLOSED; // the reader went away: nothing to say
        }
        if (ex instanceof CliException c) {
            terminal.error(c.getMessage());
            return c.exitCode();
        }
        if (ex instanceof InterruptedException) {
            terminal.error("interrupted; what finished is stored");
            return ExitCodes.INTERRUPTED;
        }
        if (ex instanceof IllegalArgumentException) {
            terminal.error(io.infrapivot.engine.data.FailureReason.of(ex));
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
            // a file or folder the command read or wrote: said in words (no such file, permission denied…)
            terminal.error("cannot read or write a file: " + io.infrapivot.engine.data.FailureReason.of(ex));
            System.getLogger("io.infrapivot.cli").log(System.Logger.Level.WARNING, "input/output error", ex);
            return ExitCodes.ENVIRONMENT;
        }
        terminal.error("internal error: " + ex);
        System.getLogger("io.infrapivot.cli").log(System.Logger.Level.WARNING, "internal error", ex);
        if (System.getenv("INFRAPIVOT_DEBUG") != null) ex.printStackTrace(terminal.err());
        return ExitCodes.ENVIRONMENT;
    }

    @Override
    public Integer call() {
        // no command is a usage error (docs/cli.md): the usage goes to stderr, exit 2; --help is exit 0 on stdout
        new CommandLine(this).usage(context.terminal().err());
        return ExitCodes.BAD_INPUT;
    }

    /** The version from the build ({@code version.properties}, filtered by Maven) and the JDK running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties p = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("/io/infrapivot/version.properties")) {
                if (in != null) p.load(in);
            } catch (java.io.IOException e) {
                // the version stays unknown
                p.clear();
            }
            String v = p.getProperty("version", "unknown");
            if (v.startsWith("${")) v = "unknown (not built by Maven)";
            return new String[] {"infrapivot " + v,
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ", "
                            + System.getProperty("java.home", "?") + ")"};
        }
    }
}
