package io.infrapivot.source.dns;

/**
 * An indicator as DNS gave it, before the indicator parser has seen it: a kind and the text.
 *
 * @param kind what the text should parse as
 * @param text the text (a name without trailing dot, an address, a network, an email, an AS number)
 */
public record Ref(Kind kind, String text) {
    /** What a reference should become. */
    public enum Kind { NAME, IP, CIDR, EMAIL, ASN }

    public static Ref name(String text) {
        return new Ref(Kind.NAME, text);
    }

    public static Ref name(org.xbill.DNS.Name name) {
        return new Ref(Kind.NAME, DnsNames.text(name));
    }

    public static Ref ip(String text) {
        return new Ref(Kind.IP, text);
    }

    public static Ref cidr(String text) {
        return new Ref(Kind.CIDR, text);
    }

    public static Ref email(String text) {
        return new Ref(Kind.EMAIL, text);
    }

    public static Ref asn(String text) {
        return new Ref(Kind.ASN, text);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + text;
    }
}
