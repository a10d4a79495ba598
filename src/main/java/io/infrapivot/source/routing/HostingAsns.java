package io.infrapivot.source.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The autonomous systems of big CDN, cloud and hosting providers (shipped list {@code hosting-asns.txt}): an
 * announced prefix of one of them holds many unrelated customers, so the routing sources mark it and the noise
 * rules keep a pivot from expanding such an ASN into its thousands of prefixes. Immutable.
 */
public final class HostingAsns {
    /** One provider's network: its name and kind ({@code cdn}, {@code cloud}, {@code hosting}). */
    public record Provider(String name, String kind) {
        /** "amazon cloud". */
        public String label() {
            return name + " " + kind;
        }
    }

    private final Map<Long, Provider> byAsn;

    private HostingAsns(Map<Long, Provider> byAsn) {
        this.byAsn = Map.copyOf(byAsn);
    }

    private static final class Shipped {
        static final HostingAsns LIST = load();
    }

    /** The shipped list. */
    public static HostingAsns standard() {
        return Shipped.LIST;
    }

    /** The provider of an AS number, if it is a big hosting network. */
    public Optional<Provider> of(long asn) {
        return Optional.ofNullable(byAsn.get(asn));
    }

    /** The provider of an ASN indicator's text ("AS16509" or "16509"). */
    public Optional<Provider> of(String asn) {
        Long n = number(asn);
        return n == null ? Optional.empty() : of(n);
    }

    public int size() {
        return byAsn.size();
    }

    /** "AS16509", "as16509" or "16509" as a number; null otherwise. */
    public static Long number(String asn) {
        if (asn == null) return null;
        String t = asn.strip();
        if (t.regionMatches(true, 0, "AS", 0, 2)) t = t.substring(2);
        if (!t.matches("\\d{1,10}")) return null;
        long n = Long.parseLong(t);
        return n <= 4294967295L ? n : null;
    }

    private static HostingAsns load() {
        Map<Long, Provider> m = new HashMap<>();
        try (InputStream in = HostingAsns.class.getResourceAsStream("hosting-asns.txt")) {
            if (in == null) throw new IllegalStateException("hosting-asns.txt is missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] f = l.split("\\s+");
                Long n = f.length == 3 ? number(f[0]) : null;
                if (n == null) throw new IllegalStateException("hosting-asns.txt: bad line " + l);
                m.put(n, new Provider(f[1].toLowerCase(Locale.ROOT), f[2].toLowerCase(Locale.ROOT)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostingAsns(m);
    }
}
