package io.infrapivot.source.thirdparty;

import java.time.Instant;
import java.util.List;

/**
 * One certificate as a certificate-transparency service reports it.
 *
 * @param sha256     SHA-256 fingerprint of the certificate (hex), or null when the service does not give it
 * @param tbsSha256  SHA-256 of the TBSCertificate (Certspotter), or null
 * @param serial     serial number (hex), or null
 * @param issuer     issuer distinguished name, or null
 * @param issuerOrg  the issuer's organisation (O=), or its friendly name, or null
 * @param notBefore  start of validity, or null
 * @param notAfter   end of validity, or null
 * @param names      the DNS names it covers (wildcards kept as "*.example.com")
 * @param serviceId  the service's own id of the entry (crt.sh id, Certspotter issuance id), or null
 */
public record CertRecord(String sha256, String tbsSha256, String serial, String issuer, String issuerOrg,
                         Instant notBefore, Instant notAfter, List<String> names, String serviceId) {
    public CertRecord {
        names = List.copyOf(names);
    }

    /** The O= value of a distinguished name such as {@code C=US, O=Let's Encrypt, CN=R3}, or null. */
    public static String organisationOf(String dn) {
        if (dn == null) return null;
        for (String part : dn.split(",(?=\\s*[A-Za-z.]+=)")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "O=", 0, 2)) {
                String v = p.substring(2).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v.isBlank() ? null : v;
            }
        }
        return null;
    }
}
