package io.infrapivot.source.subdomains;

import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.CnameChain;
import io.infrapivot.source.dns.DnsStatus;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.Json;
import io.infrapivot.source.dns.Pacer;
import io.infrapivot.source.dns.RecordInterpreter;
import io.infrapivot.source.dns.Ref;
import io.infrapivot.source.dns.Wildcard;
import io.infrapivot.source.dns.Wildcards;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Brute-forces names under a domain from a word list: a name exists when its A question answers (directly
 * or through CNAMEs) or says NODATA; answers equal to the zone's wildcard are not discoveries.
 *
 * @param asker       the resolver
 * @param pacer       the rate limit
 * @param concurrency questions in flight at once
 */
public record SubdomainScan(Asker asker, Pacer pacer, int concurrency) {

    /** What a scan found, and how many words only the wildcard answered. */
    public record Result(List<Finding> findings, int asked, int wildcardHits, Wildcard wildcard) {}

    public Result scan(Name domain, List<String> words) throws InterruptedException {
        Ref self = Ref.name(domain);
        Wildcard wildcard = Wildcards.probe(asker, domain);
        List<Finding> out = Collections.synchronizedList(new ArrayList<>());
        int[] wildHits = new int[1];
        Semaphore permits = new Semaphore(Math.max(1, concurrency));
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (String w : words) {
                Name name;
                try {
                    name = Name.concatenate(Name.fromString(w), domain);
                } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
                    continue;
                }
                permits.acquire();
                pacer.acquire();
                fs.add(ex.submit(() -> {
                    try {
                        if (!probe(self, name, wildcard, out)) {
                            synchronized (wildHits) {
                                wildHits[0]++;
                            }
                        }
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return new Result(out, words.size(), wildHits[0], wildcard);
    }

    /** Asks about one name; false when only the wildcard answered. */
    private boolean probe(Ref self, Name name, Wildcard wildcard, List<Finding> out) throws InterruptedException {
        CnameChain chain = CnameChain.follow(asker, name, Type.A);
        DnsStatus st = chain.last().status();
        boolean exists = st == DnsStatus.ANSWER || st == DnsStatus.NODATA || !chain.aliases().isEmpty();
        if (!exists) return true;
        boolean wild = chain.aliases().isEmpty() && st == DnsStatus.ANSWER
                && wildcard.coversAll(chain.last().records());
        if (wild) return false;
        Ref host = Ref.name(name);
        out.add(Finding.link(self, Relation.SUBDOMAIN, host, Json.type("wordlist"), chain.last()));
        out.addAll(chain.aliases());
        if (chain.dangling()) {
            out.addAll(io.infrapivot.source.dns.DnsLookup.chainEnd(host, chain)); // the alias's end is missing
        } else if (st == DnsStatus.ANSWER && !chain.loop()) {
            out.addAll(RecordInterpreter.interpret(host, chain.last(), wildcard));
        }
        return true;
    }
}
