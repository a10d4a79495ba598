package io.infrapivot.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Provenance;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.Sighting;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case as the page draws it: every indicator a node, every link an edge, the noise marks on their nodes,
 * and — past {@link #foldLimit} — the many leaves of one hub (a shared-hosting IP's co-hosted names) folded
 * into one group node with a count, whose members are sent page by page on demand. Read only through the
 * store's read API; every string is data for the page to show as text.
 */
final class GraphView {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Leaves of one hub by one relation above this many are folded into a group node. */
    static final int DEFAULT_FOLD_LIMIT = 40;
    /** Nodes drawn at most; past it the lowest-ranked are left out and the summary says how many. */
    static final int DEFAULT_MAX_NODES = 20_000;

    private final int foldLimit;
    private final int maxNodes;

    /** One read of a case, kept until the case changes (its counts or last activity move). */
    record Cached(io.infrapivot.engine.port.CaseInfo version, Snapshot snapshot, Provenance provenance,
                  Map<Indicator, Double> score, Map<String, List<Indicator>> aggregated) {}

    private final Map<CaseStore, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    GraphView(int foldLimit, int maxNodes) {
        this.foldLimit = foldLimit;
        this.maxNodes = maxNodes;
    }

    /** The case as last read, read again when it changed since. */
    Cached read(CaseStore store) {
        var version = store.info();
        Cached c = cache.get(store);
        if (c != null && c.version().equals(version)) return c;
        Snapshot s = new Snapshot(store);
        Provenance p = new Provenance(store);
        Map<Indicator, Double> score = new HashMap<>();
        for (Provenance.Ranked r : p.ranking()) score.put(r.indicator(), r.score());
        c = new Cached(version, s, p, score, new java.util.concurrent.ConcurrentHashMap<>());
        cache.put(store, c);
        return c;
    }

    void forget(CaseStore store) {
        cache.remove(store);
    }

    /** One link between two indicators, with the times and sources of the facts behind it. */
    record Link(StoredObservation o, Indicator a, Indicator b) {}

    /** What one read of the case gives: node facts, links, marks. */
    static final class Snapshot {
        final List<Indicator> seeds;
        final Set<Indicator> indicators = new LinkedHashSet<>();
        final List<StoredObservation> links = new ArrayList<>();
        final Map<Indicator, List<JsonNode>> marks = new HashMap<>();
        final Map<Indicator, long[]> span = new HashMap<>();
        final Map<Indicator, Set<String>> sources = new HashMap<>();
        final Map<Indicator, Set<Indicator>> neighbours = new HashMap<>();
        final int observations;

        Snapshot(CaseStore store) {
            seeds = store.seeds();
            indicators.addAll(store.indicators());
            List<StoredObservation> all = store.observations();
            observations = all.size();
            for (StoredObservation o : all) {
                indicators.add(o.subject());
                if (o.relation() == Relation.NOISE) {
                    if (o.value() != null) marks.computeIfAbsent(o.subject(), k -> new ArrayList<>()).add(o.value());
                    continue;
                }
                widen(o.subject(), o);
                if (o.object() != null && !o.object().equals(o.subject())) {
                    indicators.add(o.object());
                    widen(o.object(), o);
                    links.add(o);
                    neighbours.computeIfAbsent(o.subject(), k -> new HashSet<>()).add(o.object());
                    neighbours.computeIfAbsent(o.object(), k -> new HashSet<>()).add(o.subject());
                }
            }
        }

        private void widen(Indicator i, StoredObservation o) {
            long f = millis(first(o)), l = millis(last(o));
            long[] s = span.computeIfAbsent(i, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            if (f != Long.MIN_VALUE) s[0] = Math.min(s[0], f);
            if (l != Long.MIN_VALUE) s[1] = Math.max(s[1], l);
            Set<String> src = sources.computeIfAbsent(i, k -> new TreeSet<>());
            src.addAll(o.sources());
        }
    }

    static Instant first(StoredObservation o) {
        return o.firstSeen() != null ? o.firstSeen() : o.firstLearned();
    }

    static Instant last(StoredObservation o) {
        return o.lastSeen() != null ? o.lastSeen() : o.lastLearned();
    }

    static long millis(Instant i) {
        return i == null ? Long.MIN_VALUE : i.toEpochMilli();
    }

    /** The whole case as JSON: {@code summary}, {@code nodes}, {@code edges}, {@code groups}. */
    ObjectNode graph(String caseName, CaseStore store) {
        return graph(caseName, store, null);
    }

    /** The server-side aggregations past the node limit the page may ask for ({@code by=}). */
    static final Set<String> AGGREGATIONS = Set.of("asn", "registrant");

    /**
     * The whole case as JSON; past the node limit, with {@code by} {@code asn} or {@code registrant}, the addresses one
     * ASN announces (the names one registrant holds) are first made one node per ASN (registrant) with their count,
     * linked to the ASN (registrant) and to what they link to, expandable page by page like a group.
     */
    ObjectNode graph(String caseName, CaseStore store, String by) {
        Cached cached = read(store);
        Snapshot s = cached.snapshot();
        Map<Indicator, Double> score = cached.score();
        Set<Indicator> seeds = new HashSet<>(s.seeds);

        // fold: a hub's leaves (one neighbour, not a seed, unmarked) by relation and type, past the limit
        Map<String, Group> groups = new LinkedHashMap<>();
        Set<Indicator> folded = new HashSet<>();
        Map<String, List<StoredObservation>> leafLinks = new LinkedHashMap<>();
        for (StoredObservation o : s.links) {
            for (Indicator[] pair : new Indicator[][] {{o.subject(), o.object()}, {o.object(), o.subject()}}) {
                Indicator hub = pair[0], leaf = pair[1];
                if (!isLeaf(s, seeds, leaf) || isLeaf(s, seeds, hub)) continue;
                leafLinks.computeIfAbsent(Group.id(hub, o.relation(), leaf), k -> new ArrayList<>()).add(o);
            }
        }
        leafLinks.forEach((gid, list) -> {
            Set<Indicator> members = new LinkedHashSet<>();
            StoredObservation any = list.get(0);
            Indicator hub = null;
            for (StoredObservation o : list) {
                Indicator leaf = isLeaf(s, seeds, o.object()) && !isLeaf(s, seeds, o.subject()) ? o.object() : o.subject();
                hub = leaf.equals(o.object()) ? o.subject() : o.object();
                members.add(leaf);
            }
            if (members.size() > foldLimit) {
                Group g = new Group(gid, hub, any.relation(), members.iterator().next().type().id(), members.size(),
                        list);
                groups.put(gid, g);
                folded.addAll(members);
            }
        });

        List<Indicator> drawn = new ArrayList<>();
        for (Indicator i : s.indicators) if (!folded.contains(i)) drawn.add(i);
        boolean over = drawn.size() > maxNodes;
        // past the limit, the grouping the user chose: one node per ASN / registrant with its members' count
        Map<Indicator, List<Indicator>> aggregated = new java.util.TreeMap<>();
        String aggregatedBy = null;
        if (over && by != null && AGGREGATIONS.contains(by)) {
            aggregatedBy = by;
            aggregated = aggregate(s, seeds, drawn, by);
            Set<Indicator> in = new HashSet<>();
            aggregated.values().forEach(in::addAll);
            drawn.removeIf(in::contains);
            folded.addAll(in);
            for (Map.Entry<Indicator, List<Indicator>> e : aggregated.entrySet()) {
                cached.aggregated().put(aggregateId(by, e.getKey()), e.getValue());
            }
        }
        // past the limit, IPv4 addresses (neither seeds nor marked) become one node per /24
        Map<String, List<Indicator>> nets = new java.util.TreeMap<>();
        if (drawn.size() > maxNodes) {
            for (Indicator i : drawn) {
                String net = net24(i);
                if (net != null && !seeds.contains(i) && !s.marks.containsKey(i)) {
                    nets.computeIfAbsent(net, k -> new ArrayList<>()).add(i);
                }
            }
            nets.values().removeIf(l -> l.size() < 2);
            Set<Indicator> netted = new HashSet<>();
            nets.values().forEach(netted::addAll);
            drawn.removeIf(netted::contains);
            folded.addAll(netted);
        }
        int left = 0;
        if (drawn.size() > maxNodes) {
            drawn.sort(Comparator.comparing((Indicator i) -> !seeds.contains(i))
                    .thenComparing(i -> -score.getOrDefault(i, 0.0)));
            left = drawn.size() - maxNodes;
            drawn = new ArrayList<>(drawn.subList(0, maxNodes));
        }
        Set<Indicator> shown = new HashSet<>(drawn);

        ObjectNode root = JSON.createObjectNode();
        ObjectNode sum = root.putObject("summary");
        sum.put("case", caseName);
        sum.put("indicators", s.indicators.size());
        sum.put("observations", s.observations);
        sum.put("drawn", drawn.size());
        sum.put("folded", folded.size());
        sum.put("left_out", left);
        sum.put("fold_limit", foldLimit);
        sum.put("over_limit", over);
        sum.put("max_nodes", maxNodes);
        if (aggregatedBy != null) sum.put("aggregated_by", aggregatedBy);
        else sum.putNull("aggregated_by");
        Map<Indicator, Indicator> byAsn = byAsn(s, shown), byRegistrant = byRegistrant(s, shown);
        ArrayNode nodes = root.putArray("nodes");
        for (Indicator i : drawn) {
            ObjectNode n = node(s, i, seeds.contains(i), score.get(i));
            if (byAsn.containsKey(i)) n.put("asn", byAsn.get(i).key());
            if (byRegistrant.containsKey(i)) n.put("registrant", byRegistrant.get(i).key());
            nodes.add(n);
        }
        ObjectNode aggregates = root.putObject("aggregates");
        aggregates.set("asn", anchors(byAsn));
        aggregates.set("registrant", anchors(byRegistrant));
        ArrayNode edges = root.putArray("edges");
        for (StoredObservation o : s.links) {
            if (shown.contains(o.subject()) && shown.contains(o.object())) edges.add(edge(o));
        }
        ArrayNode gs = root.putArray("groups");
        for (Group g : groups.values()) {
            if (!shown.contains(g.hub)) continue;
            ObjectNode n = gs.addObject();
            n.put("id", g.id);
            n.put("hub", g.hub.key());
            n.put("rel", g.relation.id());
            n.put("type", g.memberType);
            n.put("count", g.count);
            long f = Long.MAX_VALUE, l = Long.MIN_VALUE;
            for (StoredObservation o : g.links) {
                long a = millis(first(o)), b = millis(last(o));
                if (a != Long.MIN_VALUE) f = Math.min(f, a);
                if (b != Long.MIN_VALUE) l = Math.max(l, b);
            }
            putTime(n, "first", f);
            putTime(n, "last", l);
        }
        for (Map.Entry<Indicator, List<Indicator>> e : aggregated.entrySet()) {
            Indicator anchor = e.getKey();
            ObjectNode n = gs.addObject();
            n.put("id", aggregateId(aggregatedBy, anchor));
            if (shown.contains(anchor)) n.put("hub", anchor.key());
            else n.putNull("hub");
            n.put("rel", aggregateRelation(aggregatedBy, anchor).id());
            n.put("type", commonType(e.getValue()));
            n.put("aggregate", aggregatedBy);
            n.put("anchor", anchor.key());
            n.put("anchor_value", anchor.value());
            memberLinks(s, shown, n, e.getValue(), anchor);
        }
        for (Map.Entry<String, List<Indicator>> e : nets.entrySet()) {
            ObjectNode n = gs.addObject();
            n.put("id", "net:" + e.getKey());
            n.putNull("hub");
            n.put("rel", "in " + e.getKey());
            n.put("type", "ip");
            memberLinks(s, shown, n, e.getValue(), null);
        }
        return root;
    }

    /** An aggregate node's count, span and links: the drawn nodes its members link to (the hub's link aside). */
    private static void memberLinks(Snapshot s, Set<Indicator> shown, ObjectNode n, List<Indicator> list, Indicator hub) {
        n.put("count", list.size());
        Set<Indicator> members = new HashSet<>(list);
        long f = Long.MAX_VALUE, l = Long.MIN_VALUE;
        Set<String> linked = new LinkedHashSet<>();
        ArrayNode links = n.putArray("links");
        for (Indicator m : list) {
            long[] span = s.span.get(m);
            if (span != null) {
                f = Math.min(f, span[0]);
                l = Math.max(l, span[1]);
            }
            for (Indicator other : s.neighbours.getOrDefault(m, Set.of())) {
                if (shown.contains(other) && !members.contains(other) && !other.equals(hub) && linked.add(other.key())) {
                    links.addObject().put("s", other.key());
                }
            }
        }
        putTime(n, "first", f);
        putTime(n, "last", l);
    }

    static String aggregateId(String by, Indicator anchor) {
        return "by-" + by + ":" + anchor.key();
    }

    /** The relation an aggregate's members have with its anchor, as the group's label and relation filter use it. */
    private static Relation aggregateRelation(String by, Indicator anchor) {
        if (by.equals("asn")) return Relation.ANNOUNCED_BY;
        return switch (anchor.type()) {
            case EMAIL -> Relation.REGISTRANT_EMAIL;
            case ORG -> Relation.REGISTRANT_ORG;
            default -> Relation.REGISTRANT_NAME;
        };
    }

    private static String commonType(List<Indicator> members) {
        Map<String, Integer> n = new java.util.TreeMap<>();
        members.forEach(m -> n.merge(m.type().id(), 1, Integer::sum));
        return n.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    /**
     * The drawn indicators by ASN or registrant (as {@link #byAsn}/{@link #byRegistrant} group them), the anchor
     * itself, seeds and marked indicators staying drawn; only aggregates of at least {@link #MIN_AGGREGATE}.
     */
    static Map<Indicator, List<Indicator>> aggregate(Snapshot s, Set<Indicator> seeds, List<Indicator> drawn, String by) {
        Set<Indicator> shown = new HashSet<>(drawn);
        Map<Indicator, Indicator> of = by.equals("asn") ? byAsn(s, shown) : byRegistrant(s, shown);
        Map<Indicator, List<Indicator>> out = new java.util.TreeMap<>();
        of.forEach((member, anchor) -> {
            if (!member.equals(anchor) && !seeds.contains(member) && !s.marks.containsKey(member)) {
                out.computeIfAbsent(anchor, k -> new ArrayList<>()).add(member);
            }
        });
        out.values().removeIf(l -> l.size() < MIN_AGGREGATE);
        out.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        return out;
    }

    /** An aggregate needs at least this many members besides its anchor (the ASN or registrant itself). */
    static final int MIN_AGGREGATE = 2;

    /**
     * The drawn IP addresses and networks by the ASN that announces them ({@code announced-by}, from Team Cymru,
     * RDAP or BGP sources), the ASN node with them; one ASN each (the lowest, for an address announced by several).
     * Only ASNs with at least {@link #MIN_AGGREGATE} drawn members.
     */
    static Map<Indicator, Indicator> byAsn(Snapshot s, Set<Indicator> shown) {
        Map<Indicator, Indicator> of = new HashMap<>();
        for (StoredObservation o : s.links) {
            if (o.relation() != Relation.ANNOUNCED_BY || !shown.contains(o.subject())
                    || o.object().type() != io.infrapivot.model.IndicatorType.ASN) continue;
            of.merge(o.subject(), o.object(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return withAnchors(of, shown);
    }

    /** Registrant links, most telling first: one email is one owner more surely than one name. */
    private static final List<Relation> REGISTRANT = List.of(Relation.REGISTRANT_EMAIL, Relation.REGISTRANT_ORG,
            Relation.REGISTRANT_NAME);

    /**
     * The drawn names by registrant ({@code registrant-email}, then {@code -org}, then {@code -name}; among several of
     * one kind the one with the most names), the registrant node with them. A registrant marked as noise (a privacy
     * service, a registrant shared by thousands) groups nothing: its names have no owner in common.
     */
    static Map<Indicator, Indicator> byRegistrant(Snapshot s, Set<Indicator> shown) {
        Map<Indicator, Set<Indicator>> names = new HashMap<>();
        for (StoredObservation o : s.links) {
            if (REGISTRANT.contains(o.relation()) && shown.contains(o.subject()) && !s.marks.containsKey(o.object())) {
                names.computeIfAbsent(o.object(), k -> new HashSet<>()).add(o.subject());
            }
        }
        Map<Indicator, Indicator> of = new HashMap<>();
        Map<Indicator, Relation> how = new HashMap<>();
        Comparator<Indicator> better = Comparator.comparing((Indicator r) -> -names.get(r).size())
                .thenComparing(Comparator.naturalOrder());
        for (StoredObservation o : s.links) {
            Indicator name = o.subject(), reg = o.object();
            if (!names.containsKey(reg) || !names.get(reg).contains(name) || !REGISTRANT.contains(o.relation())) continue;
            Relation had = how.get(name);
            int rank = REGISTRANT.indexOf(o.relation());
            if (had == null || rank < REGISTRANT.indexOf(had)
                    || (rank == REGISTRANT.indexOf(had) && better.compare(reg, of.get(name)) < 0)) {
                of.put(name, reg);
                how.put(name, o.relation());
            }
        }
        return withAnchors(of, shown);
    }

    /** Keeps the anchors with enough members and puts each drawn anchor in its own aggregate. */
    private static Map<Indicator, Indicator> withAnchors(Map<Indicator, Indicator> of, Set<Indicator> shown) {
        Map<Indicator, Integer> size = new HashMap<>();
        of.forEach((member, anchor) -> {
            if (!member.equals(anchor)) size.merge(anchor, 1, Integer::sum);
        });
        Map<Indicator, Indicator> out = new HashMap<>();
        of.forEach((member, anchor) -> {
            if (size.getOrDefault(anchor, 0) >= MIN_AGGREGATE && !of.containsKey(anchor)) out.put(member, anchor);
        });
        for (Indicator anchor : new HashSet<>(out.values())) if (shown.contains(anchor)) out.put(anchor, anchor);
        return out;
    }

    private static ArrayNode anchors(Map<Indicator, Indicator> of) {
        Map<Indicator, Integer> size = new java.util.TreeMap<>();
        of.values().forEach(a -> size.merge(a, 1, Integer::sum));
        ArrayNode out = JSON.createArrayNode();
        size.forEach((a, n) -> out.addObject().put("id", a.key()).put("type", a.type().id()).put("value", a.value())
                .put("count", n));
        return out;
    }

    /** The /24 of an IPv4 address ("10.1.2.0/24"), or null for anything else. */
    static String net24(Indicator i) {
        if (i.type() != io.infrapivot.model.IndicatorType.IP) return null;
        String v = i.value();
        int last = v.lastIndexOf('.');
        if (last < 0 || v.indexOf(':') >= 0) return null;
        return v.substring(0, last) + ".0/24";
    }

    /** A page of a group's members: their nodes and the links to the hub, ordered by value. */
    ObjectNode groupPage(CaseStore store, String groupId, int offset, int limit) {
        Snapshot s = read(store).snapshot();
        Set<Indicator> seeds = new HashSet<>(s.seeds);
        if (groupId.startsWith("net:")) {
            String net = groupId.substring("net:".length());
            return membersPage(s, groupId, s.indicators.stream()
                    .filter(i -> net.equals(net24(i)) && !seeds.contains(i) && !s.marks.containsKey(i)).sorted().toList(),
                    offset, limit);
        }
        if (groupId.startsWith("by-")) return aggregatePage(store, groupId, offset, limit);
        List<StoredObservation> links = new ArrayList<>();
        for (StoredObservation o : s.links) {
            for (Indicator[] pair : new Indicator[][] {{o.subject(), o.object()}, {o.object(), o.subject()}}) {
                if (isLeaf(s, seeds, pair[1]) && !isLeaf(s, seeds, pair[0])
                        && Group.id(pair[0], o.relation(), pair[1]).equals(groupId)) {
                    links.add(o);
                }
            }
        }
        links.sort(Comparator.comparing((StoredObservation o) -> o.subject().value()).thenComparing(o -> o.object().value()));
        ObjectNode root = JSON.createObjectNode();
        root.put("group", groupId);
        root.put("count", links.size());
        root.put("offset", offset);
        ArrayNode nodes = root.putArray("nodes");
        ArrayNode edges = root.putArray("edges");
        int end = Math.min(links.size(), offset + limit);
        for (int k = Math.max(0, offset); k < end; k++) {
            StoredObservation o = links.get(k);
            Indicator leaf = isLeaf(s, seeds, o.object()) ? o.object() : o.subject();
            nodes.add(node(s, leaf, false, null));
            edges.add(edge(o));
        }
        root.put("next", end < links.size() ? end : -1);
        return root;
    }

    /** A page of an ASN's or registrant's aggregate, as the last graph read of this case made it. */
    private ObjectNode aggregatePage(CaseStore store, String groupId, int offset, int limit) {
        int colon = groupId.indexOf(':');
        String by = colon < 0 ? "" : groupId.substring("by-".length(), colon);
        Cached cached = read(store);
        List<Indicator> members = AGGREGATIONS.contains(by) ? cached.aggregated().get(groupId) : List.of();
        if (members == null) { // the case changed (or was never drawn so): aggregate it again
            graph(null, store, by);
            cached = read(store);
            members = cached.aggregated().getOrDefault(groupId, List.of());
        }
        return membersPage(cached.snapshot(), groupId, members, offset, limit);
    }

    /** A page of an aggregate's members, with every link of theirs (the page draws those whose ends it has). */
    private ObjectNode membersPage(Snapshot s, String groupId, List<Indicator> members, int offset, int limit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("group", groupId);
        root.put("count", members.size());
        root.put("offset", offset);
        ArrayNode nodes = root.putArray("nodes");
        ArrayNode edges = root.putArray("edges");
        int end = Math.min(members.size(), offset + limit);
        Set<Indicator> page = new HashSet<>();
        for (int k = Math.max(0, offset); k < end; k++) {
            page.add(members.get(k));
            nodes.add(node(s, members.get(k), false, null));
        }
        for (StoredObservation o : s.links) {
            if (page.contains(o.subject()) || page.contains(o.object())) edges.add(edge(o));
        }
        root.put("next", end < members.size() ? end : -1);
        return root;
    }

    private boolean isLeaf(Snapshot s, Set<Indicator> seeds, Indicator i) {
        if (seeds.contains(i) || s.marks.containsKey(i)) return false;
        Set<Indicator> n = s.neighbours.get(i);
        return n != null && n.size() == 1;
    }

    record Group(String id, Indicator hub, Relation relation, String memberType, int count,
                 List<StoredObservation> links) {
        static String id(Indicator hub, Relation relation, Indicator leaf) {
            return "group:" + hub.key() + "|" + relation.id() + "|" + leaf.type().id();
        }
    }

    ObjectNode node(Snapshot s, Indicator i, boolean seed, Double score) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", i.key());
        n.put("type", i.type().id());
        n.put("value", i.value());
        n.put("seed", seed);
        long[] span = s.span.get(i);
        if (span != null) {
            putTime(n, "first", span[0]);
            putTime(n, "last", span[1]);
        }
        if (score != null) n.put("score", Math.round(score * 10) / 10.0);
        ArrayNode marks = n.putArray("marks");
        for (JsonNode m : s.marks.getOrDefault(i, List.of())) marks.add(mark(m));
        ArrayNode src = n.putArray("sources");
        s.sources.getOrDefault(i, Set.of()).forEach(src::add);
        n.put("degree", s.neighbours.getOrDefault(i, Set.of()).size());
        return n;
    }

    static ObjectNode mark(JsonNode m) {
        ObjectNode x = JSON.createObjectNode();
        x.put("rule", m.path("rule").asText(""));
        x.put("reason", m.path("reason").asText(""));
        x.put("expanded", m.path("expanded").asBoolean(false));
        if (m.hasNonNull("count")) x.put("count", m.path("count").asLong());
        return x;
    }

    static ObjectNode edge(StoredObservation o) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", "o" + o.id());
        e.put("s", o.subject().key());
        e.put("t", o.object().key());
        e.put("rel", o.relation().id());
        putTime(e, "first", millis(first(o)));
        putTime(e, "last", millis(last(o)));
        ArrayNode src = e.putArray("sources");
        o.sources().forEach(src::add);
        return e;
    }

    /** Facts just stored by a run, as nodes (type and value only) and edges for the page to merge. */
    static ObjectNode delta(List<Fact> facts, Set<Indicator> seeds) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        ArrayNode edges = root.putArray("edges");
        Set<Indicator> seen = new HashSet<>();
        for (Fact f : facts) {
            if (f.relation() == Relation.NOISE) continue;
            for (Indicator i : new Indicator[] {f.subject(), f.object()}) {
                if (i == null || !seen.add(i)) continue;
                ObjectNode n = nodes.addObject();
                n.put("id", i.key());
                n.put("type", i.type().id());
                n.put("value", i.value());
                n.put("seed", seeds.contains(i));
                n.putArray("marks");
                ArrayNode src = n.putArray("sources");
                f.sources().forEach(src::add);
                putTime(n, "first", millis(f.firstSeen() != null ? f.firstSeen() : f.learnedAt()));
                putTime(n, "last", millis(f.lastSeen() != null ? f.lastSeen() : f.learnedAt()));
            }
            if (f.object() != null && !f.object().equals(f.subject()) && f.id() != null) {
                ObjectNode e = edges.addObject();
                e.put("id", "o" + f.id());
                e.put("s", f.subject().key());
                e.put("t", f.object().key());
                e.put("rel", f.relation().id());
                putTime(e, "first", millis(f.firstSeen() != null ? f.firstSeen() : f.learnedAt()));
                putTime(e, "last", millis(f.lastSeen() != null ? f.lastSeen() : f.learnedAt()));
                ArrayNode src = e.putArray("sources");
                f.sources().forEach(src::add);
            }
        }
        return root;
    }

    /** Everything the case knows about one indicator, for the inspector. */
    ObjectNode about(CaseStore store, Indicator i) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", i.key());
        root.put("type", i.type().id());
        root.put("value", i.value());
        root.put("seed", store.seeds().contains(i));
        if (i.type() == io.infrapivot.model.IndicatorType.URL
                && (i.value().startsWith("https://") || i.value().startsWith("http://"))) {
            root.put("href", i.value()); // only from a parsed URL indicator: never javascript:
        }
        ArrayNode marks = root.putArray("marks");
        ArrayNode facts = root.putArray("facts");
        for (StoredObservation o : store.observationsAbout(i)) {
            if (o.relation() == Relation.NOISE) {
                if (o.subject().equals(i) && o.value() != null) marks.add(mark(o.value()));
                continue;
            }
            ObjectNode f = facts.addObject();
            f.put("id", o.id());
            f.put("subject", o.subject().key());
            f.put("relation", o.relation().id());
            f.put("section", o.relation().section().id());
            if (o.object() != null) f.put("object", o.object().key());
            if (o.value() != null) f.put("value", o.value().isTextual() ? o.value().asText() : o.value().toString());
            ArrayNode src = f.putArray("sources");
            o.sources().forEach(src::add);
            putTime(f, "first_seen", millis(o.firstSeen()));
            putTime(f, "last_seen", millis(o.lastSeen()));
            putTime(f, "learned", millis(o.firstLearned()));
            Long count = null;
            for (Sighting x : o.sightings()) if (x.count() != null) count = count == null ? x.count() : Math.max(count, x.count());
            if (count != null) f.put("count", count);
            ArrayNode ev = f.putArray("evidence");
            o.sightings().stream().map(Sighting::evidenceId).filter(Objects::nonNull).distinct().forEach(ev::add);
        }
        Provenance p = read(store).provenance();
        ArrayNode why = root.putArray("why");
        for (List<Provenance.Hop> path : p.paths(i, 3)) {
            ArrayNode hops = why.addArray();
            for (Provenance.Hop h : path) {
                ObjectNode x = hops.addObject();
                x.put("from", h.from().key());
                x.put("to", h.to().key());
                x.put("rel", h.fact().relation().id());
                if (h.fact().id() != null) x.put("edge", "o" + h.fact().id());
            }
        }
        ArrayNode lookups = root.putArray("lookups");
        store.lookupsAbout(i).stream().filter(l -> !Pivot.SOURCE.equals(l.source())).limit(200).forEach(l -> {
            ObjectNode x = lookups.addObject();
            x.put("source", l.source());
            x.put("outcome", l.outcome().id());
            putTime(x, "finished", millis(l.finished()));
            if (l.message() != null) x.put("message", l.message());
            x.put("facts", l.observationCount());
        });
        return root;
    }

    static void putTime(ObjectNode n, String field, long millis) {
        if (millis == Long.MIN_VALUE || millis == Long.MAX_VALUE) n.putNull(field);
        else n.put(field, millis);
    }
}
