package io.infrapivot.app.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * STIX 2.1 identifiers and the mapping of indicators to STIX Cyber-observable Objects: deterministic SCO ids
 * (STIX 2.1 §2.9: UUIDv5 in the namespace {@code 00abedb4-aa42-466c-9c01-fed23315a9b7} over the RFC 8785
 * canonical JSON of the type's id-contributing properties).
 */
public final class Stix {
    public static final UUID NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Stix() {
    }

    /** A name-based (version 5, SHA-1) UUID, RFC 9562 §5.5. */
    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }

    /** {@code type--uuid5(canonical(contributing))}. */
    public static String id(String type, ObjectNode contributing) {
        return type + "--" + uuid5(NAMESPACE, Jcs.canonical(contributing));
    }

    /**
     * The SCO (type, id-contributing properties) for an indicator, or empty for types STIX has no
     * observable for (org and person become identities; phone and analytics-id are left out).
     */
    public static Optional<Sco> sco(Indicator i) {
        String v = i.value();
        ObjectNode p = F.objectNode();
        switch (i.type()) {
            case DOMAIN, HOST -> {
                if (!isHostName(v)) return Optional.empty(); // e.g. _dmarc.example.com: STIX asks for a host name
                p.put("value", v);
                return Optional.of(new Sco("domain-name", p));
            }
            case IP, CIDR -> {
                p.put("value", v);
                return Optional.of(new Sco(v.contains(":") ? "ipv6-addr" : "ipv4-addr", p));
            }
            case EMAIL -> {
                p.put("value", v);
                return Optional.of(new Sco("email-addr", p));
            }
            case URL -> {
                p.put("value", v);
                return Optional.of(new Sco("url", p));
            }
            case ASN -> {
                p.put("number", Long.parseLong(v.substring(2)));
                return Optional.of(new Sco("autonomous-system", p));
            }
            case HASH, FILE -> {
                ObjectNode hashes = p.putObject("hashes");
                hashes.put(hashAlgorithm(v), i.type() == io.infrapivot.model.IndicatorType.HASH && isTlsh(v)
                        ? v.substring(2) : v);
                return Optional.of(new Sco("file", p));
            }
            case CERT -> {
                if (v.startsWith("serial:")) {
                    int semi = v.indexOf(';');
                    p.put("serial_number", semi < 0 ? v.substring(7) : v.substring(7, semi));
                } else {
                    p.putObject("hashes").put(v.length() == 40 ? "SHA-1" : "SHA-256", v);
                }
                return Optional.of(new Sco("x509-certificate", p));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Whether a canonical (lower-case ASCII) name is a host name as STIX's {@code idn-hostname} format asks:
     * letters, digits and inner hyphens in labels of 1 to 63 characters, at most 253 in all. Names with an
     * underscore ({@code _dmarc.}, {@code _sip._tcp.}) are DNS names but not host names.
     */
    static boolean isHostName(String v) {
        if (v.isEmpty() || v.length() > 253) return false;
        for (String label : v.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) return false;
            for (int k = 0; k < label.length(); k++) {
                char c = label.charAt(k);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
            }
        }
        return true;
    }

    /** The issuer of a {@code serial:HEX;issuer:DN} certificate name, else null. */
    static String certIssuer(String v) {
        int at = v.indexOf(";issuer:");
        return v.startsWith("serial:") && at >= 0 ? v.substring(at + 8) : null;
    }

    private static boolean isTlsh(String v) {
        return v.length() == 72 && v.toLowerCase(Locale.ROOT).startsWith("t1");
    }

    /** The STIX hash-algorithm name for a canonical hash value (by form and length). */
    static String hashAlgorithm(String v) {
        if (v.indexOf(':') >= 0) return "SSDEEP";
        if (isTlsh(v) || v.length() == 70) return "TLSH";
        return switch (v.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA-1";
            case 56 -> "SHA-224";
            case 96 -> "SHA-384";
            case 128 -> "SHA-512";
            default -> "SHA-256";
        };
    }

    /** An SCO's type and its id-contributing properties. */
    public record Sco(String type, ObjectNode properties) {
        public String id() {
            return Stix.id(type, properties);
        }
    }

    /** The identity SDO's class for org/person indicators, else null. */
    static String identityClass(Indicator i) {
        return switch (i.type()) {
            case ORG -> "organization";
            case PERSON -> "individual";
            default -> null;
        };
    }
}
