package io.infrapivot.app.export;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.util.Map;
import java.util.UUID;

/** MISP attribute types and categories for indicators, and the object templates links are written as. */
final class Misp {
    /** A MISP attribute's type and category. */
    record AttributeType(String type, String category, boolean ids) {}

    /** An object template (uuid and version from MISP/misp-objects). */
    record Template(String name, String uuid, int version) {}

    static final Template DOMAIN_IP = new Template("domain-ip", "43b3b146-77eb-4931-b4cc-b66c60f28734", 11);
    static final Template WHOIS = new Template("whois", "429faea1-34ff-47af-8a00-7c62d3be5a6a", 10);
    static final Template PASSIVE_DNS = new Template("passive-dns", "b77b7b1c-66ab-4a41-8da4-83810f6d2d6c", 5);
    static final Template X509 = new Template("x509", "d1ab756a-26b5-4349-9f43-765630f0911c", 14);
    static final Template ASN = new Template("asn", "4ec55cc6-9e49-4c64-b794-03c25c1a6587", 6);
    static final Template DNS_RECORD = new Template("dns-record", "f023c8f0-81ab-41f3-9f5d-fa597a34a9b9", 2);
    static final Map<String, Template> TEMPLATES = Map.of(DOMAIN_IP.name(), DOMAIN_IP, WHOIS.name(), WHOIS,
            PASSIVE_DNS.name(), PASSIVE_DNS, X509.name(), X509, ASN.name(), ASN, DNS_RECORD.name(), DNS_RECORD);

    private Misp() {
    }

    static UUID uuid(String what) {
        return Stix.uuid5(Stix.NAMESPACE, "misp " + what);
    }

    /** The event attribute an indicator is written as; {@code relationsIn} picks whois types for contacts. */
    static AttributeType attributeType(Indicator i, long relationsIn) {
        String v = i.value();
        return switch (i.type()) {
            case DOMAIN -> new AttributeType("domain", "Network activity", true);
            case HOST -> new AttributeType("hostname", "Network activity", true);
            case IP, CIDR -> new AttributeType("ip-dst", "Network activity", true);
            case URL -> new AttributeType("url", "Network activity", true);
            case ASN -> new AttributeType("AS", "Network activity", false);
            case EMAIL -> (relationsIn & (1L << Relation.REGISTRANT_EMAIL.ordinal())) != 0
                    ? new AttributeType("whois-registrant-email", "Attribution", false)
                    : new AttributeType("email-src", "Payload delivery", true);
            case HASH -> new AttributeType(hashType(v), "Payload delivery", true);
            case FILE -> new AttributeType("sha256", "Payload delivery", true);
            case CERT -> v.length() == 64 ? new AttributeType("x509-fingerprint-sha256", "Network activity", false)
                    : v.length() == 40 ? new AttributeType("x509-fingerprint-sha1", "Network activity", false)
                    : new AttributeType("text", "Other", false);
            case ORG -> new AttributeType("whois-registrant-org", "Attribution", false);
            case PERSON -> new AttributeType("whois-registrant-name", "Attribution", false);
            case PHONE -> new AttributeType("whois-registrant-phone", "Attribution", false);
            case ANALYTICS_ID -> new AttributeType("text", "Other", false);
        };
    }

    static String hashType(String v) {
        return switch (Stix.hashAlgorithm(v)) {
            case "MD5" -> "md5";
            case "SHA-1" -> "sha1";
            case "SHA-224" -> "sha224";
            case "SHA-384" -> "sha384";
            case "SHA-512" -> "sha512";
            case "SSDEEP" -> "ssdeep";
            case "TLSH" -> "tlsh";
            default -> "sha256";
        };
    }

    /** The attribute value as MISP writes it (AS numbers without "AS"). */
    static String value(Indicator i) {
        return i.type() == IndicatorType.ASN ? i.value().substring(2) : i.value();
    }

    /** The relationship (from MISP's relationship list) an object reference gets for a relation. */
    static String relationship(Relation r) {
        return switch (r) {
            case RESOLVES_TO -> "resolves-to";
            case ANNOUNCED_BY, IN_NETBLOCK -> "belongs-to";
            case SUBDOMAIN_OF -> "subdomain-of";
            case CONTAINS -> "contains";
            case COMMUNICATES_WITH -> "communicates-with";
            case DOWNLOADED_FROM -> "downloaded-from";
            case REGISTRAR, REGISTRANT_EMAIL, REGISTRANT_NAME, REGISTRANT_ORG, REGISTRANT_PHONE -> "registered-to";
            default -> "related-to";
        };
    }
}
