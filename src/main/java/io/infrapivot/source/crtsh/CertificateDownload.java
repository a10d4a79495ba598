package io.infrapivot.source.crtsh;

import io.infrapivot.source.thirdparty.CertRecord;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate downloaded from crt.sh ({@code /?d=ID}, PEM) gives the fingerprint crt.sh's JSON lacks: the
 * SHA-256 of its DER bytes. The certificate is parsed with the JDK's X.509 reader and its serial must match
 * the entry's, so a wrong or tampered download never lends its fingerprint to another entry.
 */
public final class CertificateDownload {
    private CertificateDownload() {}

    /** The entry with its SHA-256 filled in, or the entry unchanged when the PEM is not its certificate. */
    public static CertRecord withFingerprint(CertRecord entry, String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            if (entry.serial() == null || !cert.getSerialNumber().equals(new BigInteger(entry.serial(), 16))) {
                return entry;
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))
                    .toLowerCase(Locale.ROOT);
            return new CertRecord(sha, entry.tbsSha256(), entry.serial(), entry.issuer(), entry.issuerOrg(),
                    entry.notBefore(), entry.notAfter(), entry.names(), entry.serviceId());
        } catch (GeneralSecurityException | RuntimeException e) {
            return entry;
        }
    }
}
