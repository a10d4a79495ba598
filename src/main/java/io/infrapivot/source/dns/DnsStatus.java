package io.infrapivot.source.dns;

/** How one DNS question ended. Each is stored and shown as itself; none is folded into another. */
public enum DnsStatus {
    /** NOERROR with at least one record of the asked type (possibly after a CNAME chain). */
    ANSWER("answer"),
    /** NOERROR but no record of the asked type: the name exists, the type does not. */
    NODATA("nodata"),
    /** The name does not exist (rcode 3). */
    NXDOMAIN("nxdomain"),
    /** The server failed (rcode 2): broken delegation, DNSSEC failure, unloaded zone. */
    SERVFAIL("servfail"),
    /** The server refused to answer (rcode 5). */
    REFUSED("refused"),
    /** No resolver answered within the timeout after every retry. */
    TIMEOUT("timeout"),
    /** Anything else: FORMERR, NOTIMP, a network error, a garbled answer. */
    ERROR("error");

    private final String id;

    DnsStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Answers worth caching and re-serving within a run (network failures are not). */
    boolean cacheable() {
        return this == ANSWER || this == NODATA || this == NXDOMAIN;
    }
}
