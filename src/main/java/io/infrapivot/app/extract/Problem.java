package io.infrapivot.app.extract;

/** A part of the input not read, and why (the kind is stable: docs/extract.md). */
public record Problem(Kind kind, String file, String path, String message) {
    /** Why a part was not read. */
    public enum Kind {
        /** Decompressed size or ratio past the limits: reported, not followed. */
        BOMB("bomb"),
        /** Nested deeper than --max-depth. */
        DEPTH("depth"),
        /** The total decompressed bytes of the run reached --max-bytes. */
        BUDGET("budget"),
        /** Encrypted and none of the passwords opened it. */
        PASSWORD("password"),
        /** Corrupt, truncated or in a format the parsers refused. */
        UNREADABLE("unreadable");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
