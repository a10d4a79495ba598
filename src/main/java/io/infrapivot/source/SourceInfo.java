package io.infrapivot.source;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a source declares about itself.
 *
 * @param id           stable id: used in --sources, config sections and INFRAPIVOT_&lt;ID&gt;_&lt;SETTING&gt;
 * @param description  one line
 * @param accepts      indicator types it can look up
 * @param produces     relations it may produce
 * @param access       offline, passive or active
 * @param settings     the settings it reads (credentials flagged), e.g. key, url
 * @param rateLimit    requests per period it may make (null: unlimited)
 * @param concurrency  how many lookups may run at once
 * @param defaultTtl   how long its answers stay fresh in the cache (Duration.ZERO: never cached)
 * @param stores       whether its observations are stored (false for sources that only replay the case)
 */
public record SourceInfo(String id, String description, Set<IndicatorType> accepts, Set<Relation> produces,
                         Access access, List<Setting> settings, RateLimit rateLimit, int concurrency,
                         Duration defaultTtl, boolean stores) {
    public SourceInfo {
        accepts = Set.copyOf(accepts);
        produces = Set.copyOf(produces);
        settings = List.copyOf(settings);
        if (!id.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("source id must be lower-case letters and digits: " + id);
        }
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
    }

    /** A setting a source reads. */
    public record Setting(String name, String description, boolean secret, boolean required, String defaultValue) {
        public static Setting key(String description, boolean required) {
            return new Setting("key", description, true, required, null);
        }

        public static Setting url(String defaultUrl) {
            return new Setting("url", "base URL (for mirrors, proxies, enterprise instances, tests)", false, false,
                    defaultUrl);
        }

        public static Setting plain(String name, String description, String defaultValue) {
            return new Setting(name, description, false, false, defaultValue);
        }
    }

    /** At most {@code permits} requests per {@code per}. */
    public record RateLimit(int permits, Duration per) {}
}
