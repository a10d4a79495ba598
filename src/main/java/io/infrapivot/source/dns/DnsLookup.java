package io.infrapivot.source.dns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.infrapivot.model.Relation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What the {@code dns} source asks about one name, IP or network, as findings. The questions run
 * concurrently on virtual threads (the resolver bounds nothing itself; {@code concurrency} does).
 *
 * @param asker        the resolver of this lookup (it keeps the evidence)
 * @param srvServices  SRV service names asked under a domain (empty: none)
 * @param maxPtr       the largest network whose addresses get PTR lookups
 * @param concurrency  questions in flight at once for one lookup
 */
public record DnsLookup(Asker asker, List<String> srvServices, int maxPtr, int concurrency) {
    /** Types whose negative outcomes (NODATA) are worth a finding; errors are kept for every type. */
    private static final List<Integer> MAIN = List.of(Type.A, Type.AAAA, Type.MX, Type.NS, Type.TXT);
    private static final List<Integer> OTHER = List.of(Type.SOA, Type.CAA, Type.HTTPS, Type.SVCB);

    /** Everything about a host or domain name. */
    public List<Finding> name(Name name) throws InterruptedException {
        String text = DnsNames.text(name);
        Ref self = Ref.name(text);
        List<Finding> out = Collections.synchronizedList(new ArrayList<>());
        Wildcard parentWildcard = name.labels() > 3 ? Wildcards.probe(asker, new Name(name, 1)) : null;
        CnameChain a = CnameChain.follow(asker, name, Type.A);
        if (a.last().status() == DnsStatus.NXDOMAIN) {
            // a name that does not exist, or an alias whose chain ends at one (the chain is kept: RFC 6604);
            // an alias holds no other data, so nothing more is asked
            if (a.aliases().isEmpty()) {
                out.add(RecordInterpreter.outcome(self, a.last()));
            } else {
                out.addAll(a.aliases());
                out.addAll(chainEnd(self, a));
            }
            return out;
        }
        addAddresses(self, a, parentWildcard, out);
        List<Callable<Void>> tasks = new ArrayList<>();
        tasks.add(() -> {
            addAddresses(self, CnameChain.follow(asker, name, Type.AAAA), parentWildcard, out);
            return null;
        });
        for (int t : MAIN.subList(2, MAIN.size())) tasks.add(() -> plain(self, name, t, true, out));
        for (int t : OTHER) tasks.add(() -> plain(self, name, t, false, out));
        tasks.add(() -> dnssec(self, name, out));
        tasks.add(() -> {
            Wildcard own = Wildcards.probe(asker, name);
            if (own.present()) out.add(wildcardFinding(self, own));
            return null;
        });
        tasks.add(() -> spf(text, name, out));
        tasks.add(() -> dmarc(text, name, out));
        tasks.add(() -> policy(text, "default._bimi", "BIMI", "BIMI1", out));
        tasks.add(() -> policy(text, "_mta-sts", "MTA-STS", "STSv1", out));
        tasks.add(() -> policy(text, "_smtp._tls", "TLS-RPT", "TLSRPTv1", out));
        for (String service : srvServices) tasks.add(() -> srv(self, name, service, out));
        runAll(tasks);
        return out;
    }

    private void addAddresses(Ref self, CnameChain chain, Wildcard wildcard, List<Finding> out) {
        out.addAll(chain.aliases());
        if (chain.loop()) {
            var v = Json.type("CNAME").put("loop", true);
            ArrayNode names = v.putArray("chain");
            chain.chain().forEach(names::add);
            out.add(Finding.attribute(self, Relation.DNS_RECORD, v, chain.last()));
            return;
        }
        if (chain.last().status() != DnsStatus.ANSWER || !chain.aliases().isEmpty()
                && chain.last().records().isEmpty()) {
            if (chain.last().status() != DnsStatus.NODATA || chain.last().type() == Type.A) {
                if (chain.aliases().isEmpty()) out.add(RecordInterpreter.outcome(self, chain.last()));
                else out.addAll(chainEnd(self, chain));
            }
            return;
        }
        out.addAll(RecordInterpreter.interpret(self, chain.last(), wildcard));
    }

    /**
     * The outcome at the end of an alias chain that ends without data: on the name looked up (with the chain's
     * end, the chain, and {@code dangling} when the end does not exist) and on the end name itself.
     */
    public static List<Finding> chainEnd(Ref self, CnameChain chain) {
        Finding onSelf = RecordInterpreter.outcome(self, chain.last());
        onSelf.value().put("name", DnsNames.text(chain.end()));
        ArrayNode names = onSelf.value().putArray("chain");
        chain.chain().forEach(names::add);
        if (chain.last().status() == DnsStatus.NXDOMAIN) onSelf.value().put("dangling", true);
        Finding onEnd = RecordInterpreter.outcome(Ref.name(chain.end()), chain.last());
        return List.of(onSelf, onEnd);
    }

    private Void plain(Ref self, Name name, int type, boolean keepNodata, List<Finding> out)
            throws InterruptedException {
        DnsAnswer a = asker.ask(name, type);
        if (a.status() == DnsStatus.ANSWER) {
            // CNAMEs at the name were handled with the address chain
            if (!a.records().isEmpty()) out.addAll(RecordInterpreter.interpret(self, a, null));
        } else if (a.status() != DnsStatus.NXDOMAIN && (keepNodata || a.status() != DnsStatus.NODATA)) {
            out.add(RecordInterpreter.outcome(self, a));
        }
        return null;
    }

    private Void dnssec(Ref self, Name name, List<Finding> out) throws InterruptedException {
        DnsAnswer keys = asker.ask(name, Type.DNSKEY);
        DnsAnswer ds = asker.ask(name, Type.DS);
        boolean failed = false;
        for (DnsAnswer a : List.of(keys, ds)) {
            if (a.message() == null || a.status() == DnsStatus.SERVFAIL || a.status() == DnsStatus.REFUSED) {
                out.add(RecordInterpreter.outcome(self, a));
                failed = true;
            }
        }
        if (failed) return null;
        int k = keys.records().size();
        int d = ds.records().size();
        out.add(Finding.attribute(self, Relation.DNS_RECORD, Json.type("DNSSEC").put("dnskey", k).put("ds", d)
                .put("signed", k > 0 || d > 0), k > 0 ? keys : ds));
        return null;
    }

    private Void spf(String text, Name name, List<Finding> out) throws InterruptedException {
        DnsAnswer txt = asker.ask(name, Type.TXT);
        out.addAll(SpfWalker.walk(text, txt, n -> asker.ask(n, Type.TXT)));
        return null;
    }

    private Void dmarc(String text, Name name, List<Finding> out) throws InterruptedException {
        Name at = child("_dmarc", name);
        if (at == null) return null;
        DnsAnswer txt = asker.ask(at, Type.TXT);
        out.addAll(MailPolicies.dmarc(text, txt, (domain, dest) -> {
            Name auth = child(domain + "._report._dmarc", DnsNames.parse(dest));
            return auth != null && MailPolicies.hasDmarcAuthorization(asker.ask(auth, Type.TXT));
        }));
        return null;
    }

    private Void policy(String text, String prefix, String kind, String version, List<Finding> out)
            throws InterruptedException {
        Name at = child(prefix, DnsNames.parse(text));
        if (at == null) return null;
        out.addAll(MailPolicies.policy(text, kind, version, asker.ask(at, Type.TXT)));
        return null;
    }

    private Void srv(Ref self, Name name, String service, List<Finding> out) throws InterruptedException {
        Name at = child(service, name);
        if (at == null) return null;
        DnsAnswer a = asker.ask(at, Type.SRV);
        if (a.status() == DnsStatus.ANSWER) out.addAll(RecordInterpreter.interpret(self, a, null));
        return null;
    }

    static Finding wildcardFinding(Ref self, Wildcard w) {
        var v = Json.type("WILDCARD").put("zone", DnsNames.text(w.zone()));
        ArrayNode arr = v.putArray("answers");
        w.answers().forEach((t, set) -> set.forEach(d -> arr.add(Type.string(t) + " " + d)));
        return Finding.attribute(self, Relation.DNS_RECORD, v, null);
    }

    /** {@code prefix.name}, or null when that is too long to exist. */
    static Name child(String prefix, Name name) {
        try {
            return Name.concatenate(Name.fromString(prefix), name);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            return null;
        }
    }

    /** PTR records of one address. */
    public List<Finding> ip(String address) throws InterruptedException {
        IPAddress ip = new IPAddressString(address).getAddress();
        if (ip == null || ip.isMultiple()) throw new IllegalArgumentException("not an IP address: " + address);
        return ptr(ip.withoutPrefixLength(), true);
    }

    private List<Finding> ptr(IPAddress ip, boolean keepNegative) throws InterruptedException {
        Ref self = Ref.ip(ip.toCanonicalString());
        DnsAnswer a = asker.ask(ReverseMap.fromAddress(ip.toInetAddress()), Type.PTR);
        if (a.status() == DnsStatus.ANSWER) return RecordInterpreter.interpret(self, a, null);
        if (keepNegative || a.status() != DnsStatus.NXDOMAIN && a.status() != DnsStatus.NODATA) {
            return List.of(RecordInterpreter.outcome(self, a));
        }
        return List.of();
    }

    /** PTR records of every address of a network no larger than {@code maxPtr} addresses. */
    public List<Finding> cidr(String network) throws InterruptedException {
        IPAddress block = new IPAddressString(network).getAddress();
        if (block == null) throw new IllegalArgumentException("not a network: " + network);
        block = block.toPrefixBlock();
        BigInteger count = block.getCount();
        if (count.compareTo(BigInteger.valueOf(maxPtr)) > 0) {
            throw new IllegalArgumentException("network " + network + " has " + count + " addresses; PTR lookups"
                    + " stop at " + maxPtr + " (setting ptr-max-addresses)");
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        List<Finding> out = Collections.synchronizedList(new ArrayList<>());
        for (IPAddress one : block.withoutPrefixLength().getIterable()) {
            tasks.add(() -> {
                out.addAll(ptr(one, false));
                return null;
            });
        }
        runAll(tasks);
        return out;
    }

    private void runAll(List<Callable<Void>> tasks) throws InterruptedException {
        Semaphore permits = new Semaphore(Math.max(1, concurrency));
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> fs = new ArrayList<>();
            for (Callable<Void> t : tasks) {
                fs.add(ex.submit(() -> {
                    permits.acquire();
                    try {
                        return t.call();
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<Void> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException ie) throw ie;
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    fs.forEach(x -> x.cancel(true));
                    throw e;
                }
            }
        }
    }
}
