package io.infrapivot.model;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IANA special-purpose address blocks, read from the resource {@code ip_special_ranges.tsv}. An
 * address (or a whole network) takes the name and flags of the most specific block that holds it.
 */
final class IpRanges {
    /** Flags that do not make an address non-global (transition forms of global unicast addresses). */
    private static final Set<String> TRANSITION = Set.of("6to4", "teredo", "nat64");

    record Range(IPAddress block, String name, List<String> flags) {
        String label() {
            return block.toCanonicalString() + " " + name;
        }
    }

    /** What the table says about one address or network. */
    record Classification(Set<String> flags, String rangeName) {}

    private static final List<Range> RANGES = load();

    private IpRanges() {}

    private static List<Range> load() {
        List<Range> out = new ArrayList<>();
        try (InputStream in = IpRanges.class.getResourceAsStream("ip_special_ranges.tsv")) {
            if (in == null) throw new IllegalStateException("resource ip_special_ranges.tsv missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                IPAddress block = new IPAddressString(f[0]).getAddress();
                if (block == null || f.length != 3) throw new IllegalStateException("bad range line: " + line);
                out.add(new Range(block.toPrefixBlock(), f[1], List.of(f[2].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    static List<Range> all() {
        return RANGES;
    }

    /** Classifies an address or a prefix block (the most specific table block containing all of it). */
    static Classification classify(IPAddress addressOrBlock) {
        Range best = null;
        boolean overlapsSpecial = false;
        for (Range r : RANGES) {
            if (r.block.getIPVersion() != addressOrBlock.getIPVersion()) continue;
            if (r.block.contains(addressOrBlock)) {
                if (best == null || r.block.getPrefixLength() > best.block.getPrefixLength()) best = r;
            } else if (addressOrBlock.contains(r.block)) {
                overlapsSpecial = true;
            }
        }
        Set<String> flags = new LinkedHashSet<>();
        if (best != null) flags.addAll(best.flags);
        boolean global = flags.stream().allMatch(TRANSITION::contains) && !(best == null && overlapsSpecial);
        if (global) flags.add("global");
        return new Classification(ordered(flags), best == null ? null : best.label());
    }

    /** Flags in the documented order ({@link Details#flagsOrder()}). */
    static Set<String> ordered(Set<String> flags) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : Details.flagsOrder()) if (flags.contains(f)) out.add(f);
        for (String f : flags) if (!out.contains(f)) out.add(f);
        return Collections.unmodifiableSet(out);
    }
}
