package io.infrapivot.source.whois;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * How one WHOIS server is asked and read: the query syntax, the answer's character set (null: UTF-8, falling back
 * to Latin-1 when the bytes are not UTF-8), the format family of its answers and the zone of its zone-less dates.
 *
 * @param family      parser family: icann, verisign-thin, arin, rpsl, jprs, sectioned, keyvalue, iana
 * @param format      the name recorded in the record's {@code format} (registry-specific where known)
 * @param domainQuery query for a domain ({@code %s} is the name)
 * @param ipQuery     query for an IP or network
 * @param asnQuery    query for an ASN ({@code %s} is the number without "AS")
 * @param charset     declared charset, or null
 * @param zone        zone of dates printed without one
 * @param rir         the RIR this server belongs to, or null
 */
public record ServerProfile(String family, String format, String domainQuery, String ipQuery, String asnQuery,
                            Charset charset, ZoneOffset zone, String rir) {
    private static final ServerProfile GENERIC = new ServerProfile("auto", null, "%s", "%s", "AS%s", null,
            ZoneOffset.UTC, null);
    private static final Map<String, ServerProfile> KNOWN = Map.ofEntries(
            Map.entry("whois.iana.org", simple("iana", "iana")),
            Map.entry("whois.verisign-grs.com", new ServerProfile("icann", "verisign-thin", "domain %s", "%s",
                    "AS%s", null, ZoneOffset.UTC, null)),
            Map.entry("whois.arin.net", new ServerProfile("arin", "arin", "%s", "n + %s", "a + %s", null,
                    ZoneOffset.UTC, "arin")),
            Map.entry("whois.ripe.net", rir("ripe", "-B %s")),
            Map.entry("whois.apnic.net", rir("apnic", "%s")),
            Map.entry("whois.afrinic.net", rir("afrinic", "-B %s")),
            Map.entry("whois.lacnic.net", rir("lacnic", "%s")),
            Map.entry("whois.nic.uk", simple("sectioned", "nominet")),
            Map.entry("whois.denic.de", new ServerProfile("keyvalue", "denic", "-T dn,ace %s", "%s", "%s",
                    StandardCharsets.UTF_8, ZoneOffset.UTC, null)),
            Map.entry("whois.jprs.jp", new ServerProfile("jprs", "jprs", "%s/e", "%s", "%s",
                    StandardCharsets.UTF_8, ZoneOffset.ofHours(9), null)),
            Map.entry("whois.nic.fr", simple("rpsl", "afnic")),
            Map.entry("whois.domain-registry.nl", simple("sectioned", "sidn")),
            Map.entry("whois.eu", simple("sectioned", "eurid")),
            Map.entry("whois.nic.it", simple("sectioned", "nic-it")),
            Map.entry("whois.tcinet.ru", simple("keyvalue", "tci")),
            Map.entry("whois.registro.br", simple("rpsl", "registro-br")),
            Map.entry("whois.auda.org.au", simple("keyvalue", "auda")),
            Map.entry("whois.tonic.to", simple("tonic", "tonic")),
            Map.entry("whois.cnnic.cn", new ServerProfile("keyvalue", "cnnic", "%s", "%s", "%s", null,
                    ZoneOffset.ofHours(8), null)));

    /** The profile of a host (lower case, without port); a generic one for hosts not listed. */
    public static ServerProfile of(String host) {
        if (host == null) return GENERIC;
        return KNOWN.getOrDefault(host.toLowerCase(Locale.ROOT), GENERIC);
    }

    /** This profile with another zone for dates printed without one. */
    public ServerProfile withZone(ZoneOffset other) {
        return new ServerProfile(family, format, domainQuery, ipQuery, asnQuery, charset, other, rir);
    }

    /** Whether the host is one of the five RIRs' servers. */
    public static boolean isRir(String host) {
        return of(host).rir() != null;
    }

    private static ServerProfile simple(String family, String format) {
        return new ServerProfile(family, format, "%s", "%s", "AS%s", null, ZoneOffset.UTC, null);
    }

    private static ServerProfile rir(String name, String template) {
        return new ServerProfile("rpsl", name, template, template, template.replace("%s", "AS%s"), null,
                ZoneOffset.UTC, name);
    }
}
