package io.infrapivot.app.cli;

import io.infrapivot.engine.pivot.Recipe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot recipes [NAME|PATH]}: the built-in recipes, or one recipe's steps. */
@Command(name = "recipes", mixinStandardHelpOptions = true, description = "List the built-in pivot recipes, or show one (a name or a file).")
final class RecipesCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME|PATH", arity = "0..1", description = "Show this recipe's steps.")
    String name;

    @Option(names = "--json", description = "JSON, one object per recipe.")
    boolean json;

    @Override
    public Integer call() {
        Terminal t = Main.context(spec).terminal();
        var names = name == null ? Recipe.BUILT_IN : java.util.List.of(name);
        for (String n : names) {
            Recipe r;
            try {
                r = Recipe.load(n);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
            }
            if (json) {
                var o = Json.object();
                o.put("kind", "recipe");
                o.put("name", r.name());
                o.put("description", r.description());
                o.put("depth", r.depth());
                var steps = o.putArray("steps");
                for (Recipe.Step s : r.steps()) {
                    var so = steps.addObject();
                    so.set("types", Json.MAPPER.valueToTree(s.types().stream().map(x -> x.id()).sorted().toList()));
                    so.put("hops", s.minHop() + "-" + (s.maxHop() == Integer.MAX_VALUE ? "" : s.maxHop()));
                    so.set("sources", Json.MAPPER.valueToTree(s.sources()));
                    so.set("follow", Json.MAPPER.valueToTree(s.follow().stream().map(x -> x.id()).toList()));
                }
                Json.line(t.out(), o);
                continue;
            }
            t.println(t.bold(Report.pad(Terminal.v(r.name()), 10)) + "depth " + r.depth() + "  " + Terminal.v(r.description()));
            if (name != null) {
                for (Recipe.Step s : r.steps()) {
                    t.println("  " + String.join(",", s.types().stream().map(x -> x.id()).sorted().toList()) + " at hops "
                            + s.minHop() + "-" + (s.maxHop() == Integer.MAX_VALUE ? "" : s.maxHop()));
                    t.println("    sources: " + (s.sources().isEmpty() ? "every ready source" : Terminal.v(String.join(", ", s.sources()))));
                    t.println("    follow: " + (s.follow().isEmpty() ? "every link" : String.join(", ",
                            s.follow().stream().map(x -> x.id()).toList())));
                    if (s.within() != null) t.println("    within: " + s.within().toDays() + " days");
                }
            }
        }
        return ExitCodes.OK;
    }
}
