package io.infrapivot.source.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.infrapivot.source.SharedResources;

/**
 * The autonomous systems of big CDN, cloud and hosting providers (shipped list {@code hosting-asns.txt}): an
 * announced prefix of one of them holds many unrelated customers, so the routing sources mark it and the noise
 * rules keep a pivot from expanding such an ASN into its thousands of prefixes. Immutable.
 *
 * <p>The list is curated (no public machine-readable list names these providers' networks with their kind): a
 * user extends or corrects it with a file of the same format, {@code hosting-asns.txt} next to the config file (the
 * config's own resolution: {@code --config FILE}, {@code $INFRAPIVOT_CONFIG}, {@code $XDG_CONFIG_HOME/infrapivot},
 * {@code ~/.config/infrapivot}) or named by {@code INFRAPIVOT_HOSTING_ASNS}. The engine reads it with its config
 * and hands it to the sources' lookups ({@link #of(SharedResources)}); nothing is held process-wide. Its lines add networks or replace a
 * shipped line of the same ASN; {@code AS64500 - -} removes one. A bad line of the user's file is skipped and
 * logged, never fatal.
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

    private static final System.Logger LOG = System.getLogger(HostingAsns.class.getName());
    /** The user's file's name in the config folder. */
    public static final String USER_FILE = "hosting-asns.txt";

    /**
     * The list of the engine whose lookup this is (the shipped list with the user's file of the engine's config,
     * put in its {@link SharedResources} by the engine), else the shipped list alone.
     */
    public static HostingAsns of(SharedResources shared) {
        return shared == null ? shipped() : shared.get(HostingAsns.class, HostingAsns::shipped);
    }

    /** Puts {@code list} in {@code shared} as the list its lookups see; returns {@code shared}. */
    public static SharedResources provide(SharedResources shared, HostingAsns list) {
        shared.get(HostingAsns.class, () -> list);
        return shared;
    }

    /** The shipped list alone. */
    public static HostingAsns shipped() {
        return load(null);
    }

    /** The shipped list with {@code userFile} (may be null or missing) read over it. */
    public static HostingAsns load(Path userFile) {
        Map<Long, Provider> m = new HashMap<>();
        try (InputStream in = HostingAsns.class.getResourceAsStream("hosting-asns.txt")) {
            if (in == null) throw new IllegalStateException("hosting-asns.txt is missing from the build");
            read(in, "hosting-asns.txt", true, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (userFile != null && Files.isRegularFile(userFile)) {
            try (InputStream in = Files.newInputStream(userFile)) {
                read(in, userFile.toString(), false, m);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read " + userFile + ": " + e.getMessage());
            }
        }
        return new HostingAsns(m);
    }

    /**
     * Where the user's file is looked for: {@code explicit} ({@code INFRAPIVOT_HOSTING_ASNS} of the config's
     * environment) when given, else next to the config file ({@code --config FILE}, {@code INFRAPIVOT_CONFIG}, else
     * the XDG config folder: wherever the config's own resolution found it).
     */
    public static Path userFile(Path configFile, String explicit) {
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        if (configFile == null) return null;
        Path parent = configFile.toAbsolutePath().getParent();
        return parent == null ? null : parent.resolve(USER_FILE);
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

    private static void read(InputStream in, String origin, boolean shipped, Map<Long, Provider> m) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line; (line = r.readLine()) != null && n < 100_000; n++) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            Long asn = f.length == 3 && f[1].matches("[A-Za-z0-9._-]{1,60}") && f[2].matches("[A-Za-z-]{1,20}")
                    ? number(f[0]) : null;
            if (asn == null) {
                if (shipped) throw new IllegalStateException(origin + ": bad line " + l);
                LOG.log(System.Logger.Level.WARNING, origin + ": skipped a line that is not 'ASN provider kind'");
                continue;
            }
            if (f[1].equals("-") && f[2].equals("-")) m.remove(asn);
            else m.put(asn, new Provider(f[1].toLowerCase(Locale.ROOT), f[2].toLowerCase(Locale.ROOT)));
        }
    }
}
