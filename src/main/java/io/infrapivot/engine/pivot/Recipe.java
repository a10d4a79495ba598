package io.infrapivot.engine.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A declarative pivot plan (docs/recipes.md): for each indicator type at each hop, which sources to run
 * and which relations to follow, with filters. The counterpart of a Maltego machine.
 *
 * @param name        recipe name
 * @param description when to use it
 * @param depth       default depth (hops)
 * @param steps       the steps; an indicator is looked up by the union of the steps that match its type
 *                    and hop, and is a leaf (recorded, not looked up) when none matches
 */
public record Recipe(String name, String description, int depth, List<Step> steps) {
    public static final List<String> BUILT_IN = List.of("quick", "domain", "ip", "email", "file");

    public Recipe {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param types     indicator types it applies to
     * @param minHop    first hop it applies at (seeds are hop 0)
     * @param maxHop    last hop it applies at (Integer.MAX_VALUE: every later hop)
     * @param sources   source ids to run (empty: every ready source that accepts the type)
     * @param follow    relations whose other end is expanded to the next hop (empty: every link)
     * @param within    only follow facts last seen within this window (null: any date)
     * @param maxCount  a lookup that finds more neighbours than this marks the indicator shared (null: the
     *                  engine's threshold)
     * @param exclude   glob patterns ({@code *} wildcard) of values never followed
     */
    public record Step(Set<IndicatorType> types, int minHop, int maxHop, List<String> sources, Set<Relation> follow,
                       Duration within, Integer maxCount, List<Pattern> exclude) {
        public Step {
            types = Set.copyOf(types);
            sources = List.copyOf(sources);
            follow = Set.copyOf(follow);
            exclude = List.copyOf(exclude);
        }

        public boolean applies(IndicatorType type, int hop) {
            return types.contains(type) && hop >= minHop && hop <= maxHop;
        }

        public boolean excludes(String value) {
            return exclude.stream().anyMatch(p -> p.matcher(value).matches());
        }
    }

    /** The steps that apply to a type at a hop. */
    public List<Step> stepsFor(IndicatorType type, int hop) {
        return steps.stream().filter(s -> s.applies(type, hop)).toList();
    }

    /** Loads a built-in recipe by name, or a user's recipe file by path. */
    public static Recipe load(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) {
            try (InputStream in = Recipe.class.getResourceAsStream("recipes/" + nameOrPath + ".toml")) {
                if (in == null) throw new IllegalStateException("built-in recipe " + nameOrPath + " missing from the jar");
                return parse(new TomlMapper().readTree(in), nameOrPath);
            } catch (IOException e) {
                throw new IllegalStateException("built-in recipe " + nameOrPath + ": " + e.getMessage(), e);
            }
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no recipe '" + nameOrPath + "': not a built-in recipe ("
                    + String.join(", ", BUILT_IN) + ") nor a file");
        }
        try {
            return parse(new TomlMapper().readTree(p.toFile()), p.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("recipe " + p + " is not valid TOML: " + firstLine(e.getMessage()));
        }
    }

    /** Builds a recipe from its TOML tree; every mistake is an IllegalArgumentException naming the field. */
    static Recipe parse(JsonNode root, String origin) {
        String name = text(root, "name", origin);
        String description = root.path("description").asText("");
        int depth = root.path("depth").asInt(2);
        if (depth < 0 || depth > 10) throw new IllegalArgumentException(origin + ": depth must be 0 to 10");
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new IllegalArgumentException(origin + ": needs at least one [[steps]] table");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode s : stepsNode) {
            i++;
            String where = origin + " step " + i;
            Set<IndicatorType> types = EnumSet.noneOf(IndicatorType.class);
            for (String t : strings(s.path("types"))) {
                types.add(IndicatorType.fromId(t).orElseThrow(
                        () -> new IllegalArgumentException(where + ": unknown type '" + t + "'")));
            }
            if (types.isEmpty()) throw new IllegalArgumentException(where + ": needs types = [...]");
            int[] hops = hops(s.path("hops").asText("0-"), where);
            Set<Relation> follow = new LinkedHashSet<>();
            for (String r : strings(s.path("follow"))) {
                Relation rel = Relation.fromId(r).orElseThrow(
                        () -> new IllegalArgumentException(where + ": unknown relation '" + r + "'"));
                if (rel.kind() != Relation.Kind.LINK) {
                    throw new IllegalArgumentException(where + ": relation '" + r + "' is an attribute; only links can be followed");
                }
                follow.add(rel);
            }
            Duration within = s.has("within_days") ? Duration.ofDays(s.path("within_days").asLong()) : null;
            Integer maxCount = s.has("max_count") ? s.path("max_count").asInt() : null;
            List<Pattern> exclude = strings(s.path("exclude")).stream().map(Recipe::glob).toList();
            steps.add(new Step(types, hops[0], hops[1], strings(s.path("sources")), follow, within, maxCount, exclude));
        }
        return new Recipe(name, description, depth, steps);
    }

    private static int[] hops(String text, String where) {
        String t = text.trim();
        try {
            if (t.endsWith("-")) return new int[] {Integer.parseInt(t.substring(0, t.length() - 1)), Integer.MAX_VALUE};
            int dash = t.indexOf('-');
            if (dash > 0) return new int[] {Integer.parseInt(t.substring(0, dash)), Integer.parseInt(t.substring(dash + 1))};
            int h = Integer.parseInt(t);
            return new int[] {h, h};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": hops must be like \"0\", \"1-2\" or \"1-\", not '" + text + "'");
        }
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!re.isEmpty()) re.append(".*");
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(x -> out.add(x.asText()));
        else if (n.isTextual()) out.add(n.asText());
        return out;
    }

    private static String text(JsonNode root, String field, String origin) {
        JsonNode n = root.path(field);
        if (!n.isTextual() || n.asText().isBlank()) throw new IllegalArgumentException(origin + ": needs " + field + " = \"...\"");
        return n.asText();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
