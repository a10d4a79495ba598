package io.infrapivot.source;

/** How a source reaches its data. */
public enum Access {
    /** Needs no network: data shipped with the tool or already in the case. Runs under --offline. */
    OFFLINE("offline"),
    /** Asks a third party (a resolver, a registry, an API); never touches the target's own servers. */
    PASSIVE("passive"),
    /** Touches the target's own infrastructure (web fetch, zone transfer, brute force); off unless --active. */
    ACTIVE("active");

    private final String id;

    Access(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
