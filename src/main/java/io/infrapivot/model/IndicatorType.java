package io.infrapivot.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The closed set of indicator types. {@link #id()} is the stable name used in JSON, the CLI and the store. */
public enum IndicatorType {
    IP("ip"),
    CIDR("cidr"),
    ASN("asn"),
    /** A registrable domain (eTLD+1 by the whole Public Suffix List), or a public suffix itself. */
    DOMAIN("domain"),
    /** A name below a registrable domain. */
    HOST("host"),
    URL("url"),
    EMAIL("email"),
    HASH("hash"),
    /** A local file, identified by its SHA-256. */
    FILE("file"),
    ANALYTICS_ID("analytics-id"),
    /** A certificate, by SHA-256 fingerprint (or issuer+serial where no fingerprint is known). */
    CERT("cert"),
    ORG("org"),
    PERSON("person"),
    PHONE("phone");

    private final String id;

    IndicatorType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Looks a type up by its id (case-insensitive; {@code _} and {@code -} are the same). */
    public static Optional<IndicatorType> fromId(String id) {
        if (id == null) return Optional.empty();
        String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.id.equals(norm)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
