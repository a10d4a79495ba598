package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's location section: each geolocation database's answer side by side (the database and its build
 * date, country, region, city, coordinates, accuracy radius), whether they disagree, and — when the address is a
 * CDN, cloud or hosting provider's — that the location is the provider's datacentre, not the operator's.
 */
final class LocationSection {
    private LocationSection() {}

    /** Takes the geolocation facts out of a section's list (they are shown by {@link #print}). */
    static List<Fact> take(List<Fact> facts) {
        List<Fact> out = new ArrayList<>();
        for (Iterator<Fact> it = facts.iterator(); it.hasNext(); ) {
            Fact f = it.next();
            if (f.relation() == Relation.GEOLOCATION && f.value() != null && f.value().isObject()) {
                out.add(f);
                it.remove();
            }
        }
        return out;
    }

    /** Prints the section (nothing when no database placed the address). */
    static void print(Terminal t, Indicator about, List<Fact> located, Map<?, List<Fact>> all) {
        print(t, about, located, all, io.infrapivot.engine.HostingNetworks.shipped());
    }

    /** As above, naming big hosting networks after {@code hosting} (the config's list). */
    static void print(Terminal t, Indicator about, List<Fact> located, Map<?, List<Fact>> all, io.infrapivot.engine.HostingNetworks hosting) {
        if (located.isEmpty()) return;
        t.println(t.bold("location"));
        for (String l : lines(about, located, all.values().stream().flatMap(List::stream).toList(), hosting)) {
            t.println(l.startsWith("!") ? "  " + t.yellow(l) : "  " + l);
        }
    }

    /** The section's lines (escaped; warnings start with "!"). */
    static List<String> lines(Indicator about, List<Fact> located, List<Fact> others) {
        return lines(about, located, others, io.infrapivot.engine.HostingNetworks.shipped());
    }

    static List<String> lines(Indicator about, List<Fact> located, List<Fact> others, io.infrapivot.engine.HostingNetworks list) {
        List<String> out = new ArrayList<>();
        Map<String, String> countries = new LinkedHashMap<>();
        Map<String, String> cities = new LinkedHashMap<>();
        Set<String> credits = new LinkedHashSet<>();
        for (Fact f : located) {
            JsonNode v = f.value();
            String db = text(v, "database");
            if (db == null) db = String.join(",", f.sources());
            String built = text(v, "build_date");
            String name = db + (built != null && built.length() >= 10 ? " (" + built.substring(0, 10) + ")" : "");
            List<String> cols = new ArrayList<>();
            cols.add(orDash(text(v, "country")));
            cols.add(orDash(text(v, "region")));
            cols.add(orDash(text(v, "city")));
            if (v.hasNonNull("latitude") && v.hasNonNull("longitude")) {
                String c = String.format(Locale.ROOT, "%.4f,%.4f", v.get("latitude").asDouble(),
                        v.get("longitude").asDouble());
                if (v.hasNonNull("accuracy_radius_km")) c += " ±" + v.get("accuracy_radius_km").asLong() + " km";
                cols.add(c);
            }
            out.add(Report.pad(Terminal.v(name), 34) + String.join("  ", cols.stream().map(Terminal::v).toList()));
            if (text(v, "country") != null) countries.put(name, text(v, "country"));
            if (text(v, "city") != null) cities.put(name, text(v, "city").toLowerCase(Locale.ROOT));
            if (text(v, "attribution") != null) credits.add(text(v, "attribution"));
        }
        if (new LinkedHashSet<>(countries.values()).size() > 1) {
            out.add("! the databases disagree on the country: " + Terminal.v(joined(countries)));
        } else if (new LinkedHashSet<>(cities.values()).size() > 1) {
            out.add("! the databases disagree on the city: " + Terminal.v(joined(cities)));
        }
        String hosting = hosting(about, others, list);
        if (hosting != null) {
            out.add("! " + Terminal.v(about.value()) + " is announced by a " + Terminal.v(hosting)
                    + " network: a hosting or CDN address locates the provider's datacentre, not its user");
        }
        for (String c : credits) out.add(Terminal.v(c));
        return out;
    }

    /**
     * The provider label ("cloudflare cdn") of an announced-by fact of this address: the routing source's mark, else
     * the hosting list's entry for the origin AS (a source such as Team Cymru that does not mark); null when none.
     */
    private static String hosting(Indicator about, List<Fact> facts, io.infrapivot.engine.HostingNetworks list) {
        for (Fact f : facts) {
            if (f.relation() != Relation.ANNOUNCED_BY || !about.equals(f.subject())) continue;
            if (f.value() != null && f.value().hasNonNull("hosting")) return f.value().get("hosting").asText();
            var listed = list.label(f.object().value());
            if (listed.isPresent()) return listed.get();
        }
        return null;
    }

    private static String joined(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((db, v) -> parts.add(v + " (" + db + ")"));
        return String.join(", ", parts);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() || n.isContainerNode() || n.asText().isBlank() ? null : n.asText();
    }
}
