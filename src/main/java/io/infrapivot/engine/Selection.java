package io.infrapivot.engine;

import java.util.Set;

/**
 * Which sources a run may use.
 *
 * @param include only these source ids (empty: every ready source that accepts the indicator)
 * @param exclude never these
 * @param active  active sources allowed (--active)
 * @param offline only offline sources and the case (--offline)
 */
public record Selection(Set<String> include, Set<String> exclude, boolean active, boolean offline) {
    public Selection {
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    public static Selection all() {
        return new Selection(Set.of(), Set.of(), false, false);
    }
}
