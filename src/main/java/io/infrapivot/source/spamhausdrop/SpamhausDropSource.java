package io.infrapivot.source.spamhausdrop;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.infrapivot.source.thirdparty.ServiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Source {@code spamhausdrop} (offline): the Spamhaus DROP (IPv4 and IPv6, EDROP included) and ASN-DROP lists as
 * downloaded by {@code update-data} into {@code <data_folder>/spamhausdrop/}; no network at lookup time. An IP or
 * network inside (or covering) a listed network, or a listed ASN, gets a {@code listed-on} fact dated with the
 * list's own timestamp, naming the SBL record and RIR. Without a downloaded copy the source is skipped and says
 * to run update-data. The {@code url} setting is where update-data fetches the three files from.
 */
public final class SpamhausDropSource implements Source {
    public static final String ID = "spamhausdrop";
    public static final String DEFAULT_URL = "https://www.spamhaus.org/drop";
    static final List<String> FILES = List.of("drop_v4.json", "drop_v6.json", "asndrop.json");
    static final SourceInfo.Setting<String> URL = SourceInfo.Setting.url(DEFAULT_URL);
    static final SourceInfo.Setting<java.time.Duration> STALE_AFTER = SourceInfo.Setting.duration("stale-after",
            "the DROP copy is called stale when older than this", io.infrapivot.source.Durations.parse("7d"));
    static final SourceInfo.Setting<String> FOLDER = SourceInfo.Setting.text("list-folder",
            "where the downloaded lists are (default: <data_folder>/spamhausdrop)", null);

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Spamhaus DROP, EDROP and ASN-DROP (offline copy refreshed by update-data)")
            .accepts(IndicatorType.IP, IndicatorType.CIDR, IndicatorType.ASN)
            .produces(Relation.LISTED_ON)
            .settings(URL, FOLDER, STALE_AFTER)
            .access(io.infrapivot.source.Access.OFFLINE).concurrency(16).ttl(java.time.Duration.ofHours(1))
            .build();

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

    /** The folder holding the downloaded lists. */
    static Optional<Path> folderOf(io.infrapivot.source.SourceSettings s) {
        return COPY.folderOf(s);
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        if (!INFO.accepts().contains(indicator.type())) {
            return LookupResult.skipped(ID + " does not look up " + indicator.type().id() + " indicators");
        }
        Optional<Path> dir = folderOf(context.settings());
        Optional<DropList> list = dir.flatMap(d -> load(d, context));
        if (list.isEmpty()) {
            return LookupResult.skipped("no downloaded Spamhaus DROP list; run: infrapivot update-data --only reputation");
        }
        DropList drop = list.get();
        Facts facts = Facts.of(ID, context, null);
        if (indicator.type() == IndicatorType.ASN) {
            long asn = Long.parseLong(indicator.value().replaceAll("(?i)^as", ""));
            DropList.As a = drop.asn(asn);
            if (a != null) {
                ObjectNode v = Verdicts.listed("Spamhaus ASN-DROP", true, drop.date());
                put(v, "asname", a.name());
                put(v, "cc", a.cc());
                put(v, "rir", a.rir());
                Verdicts.listedOn(facts, indicator, v);
            }
        } else {
            IPAddress addr = new IPAddressString(indicator.value()).getAddress();
            if (addr != null) {
                for (DropList.Net n : drop.matching(addr)) {
                    ObjectNode v = Verdicts.listed("Spamhaus DROP", true, drop.date());
                    v.put("network", n.cidr());
                    put(v, "sbl", n.sbl());
                    put(v, "rir", n.rir());
                    Verdicts.listedOn(facts, indicator, v);
                }
            }
        }
        var obs = new ArrayList<>(facts.observations());
        return new LookupResult(obs.isEmpty() ? Outcome.EMPTY : Outcome.OK, obs, List.of(),
                "list of " + (drop.date() == null ? "unknown date" : drop.date().toString().substring(0, 10)), null);
    }

    private static Optional<DropList> load(Path dir, LookupContext context) {
        long modified = ListFiles.modified(dir);
        if (modified == 0) return Optional.empty();
        // parsed once per engine and copy (the key changes when update-data writes a new copy)
        return context.shared().get(List.of(ID, dir.toString(), modified), () -> read(dir));
    }

    private static Optional<DropList> read(Path dir) {
        return ListFiles.read(dir, FILES).flatMap(s -> {
            try {
                return Optional.of(DropList.parse(s.files().get("drop_v4.json"), s.files().get("drop_v6.json"),
                        s.files().get("asndrop.json")));
            } catch (ServiceException e) {
                LOG.log(System.Logger.Level.WARNING, () -> ID + ": the downloaded list does not read: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static void put(ObjectNode v, String field, String text) {
        if (text != null) v.put(field, io.infrapivot.model.Safe.truncate(text, 200));
    }

    private static final System.Logger LOG = System.getLogger(SpamhausDropSource.class.getName());
}
