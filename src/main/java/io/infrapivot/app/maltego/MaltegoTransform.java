package io.infrapivot.app.maltego;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.util.List;
import java.util.Set;

/**
 * One row of the transform table: which Maltego entity it runs on, which question it asks (the relations
 * looked for at each hop, or a whole recipe), and which of the answers it returns.
 *
 * @param name        the transform's id in Maltego and on the command line ({@code infrapivot.DomainToIPs})
 * @param display     what Maltego shows in the context menu
 * @param inputEntity the Maltego entity type it runs on
 * @param inputTypes  the indicator types its value may parse as (the first one is forced when guessing fails)
 * @param hops        the question, hop by hop (empty when {@code recipe} is set)
 * @param recipe      a built-in recipe run from the value instead (null for a one-question transform)
 * @param output      the relations whose other end is returned (empty: every indicator reached)
 * @param returns     what it returns, in words (for {@code maltego list} and the .mtz)
 */
public record MaltegoTransform(String name, String display, String inputEntity, List<IndicatorType> inputTypes,
                               List<Hop> hops, String recipe, Set<Relation> output, String returns) {
    public MaltegoTransform {
        inputTypes = List.copyOf(inputTypes);
        hops = List.copyOf(hops);
        output = Set.copyOf(output);
        if (inputTypes.isEmpty()) throw new IllegalArgumentException(name + ": no input type");
        if (hops.isEmpty() == (recipe == null)) throw new IllegalArgumentException(name + ": hops or a recipe");
        if (!name.matches("infrapivot\\.[A-Za-z0-9]+")) throw new IllegalArgumentException("bad transform name " + name);
    }

    /**
     * One hop of the question: indicators of these types are looked up by every ready source that accepts
     * them and produces one of the relations (plus {@code extraSources}), and the links of these relations
     * are followed.
     */
    public record Hop(Set<IndicatorType> types, Set<Relation> relations, List<String> extraSources) {
        public Hop {
            types = Set.copyOf(types);
            relations = Set.copyOf(relations);
            extraSources = List.copyOf(extraSources);
        }

        public static Hop of(Set<IndicatorType> types, Relation... relations) {
            return new Hop(types, Set.of(relations), List.of());
        }
    }

    /** The depth the question takes (hops), or 0 for a recipe (its own depth). */
    public int depth() {
        return hops.size();
    }
}
