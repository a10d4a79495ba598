package io.infrapivot.app.cli;

import io.infrapivot.model.DetailsJson;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.ParsedIndicator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot parse TEXT...}: what each text is, canonical. Stores nothing. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse indicators (refanged, canonical, typed) and print what they are. Stores nothing.")
final class ParseCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Indicators, defanged or not.")
    List<String> texts;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read one indicator per line ('-' for stdin).")
    String file;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Force the type (ip, cidr, asn, domain, host, url, email, hash, file, analytics-id, cert, org, person, phone).")
    String type;

    @Option(names = "--json", description = "One JSON object per indicator (docs/indicators.md).")
    boolean json;

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        var forced = Inputs.type(type);
        int exit = ExitCodes.OK;
        try (Inputs.Reader in = Inputs.open(texts, file, t)) {
            if (!in.hasNext()) {
                in.summarise();
                throw new CliException(ExitCodes.BAD_INPUT, "no indicator given");
            }
            while (in.hasNext()) {
                Inputs.Text text = in.next();
                ParseResult r = forced == null ? ctx.parser().parse(text.text()) : ctx.parser().parseAs(forced, text.text());
                switch (r) {
                    case ParseResult.Parsed p -> {
                        if (json) Json.line(t.out(), DetailsJson.of(p.parsed(), p.input()));
                        else print(t, p.parsed());
                    }
                    case ParseResult.Ambiguous a -> {
                        if (json) Json.line(t.out(), DetailsJson.ambiguous(a));
                        else {
                            t.println(Terminal.v(a.input()) + "  " + t.yellow("ambiguous") + ": " + Terminal.v(a.reason()));
                            for (ParsedIndicator c : a.candidates()) {
                                t.println("  candidate " + c.type().id() + "  " + Terminal.v(c.value()));
                            }
                        }
                        t.error((text.fromArgument() ? "" : text.position() + ": ") + "ambiguous input '" + a.input()
                                + "': " + a.reason() + "; choose with --type");
                        exit = Math.max(exit, ExitCodes.AMBIGUOUS);
                    }
                    case ParseResult.Invalid i -> {
                        if (text.fromArgument()) t.error("cannot parse '" + i.input() + "': " + i.reason());
                        else in.bad(text, Inputs.problem(i));
                        exit = exit == ExitCodes.AMBIGUOUS ? exit : ExitCodes.BAD_INPUT;
                    }
                }
            }
            in.summarise();
            return in.exit(exit);
        }
    }

    private static void print(Terminal t, ParsedIndicator p) {
        var o = DetailsJson.of(p, null);
        StringBuilder line = new StringBuilder();
        line.append(t.bold(p.type().id())).append("  ").append(Terminal.v(p.value()));
        if (!p.display().equals(p.value())) line.append("  (").append(Terminal.v(p.display())).append(")");
        t.println(line.toString());
        o.remove(List.of("type", "value", "display", "notes"));
        o.properties().forEach(e -> {
            if (e.getValue().isNull()) return;
            String v = e.getValue().isArray() ? String.join(", ",
                    java.util.stream.StreamSupport.stream(e.getValue().spliterator(), false).map(n -> n.asText()).toList())
                    : e.getValue().asText();
            if (!v.isEmpty()) t.println("  " + e.getKey().replace('_', ' ') + ": " + Terminal.v(v));
        });
        if (!p.notes().isEmpty()) t.println("  " + t.dim("notes: " + Terminal.v(String.join("; ", p.notes()))));
    }
}
