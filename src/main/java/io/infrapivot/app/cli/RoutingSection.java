package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's routing part for an IP or a prefix: per source side by side (RIPEstat, Team Cymru, bgp.tools, RDAP's
 * netblock, then any other), the origin AS(es) with their holder and the announced prefix or registered netblock;
 * whether the sources disagree on the origin; and each source's routing history as a short dated timeline
 * ("2023-04 → 2024-11  AS64500 Example Hosting"), newest last. Other routing facts stay in the generic list.
 */
final class RoutingSection {
    private RoutingSection() {}

    /** Timeline lines kept per source (the newest). */
    static final int MAX_HISTORY = 12;
    /** A history entry last seen this close to when it was learned is still announced ("now"). */
    static final Duration STILL = Duration.ofDays(2);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final List<String> ORDER = List.of("ripestat", "cymru", "bgptools", "rdap", "whois");

    /** Takes this address's origin, netblock, holder and history facts out of the routing section's list. */
    static List<Fact> take(Indicator about, List<Fact> facts) {
        List<Fact> out = new ArrayList<>();
        if (about.type() != IndicatorType.IP && about.type() != IndicatorType.CIDR) return out;
        Set<Indicator> blocks = new HashSet<>();
        Set<Indicator> origins = new HashSet<>();
        for (Fact f : facts) {
            if (!about.equals(f.subject())) continue;
            if (f.relation() == Relation.IN_NETBLOCK) blocks.add(f.object());
            if (f.relation() == Relation.ANNOUNCED_BY) origins.add(f.object());
        }
        for (Iterator<Fact> it = facts.iterator(); it.hasNext(); ) {
            Fact f = it.next();
            boolean mine = switch (f.relation()) {
                case IN_NETBLOCK -> about.equals(f.subject());
                case ANNOUNCED_BY -> about.equals(f.subject()) || blocks.contains(f.subject()) || history(f);
                case NETWORK_OWNER -> blocks.contains(f.subject()) || origins.contains(f.subject());
                default -> false;
            };
            if (mine) {
                out.add(f);
                it.remove();
            }
        }
        return out;
    }

    /**
     * Prints the part (nothing when no source routed the address), then hands its facts back to the routing list
     * {@code back} (printed already), where the location part reads the origin's hosting mark.
     */
    static void print(Terminal t, Indicator about, List<Fact> routed, List<Fact> back) {
        print(t, about, routed, back, io.infrapivot.engine.HostingNetworks.shipped());
    }

    /** As above, naming big hosting networks after {@code hosting} (the config's list). */
    static void print(Terminal t, Indicator about, List<Fact> routed, List<Fact> back, io.infrapivot.engine.HostingNetworks hosting) {
        if (routed.isEmpty()) return;
        t.println(t.bold("routing: origin and history"));
        for (String l : lines(about, routed, hosting)) t.println(l.startsWith("!") ? "  " + t.yellow(l) : "  " + l);
        back.addAll(routed);
    }

    /** The part's lines (escaped; warnings start with "!"). */
    static List<String> lines(Indicator about, List<Fact> routed) {
        return lines(about, routed, io.infrapivot.engine.HostingNetworks.shipped());
    }

    static List<String> lines(Indicator about, List<Fact> routed, io.infrapivot.engine.HostingNetworks hosting) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, List<Fact>> history = new LinkedHashMap<>();
        Map<Indicator, String> owners = new LinkedHashMap<>();
        for (Fact f : routed) {
            if (f.relation() == Relation.NETWORK_OWNER) owners.putIfAbsent(f.subject(), f.object().value());
        }
        for (Fact f : sorted(routed)) {
            for (String src : f.sources()) {
                if (f.relation() == Relation.ANNOUNCED_BY && history(f)) {
                    history.computeIfAbsent(src, k -> new ArrayList<>()).add(f);
                    continue;
                }
                Row r = rows.computeIfAbsent(src, k -> new Row());
                JsonNode v = f.value();
                if (f.relation() == Relation.ANNOUNCED_BY && about.equals(f.subject())) {
                    r.origins.add(f.object().value().toUpperCase(java.util.Locale.ROOT));
                    r.parts.add("origin " + asn(f, owners, hosting));
                } else if (f.relation() == Relation.ANNOUNCED_BY) {
                    r.parts.add("prefix " + f.subject().value() + " by " + asn(f, owners, hosting));
                } else if (f.relation() == Relation.IN_NETBLOCK) {
                    String block = f.object().value();
                    String what = v != null && v.path("routed").asBoolean(false) || "bgptools".equals(src)
                            || "cymru".equals(src) ? "prefix " : "netblock ";
                    StringBuilder s = new StringBuilder(what).append(block);
                    if (owners.containsKey(f.object())) s.append(" held by ").append(owners.get(f.object()));
                    String alloc = text(v, "allocated");
                    if (alloc != null) {
                        s.append(", allocated ").append(alloc);
                        if (text(v, "registry") != null) s.append(' ').append(text(v, "registry").toUpperCase(java.util.Locale.ROOT));
                    }
                    r.blocks.add(s.toString());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String src : ordered(rows.keySet())) {
            Row r = rows.get(src);
            List<String> parts = new ArrayList<>(r.parts);
            parts.addAll(r.blocks);
            if (parts.isEmpty()) continue;
            out.add(Report.pad(Terminal.v(src), 10) + Terminal.v(String.join(" · ", new LinkedHashSet<>(parts))));
        }
        Map<String, Set<String>> originsBySource = new LinkedHashMap<>();
        rows.forEach((src, r) -> {
            if (!r.origins.isEmpty()) originsBySource.put(src, r.origins);
        });
        if (new HashSet<>(originsBySource.values()).size() > 1) {
            List<String> said = new ArrayList<>();
            originsBySource.forEach((src, o) -> said.add(String.join("+", o) + " (" + src + ")"));
            out.add("! the sources disagree on the origin: " + Terminal.v(String.join(", ", said)));
        }
        for (String src : ordered(history.keySet())) {
            List<Fact> h = history.get(src);
            out.add("history " + Terminal.v("(" + src + ")"));
            int skip = Math.max(0, h.size() - MAX_HISTORY);
            if (skip > 0) out.add("  … " + skip + " earlier");
            for (Fact f : h.subList(skip, h.size())) {
                String from = f.firstSeen() == null ? "?" : MONTH.format(f.firstSeen());
                String to = f.lastSeen() == null ? "?" : still(f) ? "now" : MONTH.format(f.lastSeen());
                out.add("  " + Report.pad(from + " → " + to, 20) + Terminal.v(asn(f, owners, hosting) + "  " + f.subject().value()));
            }
        }
        return out;
    }

    /**
     * "AS64500 EXAMPLE-AS (held by Example Hosting Ltd) [amazon cloud]": the AS, its name and holder organisation
     * (a {@code network-owner} fact: RIPEstat's as-overview, PeeringDB), and the big provider it is.
     */
    private static String asn(Fact f, Map<Indicator, String> owners, io.infrapivot.engine.HostingNetworks list) {
        String as = f.object().value().toUpperCase(java.util.Locale.ROOT);
        String name = text(f.value(), "as_name");
        String owner = owners.get(f.object());
        if (name == null) name = owner;
        else if (owner != null && !owner.equalsIgnoreCase(name)) name += " (held by " + owner + ")";
        String hosting = text(f.value(), "hosting");
        if (hosting == null) hosting = list.label(as).orElse(null);
        return as + (name == null ? "" : " " + name) + (hosting == null ? "" : " [" + hosting + "]");
    }

    private static boolean history(Fact f) {
        return f.relation() == Relation.ANNOUNCED_BY && f.value() != null && f.value().has("history");
    }

    private static boolean still(Fact f) {
        Instant learned = f.learnedAt();
        return learned != null && f.lastSeen() != null && !f.lastSeen().isBefore(learned.minus(STILL));
    }

    private static List<Fact> sorted(List<Fact> facts) {
        List<Fact> s = new ArrayList<>(facts);
        s.sort(Comparator.comparing(Fact::firstSeen, Comparator.nullsFirst(Comparator.naturalOrder())));
        return s;
    }

    private static List<String> ordered(Set<String> sources) {
        List<String> out = new ArrayList<>();
        for (String o : ORDER) if (sources.contains(o)) out.add(o);
        for (String s : new TreeSet<>(sources)) if (!out.contains(s)) out.add(s);
        return out;
    }

    private static String text(JsonNode v, String field) {
        if (v == null) return null;
        JsonNode n = v.get(field);
        return n == null || n.isNull() || n.isContainerNode() || n.asText().isBlank() ? null : n.asText();
    }

    private static final class Row {
        final Set<String> origins = new TreeSet<>();
        final List<String> parts = new ArrayList<>();
        final List<String> blocks = new ArrayList<>();
    }
}
