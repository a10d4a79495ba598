package io.infrapivot.engine;

import io.infrapivot.source.Durations;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceInfo.Setting;
import io.infrapivot.source.SourceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings the engine reads for every source, from the same {@code [sources.<id>]} table (and
 * {@code INFRAPIVOT_<ID>_<SETTING>}) as the source's own, declared and typed once like a source's
 * ({@link Setting}). A null default means "the source's own declaration" ({@link #defaultFor}).
 */
public final class EngineSettings {
    private EngineSettings() {}

    /** How many lookups of the source run at once. */
    public static final Setting<Integer> PARALLEL_LOOKUPS = Setting.integer("parallel_lookups",
            "lookups of this source at once (the source declares its default)", null);
    /** How long the source's answers stay fresh in the case. */
    public static final Setting<Duration> TTL = Setting.duration("ttl",
            "how long answers stay fresh in the case before they are asked again", null);
    /** Requests per the source's rate period. */
    public static final Setting<Integer> RATE_LIMIT = Setting.integer("rate_limit",
            "requests per the source's rate period (none: unlimited)", null);
    /** Consecutive errors after which the source is not called for a while. */
    public static final Setting<Integer> BREAKER_THRESHOLD = Setting.integer("breaker_threshold",
            "consecutive errors after which the source is not called for a while", 5);
    /** How long a tripped source rests. */
    public static final Setting<Duration> BREAKER_COOLDOWN = Setting.duration("breaker_cooldown",
            "how long a source rests after the breaker tripped", Duration.ofMinutes(2));
    /** {@code false} switches the source off. */
    public static final Setting<Boolean> ENABLED = Setting.flag("enabled", "false switches the source off", true);

    /** Every setting the engine reads per source. */
    public static final List<Setting<?>> ALL = List.of(ENABLED, PARALLEL_LOOKUPS, RATE_LIMIT, TTL, BREAKER_THRESHOLD,
            BREAKER_COOLDOWN);

    /** Names the configuration sets itself (not written by users, never warned about). */
    public static final Set<String> PROVIDED = Set.of("data_folder");

    /** The default of {@code setting} for {@code source} as written in the config file, or null when unlimited. */
    public static String defaultFor(Setting<?> setting, SourceInfo source) {
        if (setting == PARALLEL_LOOKUPS) return Integer.toString(source.concurrency());
        if (setting == TTL) return Durations.format(source.defaultTtl());
        if (setting == RATE_LIMIT) {
            return source.rateLimit() == null ? null : Integer.toString(source.rateLimit().permits());
        }
        return setting.defaultText();
    }

    /**
     * Warnings for the names given in a source's table that neither the source nor the engine reads, each naming
     * the likely intended setting ({@code ttl}, for {@code tll}) when one is close.
     */
    public static List<String> unknown(SourceInfo source, SourceSettings given) {
        List<String> known = new ArrayList<>();
        source.settings().forEach(s -> known.add(SourceSettings.normalise(s.name())));
        ALL.forEach(s -> known.add(s.name()));
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(given.names())) {
            if (known.contains(name) || PROVIDED.contains(name)) continue;
            String near = nearest(name, known);
            out.add("[sources." + source.id() + "] has an unknown setting " + io.infrapivot.model.Safe.oneLine(
                    io.infrapivot.model.Safe.truncate(name, 40)) + (near == null ? "" : "; did you mean " + near + "?")
                    + " (`infrapivot sources --settings` lists them)");
        }
        return out;
    }

    /** The known name closest to {@code name} (edit distance at most a third of its length, at least 2), or null. */
    static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String n = name.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(n, k);
            if (k.contains(n) || n.contains(k)) d = Math.min(d, 1 + Math.abs(k.length() - n.length()) / 4);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
