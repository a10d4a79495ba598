package io.infrapivot.app.maltego;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.List;

/**
 * What one transform run found, in terms that do not depend on the engine's API: the indicators reached
 * (each with the link it was reached by and its noise mark), and how every source did.
 *
 * @param seed     the input indicator as a node (its mark, when the noise rules marked it)
 * @param found    every other indicator reached, in hop order
 * @param sources  one report per source lookup
 * @param caseName the case the run stored into
 */
public record Answer(Node seed, List<Node> found, List<SourceReport> sources, String caseName) {
    public Answer {
        found = List.copyOf(found);
        sources = List.copyOf(sources);
    }

    /** A noise mark: recorded, and the node not expanded unless {@code expanded}. */
    public record Mark(String rule, String reason, boolean expanded, Long count) {}

    /**
     * An indicator in the answer.
     *
     * @param from        the indicator it was reached from (null for the seed)
     * @param relation    the relation of that link (null for the seed)
     * @param objectSide  whether the node is the object of the link (a name server of the domain, …)
     * @param sources     the sources that reported the link
     * @param firstSeen   when the sources first saw the link (null when they do not say)
     * @param lastSeen    when they last saw it
     * @param count       how often, when the source counts
     */
    public record Node(Indicator indicator, int hop, Indicator from, Relation relation, boolean objectSide,
                       List<String> sources, Instant firstSeen, Instant lastSeen, Long count, Mark mark) {
        public Node {
            sources = List.copyOf(sources);
        }
    }

    /** How one source did for one indicator. */
    public record SourceReport(String source, Indicator indicator, Status status, String message, Long total,
                               boolean cached) {}

    /** A source lookup's ending, as the transform tells the analyst about it. */
    public enum Status {
        OK, EMPTY, TRUNCATED, FAILED, SKIPPED;

        /** Whether the source answered (with or without results). */
        public boolean answered() {
            return this == OK || this == EMPTY || this == TRUNCATED;
        }
    }
}
