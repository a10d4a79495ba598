package io.infrapivot.source.whois;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RPSL-style object (RIPE, APNIC, AFRINIC, LACNIC, registro.br, AFNIC): its class (first key) and its
 * attributes in order. Continuation lines (starting with a blank or '+') extend the previous value.
 */
record RpslObject(String type, Map<String, List<String>> attrs) {

    static List<RpslObject> parseAll(List<String> lines) {
        List<RpslObject> out = new ArrayList<>();
        for (List<String> block : WhoisText.blocks(lines)) {
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            String type = null;
            String lastKey = null;
            for (String l : block) {
                boolean continuation = (l.startsWith(" ") || l.startsWith("\t") || l.startsWith("+"))
                        && lastKey != null && WhoisText.pair(l) == null;
                if (continuation) {
                    List<String> vals = attrs.get(lastKey);
                    String prev = vals.remove(vals.size() - 1);
                    vals.add((prev + " " + l.substring(1).strip()).strip());
                    continue;
                }
                WhoisText.Pair p = WhoisText.pair(l);
                if (p == null) continue;
                if (type == null) type = p.key();
                attrs.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value());
                lastKey = p.key();
            }
            if (type != null) out.add(new RpslObject(type, attrs));
        }
        return out;
    }

    /** The same attributes under another class (an object whose first key is not its class, as ISOC-IL's). */
    RpslObject retyped(String newType) {
        return new RpslObject(newType, attrs);
    }

    String first(String key) {
        List<String> v = attrs.get(key);
        if (v == null) return null;
        for (String s : v) if (!s.isBlank()) return s;
        return null;
    }

    List<String> all(String key) {
        return attrs.getOrDefault(key, List.of());
    }

    /** The object's own handle: nic-hdl, nic-hdl-br, organisation, irt, or its primary key. */
    String handle() {
        // CZ.NIC-style objects are named by their first attribute (and carry a "registrar:" of their own)
        if (type.equals("contact") || type.equals("nsset") || type.equals("keyset")) return first(type);
        for (String k : List.of("nic hdl", "nic hdl br", "organisation", "irt", "registrar")) {
            String v = first(k);
            if (v != null) return v;
        }
        return first(type);
    }
}
