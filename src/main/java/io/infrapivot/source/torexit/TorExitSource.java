package io.infrapivot.source.torexit;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.reputation.ListCopy;
import io.infrapivot.source.reputation.ListFiles;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Facts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Source {@code torexit} (offline): the Tor Project's bulk exit list ({@code check.torproject.org/torbulkexitlist},
 * one IP a line) as downloaded by {@code update-data} into {@code <data_folder>/torexit/}. An IP on it gets a
 * {@code listed-on} fact dated with the download (the list carries no date of its own). Without a downloaded copy
 * the source is skipped and says to run update-data.
 */
public final class TorExitSource implements Source {
    public static final String ID = "torexit";
    public static final String DEFAULT_URL = "https://check.torproject.org/torbulkexitlist";
    static final String FILE = "torbulkexitlist";
    static final SourceInfo.Setting<String> URL = SourceInfo.Setting.url(DEFAULT_URL);
    static final SourceInfo.Setting<java.time.Duration> STALE_AFTER = SourceInfo.Setting.duration("stale-after",
            "the exit list copy is called stale when older than this", io.infrapivot.source.Durations.parse("1d"));
    static final SourceInfo.Setting<String> FOLDER = SourceInfo.Setting.text("list-folder",
            "where the downloaded list is (default: <data_folder>/torexit)", null);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Tor exit relays (the Tor Project's bulk exit list, offline copy refreshed by update-data)")
            .accepts(IndicatorType.IP)
            .produces(Relation.LISTED_ON)
            .settings(URL, FOLDER, STALE_AFTER)
            .access(io.infrapivot.source.Access.OFFLINE).concurrency(16).ttl(java.time.Duration.ofHours(1))
            .build();

    /** The parsed list and its date. */
    record ExitList(Set<IPAddress> exits, Instant date) {}

    @Override
    public SourceInfo info() {
        return INFO;
    }

    private static final ListCopy COPY = new ListCopy(ID, FOLDER, STALE_AFTER);

    @Override
    public String cacheKey(io.infrapivot.source.RunOptions options, io.infrapivot.source.SourceSettings settings) {
        return COPY.cacheKey(settings);
    }

    @Override
    public io.infrapivot.source.Readiness readiness(io.infrapivot.source.SourceSettings settings) {
        return COPY.readiness(settings, java.time.Instant.now());
    }

    /** The folder holding the downloaded list. */
    static Optional<Path> folderOf(io.infrapivot.source.SourceSettings s) {
        return COPY.folderOf(s);
    }

    /** Parses the list: one IP a line, blank lines and {@code #} comments skipped; lines that are no IP ignored. */
    static Set<IPAddress> parse(String text) {
        Set<IPAddress> out = new HashSet<>();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            IPAddress a = new IPAddressString(t).getAddress();
            if (a != null && !a.isPrefixed()) out.add(a);
        }
        return out;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (indicator.type() != IndicatorType.IP) {
            return LookupResult.skipped(ID + " does not look up " + indicator.type().id() + " indicators");
        }
        var s = context.settings();
        Optional<Path> dir = folderOf(s);
        Optional<ExitList> list = dir.flatMap(d -> {
            long modified = ListFiles.modified(d);
            if (modified == 0) return Optional.empty();
            return context.shared().get(List.of(ID, d.toString(), modified), () -> ListFiles.read(d, List.of(FILE))
                    .map(st -> new ExitList(parse(st.files().get(FILE)), st.date())));
        });
        if (list.isEmpty()) {
            return LookupResult.skipped("no downloaded Tor exit list; run: infrapivot update-data --only reputation");
        }
        Facts facts = Facts.of(ID, context, null);
        IPAddress a = new IPAddressString(indicator.value()).getAddress();
        if (a != null && list.get().exits().contains(a.withoutPrefixLength())) {
            Verdicts.listedOn(facts, indicator, Verdicts.listed("Tor exit", true, list.get().date()));
        }
        var obs = facts.observations();
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, List.of(), null, null);
    }
}
