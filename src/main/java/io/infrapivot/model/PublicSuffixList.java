package io.infrapivot.model;

import java.io.InputStream;
import java.time.LocalDate;

/**
 * The Public Suffix List, read from the list's own file format (ICANN and PRIVATE sections, wildcards,
 * exceptions). The bundled copy is dated; a newer copy fetched by {@code update-data} replaces it.
 */
public final class PublicSuffixList {

    /** Result of matching one ASCII (punycode) name. */
    public record Match(String publicSuffix, String registrableDomain, String section,
                        String icannPublicSuffix, String icannRegistrableDomain, boolean knownTld) {}

    /** Reads a list in the publicsuffix.org format; {@code date} is the list's date, {@code origin} where it came from. */
    public static PublicSuffixList parse(InputStream in, LocalDate date, String origin) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The copy shipped in the jar (resource io/infrapivot/model/public_suffix_list.dat with its .properties). */
    public static PublicSuffixList bundled() {
        throw new UnsupportedOperationException("not yet");
    }

    public LocalDate date() {
        throw new UnsupportedOperationException("not yet");
    }

    public String origin() {
        throw new UnsupportedOperationException("not yet");
    }

    public int ruleCount() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Matches a lower-case ASCII name without trailing dot. */
    public Match match(String asciiName) {
        throw new UnsupportedOperationException("not yet");
    }
}
