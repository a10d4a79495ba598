package io.infrapivot.app.maltego;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;

/**
 * Maltego's standard entity types for infrapivot's indicators: the type, and the property that holds the
 * value (Maltego matches entities on it).
 */
public final class EntityTypes {
    private EntityTypes() {}

    /** A Maltego entity type and its value property. */
    public record Type(String name, String property, String propertyDisplay) {}

    public static final Type DOMAIN = new Type("maltego.Domain", "fqdn", "Domain Name");
    public static final Type DNS_NAME = new Type("maltego.DNSName", "fqdn", "DNS Name");
    public static final Type NS_RECORD = new Type("maltego.NSRecord", "fqdn", "NS Record");
    public static final Type MX_RECORD = new Type("maltego.MXRecord", "fqdn", "MX Record");
    public static final Type IPV4 = new Type("maltego.IPv4Address", "ipv4-address", "IP Address");
    public static final Type IPV6 = new Type("maltego.IPv6Address", "ipv6-address", "IPv6 Address");
    public static final Type EMAIL = new Type("maltego.EmailAddress", "email", "Email Address");
    public static final Type URL = new Type("maltego.URL", "url", "URL");
    public static final Type AS = new Type("maltego.AS", "as.number", "AS Number");
    public static final Type NETBLOCK = new Type("maltego.Netblock", "ipv4-range", "IP Range");
    public static final Type HASH = new Type("maltego.Hash", "properties.hash", "Hash");
    public static final Type PERSON = new Type("maltego.Person", "person.fullname", "Full Name");
    public static final Type ORGANIZATION = new Type("maltego.Organization", "title", "Name");
    public static final Type PHONE = new Type("maltego.PhoneNumber", "phonenumber", "Phone Number");
    public static final Type CERTIFICATE = new Type("maltego.X509Certificate", "subject", "Subject");
    public static final Type PHRASE = new Type("maltego.Phrase", "text", "Text");

    /**
     * The entity type of an indicator reached through {@code via} (null for a seed): a name reached as a
     * name server is an NS record, as a mail server an MX record.
     */
    public static Type of(Indicator indicator, Relation via, boolean viaObjectSide) {
        return switch (indicator.type()) {
            case DOMAIN, HOST -> {
                if (via == Relation.NAME_SERVER && viaObjectSide) yield NS_RECORD;
                if (via == Relation.MAIL_SERVER && viaObjectSide) yield MX_RECORD;
                yield indicator.type() == io.infrapivot.model.IndicatorType.DOMAIN ? DOMAIN : DNS_NAME;
            }
            case IP -> indicator.value().contains(":") ? IPV6 : IPV4;
            case CIDR -> NETBLOCK;
            case ASN -> AS;
            case URL -> URL;
            case EMAIL -> EMAIL;
            case HASH, FILE -> HASH;
            case CERT -> CERTIFICATE;
            case ORG -> ORGANIZATION;
            case PERSON -> PERSON;
            case PHONE -> PHONE;
            case ANALYTICS_ID -> PHRASE;
        };
    }

    /** The value as Maltego shows it: an AS as its bare number. */
    public static String value(Indicator indicator) {
        if (indicator.type() == io.infrapivot.model.IndicatorType.ASN) {
            String v = indicator.value();
            return v.regionMatches(true, 0, "AS", 0, 2) ? v.substring(2) : v;
        }
        return indicator.value();
    }
}
