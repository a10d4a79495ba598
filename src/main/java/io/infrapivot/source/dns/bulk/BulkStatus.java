package io.infrapivot.source.dns.bulk;

/** The outcome of one bulk question (the same distinctions as the {@code dns} source makes). */
public enum BulkStatus {
    ANSWER("answer"), NODATA("nodata"), NXDOMAIN("nxdomain"), SERVFAIL("servfail"), REFUSED("refused"),
    TIMEOUT("timeout"), ERROR("error"), INVALID("invalid");

    private final String id;

    BulkStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
