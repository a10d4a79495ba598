package io.infrapivot.app.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names and values that are never reported in strict mode: schema and namespace hosts ({@code w3.org},
 * {@code schemas.microsoft.com}, {@code ns.adobe.com}…), well-known library and CDN hosts, and whatever the user adds.
 * A line names a host or domain (it and every name below it are allowed) or any other exact value (an IP, a hash, a
 * URL); {@code #} starts a comment. The bundled list is {@code io/infrapivot/app/extract/allowlist.txt}.
 */
public final class Allowlist {
    private static final String BUNDLED = "allowlist.txt";
    private final Set<String> entries = new HashSet<>();

    private Allowlist() {}

    /** The bundled list alone. */
    public static Allowlist bundled() {
        Allowlist a = new Allowlist();
        try (InputStream in = Allowlist.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("bundled allowlist missing");
            a.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return a;
    }

    /** This list with the lines of {@code file} added. */
    public Allowlist with(Path file) throws IOException {
        Allowlist a = new Allowlist();
        a.entries.addAll(entries);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            a.read(r);
        }
        return a;
    }

    /** This list with {@code values} added. */
    public Allowlist with(Iterable<String> values) {
        Allowlist a = new Allowlist();
        a.entries.addAll(entries);
        for (String v : values) a.add(v);
        return a;
    }

    private void read(Reader reader) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null && n++ < 1_000_000) add(line);
    }

    private void add(String line) {
        int hash = line.indexOf('#');
        String s = (hash >= 0 ? line.substring(0, hash) : line).strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("*.")) s = s.substring(2);
        if (!s.isEmpty()) entries.add(s);
    }

    /** Whether the name (lower-case ASCII) or a name above it is listed. */
    public boolean allowsName(String name) {
        String n = name;
        while (true) {
            if (entries.contains(n)) return true;
            int dot = n.indexOf('.');
            if (dot < 0) return false;
            n = n.substring(dot + 1);
        }
    }

    /** Whether the exact value is listed. */
    public boolean allowsValue(String value) {
        return entries.contains(value.toLowerCase(Locale.ROOT));
    }

    int size() {
        return entries.size();
    }
}
