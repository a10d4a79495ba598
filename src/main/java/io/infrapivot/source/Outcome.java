package io.infrapivot.source;

/** How one lookup ended. */
public enum Outcome {
    OK("ok"), EMPTY("empty"), TRUNCATED("truncated"), ERROR("error"), SKIPPED("skipped");

    private final String id;

    Outcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Outcome fromId(String id) {
        for (Outcome o : values()) if (o.id.equals(id)) return o;
        throw new IllegalArgumentException("unknown outcome " + id);
    }
}
