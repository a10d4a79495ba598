package io.infrapivot.source.whois;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The documented TLD → WHOIS server table (resource {@code servers.txt}), the fallback when IANA names none. */
public final class WhoisServers {
    private static final String RESOURCE = "/io/infrapivot/source/whois/servers.txt";
    private static volatile WhoisServers standard;

    private final Map<String, String> byTld;

    private WhoisServers(Map<String, String> byTld) {
        this.byTld = Map.copyOf(byTld);
    }

    public static WhoisServers standard() {
        WhoisServers s = standard;
        if (s == null) {
            Map<String, String> m = new HashMap<>();
            try (InputStream in = Objects.requireNonNull(WhoisServers.class.getResourceAsStream(RESOURCE));
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank() || line.startsWith("#")) continue;
                    String[] p = line.split("\t");
                    m.put(p[0].trim().toLowerCase(Locale.ROOT), p[1].trim().toLowerCase(Locale.ROOT));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            s = new WhoisServers(m);
            standard = s;
        }
        return s;
    }

    /** The server for the TLD of {@code domain}, if the table has one. */
    public Optional<String> forDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String tld = d.substring(d.lastIndexOf('.') + 1);
        return Optional.ofNullable(byTld.get(tld));
    }

    public Map<String, String> all() {
        return byTld;
    }
}
