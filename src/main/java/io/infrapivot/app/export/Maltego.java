package io.infrapivot.app.export;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import java.util.Map;
import java.util.Optional;

/** Maltego's standard entity types for infrapivot's indicator types (MTGX export and import). */
final class Maltego {
    static final String NS = "http://maltego.paterva.com/xml/mtgx";

    /** A Maltego entity type with the name and display name of its main property. */
    record EntityType(String type, String property, String displayName) {}

    private static final Map<IndicatorType, EntityType> TYPES = Map.ofEntries(
            Map.entry(IndicatorType.DOMAIN, new EntityType("maltego.Domain", "fqdn", "Domain Name")),
            Map.entry(IndicatorType.HOST, new EntityType("maltego.DNSName", "fqdn", "DNS Name")),
            Map.entry(IndicatorType.CIDR, new EntityType("maltego.Netblock", "ipv4-range", "IP Range")),
            Map.entry(IndicatorType.ASN, new EntityType("maltego.AS", "as.number", "AS Number")),
            Map.entry(IndicatorType.EMAIL, new EntityType("maltego.EmailAddress", "email", "Email Address")),
            Map.entry(IndicatorType.URL, new EntityType("maltego.URL", "url", "URL")),
            Map.entry(IndicatorType.HASH, new EntityType("maltego.Hash", "properties.hash", "Hash")),
            Map.entry(IndicatorType.FILE, new EntityType("maltego.Hash", "properties.hash", "Hash")),
            Map.entry(IndicatorType.CERT, new EntityType("maltego.X509Certificate", "properties.x509certificate",
                    "Certificate")),
            Map.entry(IndicatorType.ORG, new EntityType("maltego.Organization", "title", "Name")),
            Map.entry(IndicatorType.PERSON, new EntityType("maltego.Person", "person.fullname", "Full Name")),
            Map.entry(IndicatorType.PHONE, new EntityType("maltego.PhoneNumber", "phonenumber", "Phone Number")),
            Map.entry(IndicatorType.ANALYTICS_ID, new EntityType("maltego.Phrase", "text", "Text")));
    private static final EntityType IPV4 = new EntityType("maltego.IPv4Address", "ipv4-address", "IP Address");
    private static final EntityType IPV6 = new EntityType("maltego.IPv6Address", "ipv6-address", "IPv6 Address");

    private Maltego() {
    }

    static EntityType entity(Indicator i) {
        if (i.type() == IndicatorType.IP) return i.value().contains(":") ? IPV6 : IPV4;
        return TYPES.get(i.type());
    }

    /** The main property's value: the AS number without "AS". */
    static String value(Indicator i) {
        return i.type() == IndicatorType.ASN ? i.value().substring(2) : i.value();
    }

    /** The indicator type a Maltego entity type most likely holds (import without infrapivot's own property). */
    static Optional<IndicatorType> typeOf(String maltegoType) {
        return switch (maltegoType) {
            case "maltego.Domain" -> Optional.of(IndicatorType.DOMAIN);
            case "maltego.DNSName", "maltego.NSRecord", "maltego.MXRecord", "maltego.Website" ->
                    Optional.of(IndicatorType.HOST);
            case "maltego.IPv4Address", "maltego.IPv6Address" -> Optional.of(IndicatorType.IP);
            case "maltego.Netblock" -> Optional.of(IndicatorType.CIDR);
            case "maltego.AS" -> Optional.of(IndicatorType.ASN);
            case "maltego.EmailAddress" -> Optional.of(IndicatorType.EMAIL);
            case "maltego.URL" -> Optional.of(IndicatorType.URL);
            case "maltego.Hash" -> Optional.of(IndicatorType.HASH);
            case "maltego.X509Certificate" -> Optional.of(IndicatorType.CERT);
            case "maltego.Organization", "maltego.Company" -> Optional.of(IndicatorType.ORG);
            case "maltego.Person" -> Optional.of(IndicatorType.PERSON);
            case "maltego.PhoneNumber" -> Optional.of(IndicatorType.PHONE);
            default -> Optional.empty();
        };
    }
}
