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
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:partial failure (a source failed; the others' results are kept)",
                "2:bad input or usage", "3:ambiguous input (choose with --type)",
                "4:environment (config, store, data, JDK)", "5:not found", "130:interrupted"})
public final class Main implements Callable<Integer> {

    @Option(names = "--no-color", description = "No colour even on a terminal.", scope = CommandLine.ScopeType.INHERIT)
    boolean noColour;

    static AppContext context;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        Terminal terminal = Terminal.system(java.util.Arrays.asList(args).contains("--no-color"));
        context = new AppContext(terminal);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(terminal.out(), true));
        cl.setErr(new java.io.PrintWriter(terminal.err(), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            terminal.error(ex.getMessage() + " (see 'infrapivot " + commandPath(ex.getCommandLine()) + " --help')");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(terminal, ex));
        return cl.execute(args);
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
            terminal.error(ex.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        terminal.error("internal error: " + ex);
        if (System.getenv("INFRAPIVOT_DEBUG") != null) ex.printStackTrace(terminal.err());
        return ExitCodes.ENVIRONMENT;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(context.terminal().out());
        return ExitCodes.OK;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"infrapivot " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
