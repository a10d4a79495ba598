package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Relation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Follows an SPF policy through its includes and redirects, as a receiver would, within RFC 7208's limit
 * of 10 DNS-querying terms, detecting loops. Every host, domain, address and network it names becomes a
 * finding ({@code spf-include} for names, {@code spf-allows} for addresses and networks); problems
 * (loop, limit, several records, an include without a record) become {@code dns-record} findings.
 */
public final class SpfWalker {
    /** RFC 7208 section 4.6.4. */
    public static final int LOOKUP_LIMIT = 10;

    /** Asks for the TXT records of a name. */
    @FunctionalInterface
    public interface TxtLookup {
        DnsAnswer txt(Name name) throws InterruptedException;
    }

    private final TxtLookup lookup;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> visiting = new HashSet<>();
    private int lookups;
    private boolean stopped;

    private SpfWalker(TxtLookup lookup) {
        this.lookup = lookup;
    }

    /** Walks the SPF policy of {@code domain} given its TXT answer (already fetched). */
    public static List<Finding> walk(String domain, DnsAnswer txt, TxtLookup lookup) throws InterruptedException {
        SpfWalker w = new SpfWalker(lookup);
        w.visit(domain, txt, 0);
        return w.findings;
    }

    /** The SPF record texts in a TXT answer (each TXT record's strings joined, as RFC 7208 says). */
    static List<String> spfTexts(DnsAnswer txt) {
        return RecordInterpreter.txtStrings(txt).stream().filter(SpfRecord::isSpf).toList();
    }

    private void visit(String domain, DnsAnswer answer, int depth) throws InterruptedException {
        Ref self = Ref.name(domain);
        List<String> spf = answer == null ? List.of() : spfTexts(answer);
        if (spf.isEmpty()) {
            if (depth > 0) problem(self, "no-record", "an included or redirected domain has no SPF record", answer);
            return;
        }
        if (spf.size() > 1) problem(self, "several-records", "more than one SPF record (permerror)", answer);
        String text = spf.get(0);
        findings.add(Finding.attribute(self, Relation.DNS_RECORD, Json.type("SPF")
                .put("record", Safe.cap(text)).put("depth", depth), answer));
        visiting.add(domain);
        for (SpfRecord.Term t : SpfRecord.parse(text).terms()) {
            if (stopped) break;
            if (t.countsLookup() && ++lookups > LOOKUP_LIMIT) {
                problem(self, "lookup-limit", "more than " + LOOKUP_LIMIT + " DNS-querying terms (permerror)",
                        answer);
                stopped = true;
                break;
            }
            term(self, domain, t, depth, answer);
        }
        visiting.remove(domain);
    }

    private void term(Ref self, String domain, SpfRecord.Term t, int depth, DnsAnswer answer)
            throws InterruptedException {
        ObjectNode v = Json.object().put("mechanism", t.name()).put("qualifier", String.valueOf(t.qualifier()))
                .put("depth", depth);
        switch (t.name()) {
            case "ip4", "ip6" -> {
                if (t.argument() == null) return;
                boolean single = t.cidr() < 0 || t.cidr() == (t.name().equals("ip4") ? 32 : 128);
                Ref obj = single ? Ref.ip(t.argument()) : Ref.cidr(t.argument() + "/" + t.cidr());
                findings.add(Finding.link(self, Relation.SPF_ALLOWS, obj, v, answer));
            }
            case "include", "redirect" -> follow(self, t, v, depth, answer);
            case "a", "mx", "exists", "ptr" -> {
                if (t.argument() == null) return;
                if (t.hasMacro()) {
                    findings.add(Finding.attribute(self, Relation.DNS_RECORD, Json.type("SPF")
                            .put("mechanism", t.name()).put("macro", Safe.cap(t.argument())), answer));
                    return;
                }
                findings.add(Finding.link(self, Relation.SPF_INCLUDE, Ref.name(lower(t.argument())), v, answer));
            }
            default -> { }
        }
    }

    private void follow(Ref self, SpfRecord.Term t, ObjectNode v, int depth, DnsAnswer answer)
            throws InterruptedException {
        if (t.argument() == null) return;
        if (t.hasMacro()) {
            findings.add(Finding.attribute(self, Relation.DNS_RECORD, Json.type("SPF").put("mechanism", t.name())
                    .put("macro", Safe.cap(t.argument())), answer));
            return;
        }
        String target = lower(t.argument());
        Name name;
        try {
            name = DnsNames.parse(target);
        } catch (IllegalArgumentException e) {
            problem(self, "bad-name", t.name() + " names no valid domain: " + Safe.cap(target), answer);
            return;
        }
        target = DnsNames.text(name);
        findings.add(Finding.link(self, Relation.SPF_INCLUDE, Ref.name(target), v, answer));
        if (visiting.contains(target)) {
            problem(self, "loop", "SPF " + t.name() + " loops back to " + target, answer);
            return;
        }
        visit(target, lookup.txt(name), depth + 1);
    }

    private void problem(Ref self, String code, String message, DnsAnswer answer) {
        findings.add(Finding.attribute(self, Relation.DNS_RECORD, Json.type("SPF").put("error", code)
                .put("message", message), answer));
    }

    private static String lower(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** Caps for attacker-controlled text kept in values. */
    static final class Safe {
        static final int MAX_TEXT = 4096;

        private Safe() {}

        static String cap(String s) {
            return io.infrapivot.model.Safe.truncate(s, MAX_TEXT);
        }
    }
}
