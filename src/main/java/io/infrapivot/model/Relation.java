package io.infrapivot.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The closed set of relations an observation may carry (docs/relations.md lists them with their
 * meaning). A {@link Kind#LINK} joins two indicators; an {@link Kind#ATTRIBUTE} gives one indicator a
 * structured value (a registration record, a classification, a verdict) or a plain value (a token).
 */
public enum Relation {
    // DNS
    RESOLVES_TO("resolves-to", Kind.LINK, Section.DNS, "name has an A/AAAA record (or passive-DNS resolution) to the IP"),
    ALIAS_OF("alias-of", Kind.LINK, Section.DNS, "name is a CNAME of the object name"),
    NAME_SERVER("name-server", Kind.LINK, Section.DNS, "domain is served by the name server"),
    MAIL_SERVER("mail-server", Kind.LINK, Section.DNS, "domain receives mail at the MX host"),
    SERVICE_HOST("service-host", Kind.LINK, Section.DNS, "an SRV or HTTPS/SVCB record names the host"),
    SOA_PRIMARY("soa-primary", Kind.LINK, Section.DNS, "SOA MNAME of the zone"),
    SOA_EMAIL("soa-email", Kind.LINK, Section.DNS, "SOA RNAME of the zone, read as an email address"),
    PTR("ptr", Kind.LINK, Section.DNS, "IP has a PTR record naming the host"),
    SPF_INCLUDE("spf-include", Kind.LINK, Section.DNS, "SPF include:/redirect=/a:/mx:/exists: names the domain or host"),
    SPF_ALLOWS("spf-allows", Kind.LINK, Section.DNS, "SPF ip4:/ip6: allows the IP or network to send mail"),
    DMARC_REPORT("dmarc-report", Kind.LINK, Section.DNS, "DMARC rua/ruf sends reports to the email address"),
    VERIFICATION_TOKEN("verification-token", Kind.ATTRIBUTE, Section.DNS, "a domain-verification TXT token (value is the token)"),
    DNS_RECORD("dns-record", Kind.ATTRIBUTE, Section.DNS, "a DNS record set with no indicator to pivot to (TXT, CAA, DNSSEC presence, outcome)"),
    SUBDOMAIN("subdomain", Kind.LINK, Section.DNS, "domain has the host below it (discovered, not parsed)"),
    // naming (offline, from the parser)
    SUBDOMAIN_OF("subdomain-of", Kind.LINK, Section.CLASSIFICATION, "host lies below the registrable domain"),
    URL_HOST("url-host", Kind.LINK, Section.CLASSIFICATION, "URL points at the host, domain or IP"),
    EMAIL_DOMAIN("email-domain", Kind.LINK, Section.CLASSIFICATION, "email address is at the domain"),
    CLASSIFICATION("classification", Kind.ATTRIBUTE, Section.CLASSIFICATION, "what the parser knows: suffix, registrable domain, range flags"),
    NOISE("noise", Kind.ATTRIBUTE, Section.CLASSIFICATION, "the pivot engine marked the indicator (shared hosting, CDN/cloud, special range, sinkhole, parking, privacy service, popular): recorded, not expanded"),
    // registration
    REGISTRATION("registration", Kind.ATTRIBUTE, Section.REGISTRATION, "a normalised registration record (RDAP/WHOIS)"),
    REGISTRAR("registrar", Kind.LINK, Section.REGISTRATION, "domain is registered through the registrar (org)"),
    REGISTRANT_EMAIL("registrant-email", Kind.LINK, Section.REGISTRATION, "a registration contact email"),
    REGISTRANT_NAME("registrant-name", Kind.LINK, Section.REGISTRATION, "a registration contact person"),
    REGISTRANT_ORG("registrant-org", Kind.LINK, Section.REGISTRATION, "a registration contact organisation"),
    REGISTRANT_PHONE("registrant-phone", Kind.LINK, Section.REGISTRATION, "a registration contact phone"),
    ABUSE_EMAIL("abuse-email", Kind.LINK, Section.REGISTRATION, "abuse contact of the registrar or network"),
    IN_NETBLOCK("in-netblock", Kind.LINK, Section.ROUTING, "IP lies in the registered network"),
    ANNOUNCED_BY("announced-by", Kind.LINK, Section.ROUTING, "IP or network is announced by the ASN"),
    NETWORK_OWNER("network-owner", Kind.LINK, Section.ROUTING, "network or ASN is held by the organisation"),
    GEOLOCATION("geolocation", Kind.ATTRIBUTE, Section.ROUTING, "where a geolocation source places the IP"),
    // reputation
    LISTED_ON("listed-on", Kind.ATTRIBUTE, Section.REPUTATION, "indicator is listed on a blocklist (value names the list and meaning)"),
    VERDICT("verdict", Kind.ATTRIBUTE, Section.REPUTATION, "a reputation verdict from a source"),
    // certificates and web
    CERT_NAME("cert-name", Kind.LINK, Section.CERTIFICATES, "certificate covers the name"),
    CERT_ISSUER("cert-issuer", Kind.LINK, Section.CERTIFICATES, "certificate was issued by the organisation"),
    USES_ANALYTICS_ID("uses-analytics-id", Kind.LINK, Section.WEB, "a page of the name carries the analytics/ad ID"),
    // files
    CONTAINS("contains", Kind.LINK, Section.FILES, "file contains the indicator"),
    HAS_HASH("has-hash", Kind.LINK, Section.FILES, "file has the hash"),
    COMMUNICATES_WITH("communicates-with", Kind.LINK, Section.FILES, "file contacted the host, IP or URL when run"),
    DOWNLOADED_FROM("downloaded-from", Kind.LINK, Section.FILES, "file was served at the URL"),
    FILE_PROPERTY("file-property", Kind.ATTRIBUTE, Section.FILES, "what the file's own bytes show: size, format, PE/ELF/Mach-O header facts (imphash, rich-header hash, compile time, sections, signer)"),
    // history / co-hosting
    CO_HOSTED("co-hosted", Kind.LINK, Section.HISTORY, "IP or name server carries the name (reverse lookup)"),
    RELATED("related", Kind.LINK, Section.HISTORY, "a source relates the two indicators without saying how"),
    REDIRECTS_TO("redirects-to", Kind.LINK, Section.WEB, "fetching the URL (or the name's home page) was redirected to the URL"),
    LINKS_TO("links-to", Kind.LINK, Section.WEB, "the page loads or links to something on the domain or host"),
    FAVICON_HASH("favicon-hash", Kind.LINK, Section.WEB, "the name's or IP's web favicon has the hash (mmh3:N, as Shodan computes it)"),
    SERVES_CERTIFICATE("serves-certificate", Kind.LINK, Section.CERTIFICATES, "the name or IP presented the TLS certificate (value: its details and validation)"),
    WEB_PAGE("web-page", Kind.ATTRIBUTE, Section.WEB, "what a fetch of the page found: final URL, status, title, server headers, verification tags"),
    SCAN("scan", Kind.ATTRIBUTE, Section.REPUTATION, "what an Internet scanner saw on the IP: open ports, services, vulnerabilities, last update");

    public enum Kind { LINK, ATTRIBUTE }

    /** The question a relation answers; lookup reports group by it. */
    public enum Section {
        CLASSIFICATION("classification"), REGISTRATION("registration"), DNS("dns"), ROUTING("routing"),
        HISTORY("history"), REPUTATION("reputation"), CERTIFICATES("certificates"), WEB("web"), FILES("files");

        private final String id;

        Section(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final String id;
    private final Kind kind;
    private final Section section;
    private final String description;

    Relation(String id, Kind kind, Section section, String description) {
        this.id = id;
        this.kind = kind;
        this.section = section;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public Section section() {
        return section;
    }

    public String description() {
        return description;
    }

    public static Optional<Relation> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
