package io.infrapivot.source.subdomains;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.dns.ActiveNameSource;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.Pacer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Source {@code subdomains} (active: brute force against the target's name servers through the resolver):
 * word-list discovery of names under a domain, wildcard-aware and rate limited. Off unless {@code --active}.
 */
public final class SubdomainsSource extends ActiveNameSource {
    public static final String ID = "subdomains";
    static final String DEFAULT_LIST = "/io/infrapivot/source/dns/subdomains.txt";
    /** Words read from one list at most. */
    static final int MAX_WORDS = 1_000_000;

    /** A file of labels, one a line; unset: the shipped list. */
    static final SourceInfo.Setting<String> WORDLIST = SourceInfo.Setting.text("wordlist",
            "a file of labels, one a line (default: the shipped list)", null);
    /** Questions per second at most. */
    static final SourceInfo.Setting<Double> RATE = SourceInfo.Setting.decimal("rate", "questions per second at most",
            200.0);
    /** Questions in flight at once. */
    static final SourceInfo.Setting<Integer> CONCURRENCY = SourceInfo.Setting.integer("concurrency",
            "questions in flight at once", 32);

    public SubdomainsSource() {
        super(ID, "subdomain discovery by word list (wildcard-aware, rate limited)", 1, WORDLIST, RATE, CONCURRENCY);
    }

    @Override
    protected LookupResult discover(Name name, Indicator indicator, Asker asker, LookupContext context)
            throws InterruptedException {
        var s = context.settings();
        List<String> words;
        try {
            words = s.find(WORDLIST).map(p -> read(Path.of(p))).orElseGet(SubdomainsSource::defaultWords);
        } catch (UncheckedIOException e) {
            return LookupResult.error("cannot read the word list: " + e.getCause().getMessage(), List.of());
        }
        SubdomainScan scan = new SubdomainScan(asker, new Pacer(s.get(RATE)), s.get(CONCURRENCY));
        SubdomainScan.Result r = scan.scan(name, words);
        LookupResult base = result(r.findings(), asker, indicator, context);
        String note = r.asked() + " words asked" + (r.wildcard().present()
                ? "; the zone has a wildcard, " + r.wildcardHits() + " wildcard-only answers ignored" : "");
        return new LookupResult(base.outcome(), base.observations(), base.evidence(),
                base.message() == null ? note : base.message() + "; " + note, null);
    }

    /** The shipped word list. */
    public static List<String> defaultWords() {
        try (InputStream in = SubdomainsSource.class.getResourceAsStream(DEFAULT_LIST)) {
            if (in == null) throw new IllegalStateException("missing " + DEFAULT_LIST);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Labels, one a line; blank lines and {@code #} comments skipped; invalid labels dropped. */
    static List<String> read(InputStream in) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null && out.size() < MAX_WORDS; ) {
            String w = line.trim().toLowerCase(Locale.ROOT);
            if (w.isEmpty() || w.startsWith("#")) continue;
            if (w.matches("[a-z0-9_]([a-z0-9_.-]{0,61}[a-z0-9_])?")) out.add(w);
        }
        return new ArrayList<>(out);
    }
}
