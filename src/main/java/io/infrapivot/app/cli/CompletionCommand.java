package io.infrapivot.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code infrapivot completion bash|zsh|fish}: a shell completion script for every command and option.
 * bash: picocli's generated script ({@link AutoComplete}); zsh: the same script, loaded through zsh's
 * {@code bashcompinit} (picocli's script enables it itself); fish: commands, subcommands and options with
 * their descriptions, written from the same command model (picocli has no fish generator).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script: bash, zsh or fish.",
        footer = {"%nInstall:", "  bash: infrapivot completion bash > ~/.local/share/bash-completion/completions/infrapivot",
                "  zsh:  infrapivot completion zsh > ~/.zfunc/infrapivot.zsh; in ~/.zshrc: source ~/.zfunc/infrapivot.zsh",
                "  fish: infrapivot completion fish > ~/.config/fish/completions/infrapivot.fish"})
final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case "bash", "zsh" -> AutoComplete.bash("infrapivot", root);
            case "fish" -> fish(root);
            default -> throw new CliException(ExitCodes.BAD_INPUT, "unknown shell '" + shell + "'"
                    + Suggest.didYouMean(shell, java.util.List.of("bash", "zsh", "fish")) + "; give bash, zsh or fish");
        };
        Main.context(spec).terminal().out().print(script);
        Main.context(spec).terminal().out().flush();
        return ExitCodes.OK;
    }

    /** A fish completion script: each command word, then each command's options. */
    static String fish(CommandLine root) {
        StringBuilder b = new StringBuilder("# infrapivot completion for fish (infrapivot completion fish)\n");
        b.append("complete -c infrapivot -f\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            b.append("complete -c infrapivot -n __fish_use_subcommand -a ").append(quote(e.getKey()))
                    .append(" -d ").append(quote(first(e.getValue().getCommandSpec().usageMessage().description())))
                    .append('\n');
        }
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            String cond = "__fish_seen_subcommand_from " + e.getKey();
            for (Map.Entry<String, CommandLine> sub : e.getValue().getSubcommands().entrySet()) {
                b.append("complete -c infrapivot -n ").append(quote(cond)).append(" -a ").append(quote(sub.getKey()))
                        .append(" -d ").append(quote(first(sub.getValue().getCommandSpec().usageMessage().description())))
                        .append('\n');
            }
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                b.append("complete -c infrapivot -n ").append(quote(cond));
                for (String n : o.names()) {
                    if (n.startsWith("--")) b.append(" -l ").append(n.substring(2));
                    else if (n.startsWith("-") && n.length() == 2) b.append(" -s ").append(n.substring(1));
                }
                if (o.arity().max() > 0) b.append(" -r");
                if (o.paramLabel().equals("FILE")) b.append(" -F");
                b.append(" -d ").append(quote(first(o.description()))).append('\n');
            }
        }
        return b.toString();
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? "" : lines[0];
    }

    private static String quote(String s) {
        String t = s.replaceAll("\\$\\{[A-Z-]+}", "").replace("\\", "\\\\").replace("'", "\\'");
        return "'" + (t.length() > 100 ? t.substring(0, 97) + "..." : t) + "'";
    }
}
