package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a registry's answer says about the object asked for. JSON: the lower-case id. */
public enum RegistrationStatus {
    /** The object exists and the answer describes it. */
    REGISTERED("registered"),
    /** The registry says no such object ("No match for", "NOT FOUND", RDAP 404 ...). */
    AVAILABLE("available"),
    /** The registry says the name is reserved or blocked and cannot be registered. */
    RESERVED("reserved"),
    /**
     * The registry refuses the name itself: not a valid name under its rules, or one its policy does not allow
     * ("invalid domain name", EURid's and DENIC's "not allowed"/"invalid"). Not data about an object.
     */
    INVALID("invalid"),
    /** The server refused to answer because of a rate limit or quota: not data about the object. */
    THROTTLED("throttled"),
    /** The answer could not be read as any of the above. */
    UNKNOWN("unknown");

    private final String id;

    RegistrationStatus(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
