package io.infrapivot.app.maltego;

import static io.infrapivot.model.IndicatorType.ASN;
import static io.infrapivot.model.IndicatorType.CERT;
import static io.infrapivot.model.IndicatorType.CIDR;
import static io.infrapivot.model.IndicatorType.DOMAIN;
import static io.infrapivot.model.IndicatorType.EMAIL;
import static io.infrapivot.model.IndicatorType.HASH;
import static io.infrapivot.model.IndicatorType.HOST;
import static io.infrapivot.model.IndicatorType.IP;
import static io.infrapivot.model.IndicatorType.ORG;
import static io.infrapivot.model.IndicatorType.PERSON;
import static io.infrapivot.model.IndicatorType.PHONE;
import static io.infrapivot.model.IndicatorType.URL;
import static io.infrapivot.model.Relation.ALIAS_OF;
import static io.infrapivot.model.Relation.ANNOUNCED_BY;
import static io.infrapivot.model.Relation.CERT_NAME;
import static io.infrapivot.model.Relation.CO_HOSTED;
import static io.infrapivot.model.Relation.COMMUNICATES_WITH;
import static io.infrapivot.model.Relation.CONTAINS;
import static io.infrapivot.model.Relation.DOWNLOADED_FROM;
import static io.infrapivot.model.Relation.IN_NETBLOCK;
import static io.infrapivot.model.Relation.MAIL_SERVER;
import static io.infrapivot.model.Relation.NAME_SERVER;
import static io.infrapivot.model.Relation.NETWORK_OWNER;
import static io.infrapivot.model.Relation.PTR;
import static io.infrapivot.model.Relation.REGISTRANT_EMAIL;
import static io.infrapivot.model.Relation.REGISTRANT_NAME;
import static io.infrapivot.model.Relation.REGISTRANT_ORG;
import static io.infrapivot.model.Relation.REGISTRANT_PHONE;
import static io.infrapivot.model.Relation.REGISTRAR;
import static io.infrapivot.model.Relation.RELATED;
import static io.infrapivot.model.Relation.RESOLVES_TO;
import static io.infrapivot.model.Relation.SUBDOMAIN;
import static io.infrapivot.model.Relation.SUBDOMAIN_OF;
import static io.infrapivot.model.Relation.URL_HOST;

import io.infrapivot.app.maltego.MaltegoTransform.Hop;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The transform table. Maltego hands a local transform only the entity's value, so there is one transform
 * per input entity type and question; each is declared here (input type, relations asked hop by hop,
 * relations returned) and run by {@link TransformRunner}.
 */
public final class Transforms {
    private Transforms() {}

    static final Set<IndicatorType> NAMES = Set.of(DOMAIN, HOST);
    static final Set<Relation> REGISTRANT = Set.of(REGISTRANT_EMAIL, REGISTRANT_NAME, REGISTRANT_ORG, REGISTRANT_PHONE);
    static final Set<Relation> REGISTRANT_AND_REGISTRAR = Set.of(REGISTRANT_EMAIL, REGISTRANT_NAME, REGISTRANT_ORG,
            REGISTRANT_PHONE, REGISTRAR);

    /** Every transform, in the order {@code maltego list} and the .mtz show them. */
    public static final List<MaltegoTransform> ALL = build();

    private static List<MaltegoTransform> build() {
        List<MaltegoTransform> all = new ArrayList<>();
        // domains and host names
        for (String[] in : new String[][] {{"Domain", "maltego.Domain"}, {"DNSName", "maltego.DNSName"}}) {
            String p = in[0];
            String entity = in[1];
            List<IndicatorType> types = p.equals("Domain") ? List.of(DOMAIN, HOST) : List.of(HOST, DOMAIN);
            all.add(one(p + "ToIPs", "To IP addresses [infrapivot]", entity, types, Hop.of(NAMES, RESOLVES_TO),
                    Set.of(RESOLVES_TO), "IPv4/IPv6 addresses the name resolves or resolved to (DNS, passive DNS), with first/last seen"));
            all.add(new MaltegoTransform("infrapivot." + p + "ToCoHostedDomains", "To co-hosted domains [infrapivot]",
                    entity, types, List.of(Hop.of(NAMES, RESOLVES_TO), Hop.of(Set.of(IP), RESOLVES_TO, CO_HOSTED, PTR)),
                    null, Set.of(RESOLVES_TO, CO_HOSTED, PTR),
                    "other names on the name's IP addresses (passive DNS, reverse IP); shared hosting, CDNs and sinkholes are returned marked, not expanded"));
            all.add(one(p + "ToNameServers", "To name servers [infrapivot]", entity, types, Hop.of(NAMES, NAME_SERVER),
                    Set.of(NAME_SERVER), "NS records (DNS, RDAP/WHOIS, passive DNS)"));
            all.add(one(p + "ToMailServers", "To mail servers [infrapivot]", entity, types, Hop.of(NAMES, MAIL_SERVER),
                    Set.of(MAIL_SERVER), "MX records (DNS, passive DNS)"));
            all.add(new MaltegoTransform("infrapivot." + p + "ToCertificateNames", "To certificate names [infrapivot]",
                    entity, types, List.of(Hop.of(NAMES, CERT_NAME), Hop.of(Set.of(CERT), CERT_NAME)), null,
                    Set.of(CERT_NAME), "certificates for the name (certificate transparency) and the other names they cover"));
        }
        List<IndicatorType> domain = List.of(DOMAIN, HOST);
        all.add(one("DomainToSubdomains", "To subdomains [infrapivot]", "maltego.Domain", domain,
                Hop.of(NAMES, SUBDOMAIN), Set.of(SUBDOMAIN), "host names below the domain (passive DNS, CT, search)"));
        all.add(one("DomainToRegistrant", "To registrant [infrapivot]", "maltego.Domain", domain,
                new Hop(NAMES, REGISTRANT_AND_REGISTRAR, List.of()), REGISTRANT_AND_REGISTRAR,
                "registrant email, person, organisation and phone, and the registrar (RDAP, WHOIS, registration services)"));
        all.add(one("DomainToHistoricalWhois", "To historical WHOIS [infrapivot]", "maltego.Domain", domain,
                new Hop(NAMES, REGISTRANT_AND_REGISTRAR, List.of("case")), REGISTRANT_AND_REGISTRAR,
                "every registrant and registrar the sources and the case's earlier lookups ever saw, each with first/last seen"));
        all.add(new MaltegoTransform("infrapivot.DomainToSameRegistrantDomains", "To domains with same registrant [infrapivot]",
                "maltego.Domain", domain, List.of(new Hop(NAMES, REGISTRANT, List.of()),
                        new Hop(Set.of(EMAIL, ORG, PERSON, PHONE), REGISTRANT, List.of())), null, REGISTRANT,
                "the registrant's other domains (reverse WHOIS); privacy services and bulk registrants are returned marked, not expanded"));
        // addresses
        for (String[] in : new String[][] {{"IPv4", "maltego.IPv4Address"}, {"IPv6", "maltego.IPv6Address"}}) {
            all.add(one(in[0] + "ToDomains", "To domains and host names [infrapivot]", in[1], List.of(IP),
                    Hop.of(Set.of(IP), RESOLVES_TO, CO_HOSTED, PTR), Set.of(RESOLVES_TO, CO_HOSTED, PTR),
                    "names that resolve or resolved to the address (passive DNS, reverse IP, PTR); a shared-hosting address is returned marked, not expanded"));
            all.add(one(in[0] + "ToNetblockAndAS", "To ASN/netblock [infrapivot]", in[1], List.of(IP),
                    Hop.of(Set.of(IP), IN_NETBLOCK, ANNOUNCED_BY, NETWORK_OWNER), Set.of(IN_NETBLOCK, ANNOUNCED_BY, NETWORK_OWNER),
                    "the registered netblock, the announcing AS and the network's holder (RDAP, WHOIS, Team Cymru)"));
        }
        all.add(one("NetblockToAS", "To AS and holder [infrapivot]", "maltego.Netblock", List.of(CIDR),
                Hop.of(Set.of(CIDR), ANNOUNCED_BY, NETWORK_OWNER), Set.of(ANNOUNCED_BY, NETWORK_OWNER),
                "the AS announcing the network and its holder (RDAP, WHOIS)"));
        all.add(one("NetblockToNames", "To host names (PTR) [infrapivot]", "maltego.Netblock", List.of(CIDR),
                Hop.of(Set.of(CIDR), PTR), Set.of(PTR), "PTR names of the network's addresses (small networks)"));
        all.add(one("ASToHolder", "To holder and netblocks [infrapivot]", "maltego.AS", List.of(ASN),
                Hop.of(Set.of(ASN), NETWORK_OWNER, ANNOUNCED_BY, IN_NETBLOCK), Set.of(NETWORK_OWNER, ANNOUNCED_BY, IN_NETBLOCK),
                "the AS's holder and the networks it announces (RDAP, WHOIS, Team Cymru)"));
        // registrants
        all.add(one("EmailToDomains", "To domains registered with it [infrapivot]", "maltego.EmailAddress", List.of(EMAIL),
                Hop.of(Set.of(EMAIL), REGISTRANT_EMAIL), Set.of(REGISTRANT_EMAIL),
                "domains whose registration names the address (reverse WHOIS); a privacy service's address is returned marked, not expanded"));
        all.add(one("PersonToDomains", "To domains registered by [infrapivot]", "maltego.Person", List.of(PERSON),
                Hop.of(Set.of(PERSON), REGISTRANT_NAME), Set.of(REGISTRANT_NAME), "domains registered in the person's name (reverse WHOIS)"));
        all.add(one("OrganizationToDomains", "To domains registered by [infrapivot]", "maltego.Organization", List.of(ORG),
                Hop.of(Set.of(ORG), REGISTRANT_ORG), Set.of(REGISTRANT_ORG), "domains registered to the organisation (reverse WHOIS)"));
        all.add(one("PhoneToDomains", "To domains registered with it [infrapivot]", "maltego.PhoneNumber", List.of(PHONE),
                Hop.of(Set.of(PHONE), REGISTRANT_PHONE), Set.of(REGISTRANT_PHONE), "domains whose registration names the phone number (reverse WHOIS)"));
        // certificates, URLs, files
        all.add(one("CertificateToNames", "To certificate names [infrapivot]", "maltego.X509Certificate", List.of(CERT),
                Hop.of(Set.of(CERT), CERT_NAME), Set.of(CERT_NAME), "the names the certificate covers (certificate transparency)"));
        all.add(one("URLToHost", "To host [infrapivot]", "maltego.URL", List.of(URL),
                Hop.of(Set.of(URL), URL_HOST), Set.of(URL_HOST), "the host, domain or IP the URL points at"));
        all.add(one("HashToInfrastructure", "To infrastructure [infrapivot]", "maltego.Hash", List.of(HASH),
                Hop.of(Set.of(HASH), COMMUNICATES_WITH, CONTAINS, DOWNLOADED_FROM, RELATED),
                Set.of(COMMUNICATES_WITH, CONTAINS, DOWNLOADED_FROM, RELATED),
                "hosts, IPs and URLs the file contacted, contains or was served from (file-analysis services)"));
        all.add(one("DNSNameToDomain", "To registrable domain [infrapivot]", "maltego.DNSName", List.of(HOST, DOMAIN),
                Hop.of(NAMES, SUBDOMAIN_OF, ALIAS_OF), Set.of(SUBDOMAIN_OF, ALIAS_OF),
                "the registrable domain above the name and the name it is an alias of (offline, DNS)"));
        // recipes: a whole pivot from the entity, the counterpart of a Maltego machine
        all.add(recipe("Domain", "maltego.Domain", domain, "domain"));
        all.add(recipe("DNSName", "maltego.DNSName", List.of(HOST, DOMAIN), "domain"));
        all.add(recipe("IPv4", "maltego.IPv4Address", List.of(IP), "ip"));
        all.add(recipe("IPv6", "maltego.IPv6Address", List.of(IP), "ip"));
        all.add(recipe("Email", "maltego.EmailAddress", List.of(EMAIL), "email"));
        all.add(recipe("Hash", "maltego.Hash", List.of(HASH), "file"));
        return List.copyOf(all);
    }

    private static MaltegoTransform one(String id, String display, String entity, List<IndicatorType> types, Hop hop,
                                        Set<Relation> output, String returns) {
        return new MaltegoTransform("infrapivot." + id, display, entity, types, List.of(hop), null, output, returns);
    }

    private static MaltegoTransform recipe(String prefix, String entity, List<IndicatorType> types, String recipe) {
        return new MaltegoTransform("infrapivot." + prefix + "RunRecipe" + Character.toUpperCase(recipe.charAt(0))
                + recipe.substring(1), "Run recipe " + recipe + " [infrapivot]", entity, types, List.of(), recipe, Set.of(),
                "every indicator the '" + recipe + "' recipe reaches (infrapivot recipes " + recipe
                        + "), with the path it was reached by; marked noise is returned, not expanded");
    }

    /** The transform by name (with or without the {@code infrapivot.} prefix, any case). */
    public static Optional<MaltegoTransform> byName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim();
        for (MaltegoTransform t : ALL) {
            if (t.name().equalsIgnoreCase(n) || t.name().substring("infrapivot.".length()).equalsIgnoreCase(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
