package io.infrapivot.source.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a web server's TLS certificate says — SANs, subject, issuer, serial, SHA-256, validity — and whether it
 * validated: trusted by the JVM's trust store, in its validity window, naming the host asked for. A certificate
 * that does not validate is still read and reported (an invalid certificate is itself a lead).
 *
 * @param sha256   lower-case hex SHA-256 of the DER encoding (the {@code cert} indicator)
 * @param names    DNS names and IP addresses of the subject alternative names
 * @param problems why it does not validate; empty when it does
 */
public record CertificateDetails(String sha256, String subject, String issuer, String serial, Instant notBefore,
                                 Instant notAfter, List<String> names, List<String> problems) {
    private static final int MAX_NAMES = 1000;

    public CertificateDetails {
        names = List.copyOf(names);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * Reads the leaf of a chain.
     *
     * @param trustFailure what the trust manager said, or null when it trusted the chain
     * @param host         the host name asked for (checked against the SANs), or null
     * @param now          the time the validity window is checked against
     */
    public static CertificateDetails of(X509Certificate[] chain, String trustFailure, String host, Instant now) {
        X509Certificate leaf = chain[0];
        List<String> names = new ArrayList<>();
        try {
            var sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (names.size() >= MAX_NAMES) break;
                    Object type = san.get(0);
                    if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type))
                            && san.get(1) instanceof String v) {
                        names.add(v.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SANs: the certificate is still reported
        }
        List<String> problems = new ArrayList<>();
        boolean selfSigned = chain.length == 1
                && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
        if (trustFailure != null) {
            problems.add(selfSigned ? "self-signed" : "not trusted: " + Safe.oneLine(Safe.truncate(trustFailure, 200)));
        }
        Instant nb = leaf.getNotBefore().toInstant();
        Instant na = leaf.getNotAfter().toInstant();
        if (now.isAfter(na)) problems.add("expired");
        if (now.isBefore(nb)) problems.add("not yet valid");
        if (host != null && !covers(names, host)) problems.add("does not name " + Safe.oneLine(Safe.truncate(host, 80)));
        return new CertificateDetails(sha256(leaf), leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), leaf.getSerialNumber().toString(16), nb, na, names, problems);
    }

    /** Whether the SANs cover {@code host} (one left-most wildcard label, as browsers match). */
    static boolean covers(List<String> names, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        for (String n : names) {
            if (n.equals(h)) return true;
            if (n.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.') + 1).equals(n.substring(2))) {
                return true;
            }
        }
        return false;
    }

    static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** The details as a fact's value. */
    public ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sha256", sha256);
        o.put("subject", subject);
        o.put("issuer", issuer);
        o.put("serial", serial);
        o.put("not_before", notBefore.toString());
        o.put("not_after", notAfter.toString());
        ArrayNode n = o.putArray("names");
        names.forEach(n::add);
        o.put("valid", valid());
        ArrayNode p = o.putArray("problems");
        problems.forEach(p::add);
        return o;
    }
}
