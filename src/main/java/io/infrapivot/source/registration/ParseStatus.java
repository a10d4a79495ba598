package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much of an answer the parser understood. JSON: the lower-case id. */
public enum ParseStatus {
    /** A known format; every field the format carries was read. */
    FULL("full"),
    /** An unknown or partly understood format: some fields, dates and emails were found. */
    PARTIAL("partial"),
    /** Nothing structured was found; only the raw text is kept. */
    RAW_ONLY("raw-only");

    private final String id;

    ParseStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
