package io.infrapivot.source;

import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a source declares about itself (immutable). Built with {@link #builder(String)}, the only way to make one:
 * <pre>{@code SourceInfo.builder("whoxy").description("...").accepts(EMAIL, ORG).produces(relations)
 *     .settings(KEY, URL).rateLimit(5, Duration.ofSeconds(1)).ttl(Duration.ofDays(7)).build()}</pre>
 *
 * <ul>
 * <li>{@code id}: stable id, used in --sources, config sections and INFRAPIVOT_&lt;ID&gt;_&lt;SETTING&gt;</li>
 * <li>{@code description}: one line</li>
 * <li>{@code accepts}, {@code produces}: indicator types it can look up, relations it may produce</li>
 * <li>{@code access}: offline, passive or active</li>
 * <li>{@code settings}: the settings it reads, each typed once ({@link Setting}; credentials flagged secret)</li>
 * <li>{@code rateLimit}: requests per period it may make (null: unlimited)</li>
 * <li>{@code concurrency}: how many lookups may run at once</li>
 * <li>{@code defaultTtl}: how long its answers stay fresh in the cache (Duration.ZERO: never cached)</li>
 * <li>{@code stores}: whether its observations are stored (false for sources that only replay the case)</li>
 * </ul>
 */
public final class SourceInfo {
    private final String id;
    private final String description;
    private final Set<IndicatorType> accepts;
    private final Set<Relation> produces;
    private final Access access;
    private final List<Setting<?>> settings;
    private final RateLimit rateLimit;
    private final int concurrency;
    private final Duration defaultTtl;
    private final boolean stores;

    private SourceInfo(String id, String description, Set<IndicatorType> accepts, Set<Relation> produces,
                       Access access, List<Setting<?>> settings, RateLimit rateLimit, int concurrency,
                       Duration defaultTtl, boolean stores) {
        if (!id.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("source id must be lower-case letters and digits: " + id);
        }
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        this.id = id;
        this.description = Objects.requireNonNull(description, "description");
        this.accepts = Set.copyOf(accepts);
        this.produces = Set.copyOf(produces);
        this.access = Objects.requireNonNull(access, "access");
        this.settings = List.copyOf(settings);
        this.rateLimit = rateLimit;
        this.concurrency = concurrency;
        this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
        this.stores = stores;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Setting<?> s : this.settings) {
            if (!names.add(SourceSettings.normalise(s.name()))) throw new IllegalArgumentException(id + " declares setting " + s.name() + " twice");
        }
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public Set<IndicatorType> accepts() {
        return accepts;
    }

    public Set<Relation> produces() {
        return produces;
    }

    public Access access() {
        return access;
    }

    public List<Setting<?>> settings() {
        return settings;
    }

    /** Null: unlimited. */
    public RateLimit rateLimit() {
        return rateLimit;
    }

    public int concurrency() {
        return concurrency;
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    public boolean stores() {
        return stores;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceInfo i && id.equals(i.id) && description.equals(i.description)
                && accepts.equals(i.accepts) && produces.equals(i.produces) && access == i.access
                && settings.equals(i.settings) && Objects.equals(rateLimit, i.rateLimit)
                && concurrency == i.concurrency && defaultTtl.equals(i.defaultTtl) && stores == i.stores;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, description, accepts, produces, access, settings, rateLimit, concurrency, defaultTtl,
                stores);
    }

    @Override
    public String toString() {
        return "SourceInfo[" + id + ", " + access + ", settings=" + settings + ", rateLimit=" + rateLimit
                + ", concurrency=" + concurrency + ", ttl=" + defaultTtl + ", stores=" + stores + "]";
    }

    /** A builder for source {@code id}: passive, no settings, no rate limit, one lookup at a time, cached a day, stored. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The declared setting named {@code name} (after {@link SourceSettings#normalise}), or null. */
    public Setting<?> setting(String name) {
        String n = SourceSettings.normalise(name);
        for (Setting<?> s : settings) if (SourceSettings.normalise(s.name()).equals(n)) return s;
        return null;
    }

    /** Builds a {@link SourceInfo}; every field has a default but the id and description. */
    public static final class Builder {
        private final String id;
        private String description;
        private Set<IndicatorType> accepts = EnumSet.noneOf(IndicatorType.class);
        private Set<Relation> produces = EnumSet.noneOf(Relation.class);
        private Access access = Access.PASSIVE;
        private final List<Setting<?>> settings = new ArrayList<>();
        private RateLimit rateLimit;
        private int concurrency = 1;
        private Duration ttl = Duration.ofDays(1);
        private boolean stores = true;

        private Builder(String id) {
            this.id = id;
        }

        public Builder description(String d) {
            this.description = d;
            return this;
        }

        public Builder accepts(IndicatorType... types) {
            return accepts(Arrays.asList(types));
        }

        public Builder accepts(Collection<IndicatorType> types) {
            this.accepts = types.isEmpty() ? EnumSet.noneOf(IndicatorType.class) : EnumSet.copyOf(types);
            return this;
        }

        public Builder produces(Relation... relations) {
            return produces(Arrays.asList(relations));
        }

        public Builder produces(Collection<Relation> relations) {
            this.produces = relations.isEmpty() ? EnumSet.noneOf(Relation.class) : EnumSet.copyOf(relations);
            return this;
        }

        public Builder access(Access a) {
            this.access = a;
            return this;
        }

        public Builder settings(Setting<?>... s) {
            return settings(Arrays.asList(s));
        }

        /** Adds these settings (in order; a name declared twice is an error). */
        public Builder settings(Collection<? extends Setting<?>> s) {
            settings.addAll(s);
            return this;
        }

        /** At most {@code permits} requests per {@code per}. */
        public Builder rateLimit(int permits, Duration per) {
            this.rateLimit = new RateLimit(permits, per);
            return this;
        }

        public Builder concurrency(int n) {
            this.concurrency = n;
            return this;
        }

        /** How long answers stay fresh in the cache (zero: never cached). */
        public Builder ttl(Duration d) {
            this.ttl = d;
            return this;
        }

        /** Results are shown but not stored (sources that only replay the case). */
        public Builder notStored() {
            this.stores = false;
            return this;
        }

        public SourceInfo build() {
            Objects.requireNonNull(description, "description");
            return new SourceInfo(id, description, accepts, produces, access, settings, rateLimit, concurrency, ttl,
                    stores);
        }
    }

    /**
     * A setting a source (or the engine, for every source) reads, typed once: its name, its type, its default,
     * a description, and whether it is a secret. Read back as {@code T} with {@link SourceSettings#get(Setting)}.
     * Immutable.
     *
     * @param <T> the value's type
     */
    public static final class Setting<T> {
        private final String name;
        private final String description;
        private final String type;
        private final Function<String, T> parser;
        private final T defaultValue;
        private final String defaultText;
        private final boolean secret;
        private final boolean required;

        private Setting(String name, String description, String type, Function<String, T> parser, T defaultValue,
                        String defaultText, boolean secret, boolean required) {
            this.name = Objects.requireNonNull(name);
            this.description = Objects.requireNonNull(description);
            this.type = type;
            this.parser = parser;
            this.defaultValue = defaultValue;
            this.defaultText = defaultText;
            this.secret = secret;
            this.required = required;
        }

        /** Text; null default means "not set". */
        public static Setting<String> text(String name, String description, String defaultValue) {
            return new Setting<>(name, description, "text", v -> v, defaultValue, defaultValue, false, false);
        }

        /** The same as {@link #text}. */
        public static Setting<String> plain(String name, String description, String defaultValue) {
            return text(name, description, defaultValue);
        }

        public static Setting<Integer> integer(String name, String description, Integer defaultValue) {
            return new Setting<>(name, description, "integer", Setting::parseInt, defaultValue,
                    defaultValue == null ? null : defaultValue.toString(), false, false);
        }

        /** A decimal number (rates). */
        public static Setting<Double> decimal(String name, String description, Double defaultValue) {
            return new Setting<>(name, description, "number", Setting::parseDouble, defaultValue,
                    defaultValue == null ? null : stripZero(defaultValue), false, false);
        }

        /** A duration: {@code 30s}, {@code 5m}, {@code 7d}, ISO-8601. */
        public static Setting<Duration> duration(String name, String description, Duration defaultValue) {
            return new Setting<>(name, description, "duration", Durations::parse, defaultValue,
                    defaultValue == null ? null : Durations.format(defaultValue), false, false);
        }

        /** true or false. */
        public static Setting<Boolean> flag(String name, String description, Boolean defaultValue) {
            return new Setting<>(name, description, "boolean", Setting::parseBoolean, defaultValue,
                    defaultValue == null ? null : defaultValue.toString(), false, false);
        }

        /** A comma-separated list (a TOML array is joined with commas by the config). */
        public static Setting<List<String>> list(String name, String description, String defaultCsv) {
            return new Setting<>(name, description, "list", Setting::splitList,
                    defaultCsv == null ? List.of() : splitList(defaultCsv), defaultCsv, false, false);
        }

        /** The base URL of a service (for mirrors, proxies, enterprise instances, tests). */
        public static Setting<String> url(String defaultUrl) {
            return new Setting<>("url", "base URL (for mirrors, proxies, enterprise instances, tests)", "url", v -> v,
                    defaultUrl, defaultUrl, false, false);
        }

        /** The source's API key(s) ({@code key}): a secret; several may be given, comma-separated, and are rotated. */
        public static Setting<List<SourceSettings.Secret>> key(String description, boolean required) {
            return secret("key", description, required);
        }

        /** A secret (key, token, {@code user:password}); never shown, never logged. Several: comma-separated. */
        public static Setting<List<SourceSettings.Secret>> secret(String name, String description, boolean required) {
            return new Setting<>(name, description, "secret", SourceSettings::splitSecrets, List.of(), null, true,
                    required);
        }

        /** This setting, required for the source to be ready. */
        public Setting<T> mandatory() {
            return new Setting<>(name, description, type, parser, defaultValue, defaultText, secret, true);
        }

        /** This setting with another description (a shared setting described for one source). */
        public Setting<T> describedAs(String d) {
            return new Setting<>(name, d, type, parser, defaultValue, defaultText, secret, required);
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        /** The type's name for people: text, integer, number, duration, boolean, list, url, secret. */
        public String type() {
            return type;
        }

        public boolean secret() {
            return secret;
        }

        public boolean required() {
            return required;
        }

        /** The typed default (an empty list for secrets and unset lists), or null when there is none. */
        public T defaultValue() {
            return defaultValue;
        }

        /** The default as written in the config file, or null (always null for a secret). */
        public String defaultText() {
            return defaultText;
        }

        /**
         * Reads a configured value as {@code T}.
         *
         * @throws IllegalArgumentException naming the setting and the expected type (never a secret's value)
         */
        public T parse(String raw) {
            try {
                return parser.apply(raw.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("setting " + name + " must be " + article() + " " + type
                        + (secret ? "" : ", not '" + io.infrapivot.model.Safe.oneLine(
                        io.infrapivot.model.Safe.truncate(raw, 60)) + "'"), e);
            }
        }

        private String article() {
            return "aeiou".indexOf(type.charAt(0)) >= 0 ? "an" : "a";
        }

        private static Integer parseInt(String v) {
            return Integer.valueOf(v);
        }

        private static Double parseDouble(String v) {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException(v);
            return d;
        }

        private static Boolean parseBoolean(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException(v);
            };
        }

        private static List<String> splitList(String v) {
            return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        private static String stripZero(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }

        @Override
        public String toString() {
            return "Setting[" + name + ": " + type + "]";
        }
    }

    /** At most {@code permits} requests per {@code per}. */
    public record RateLimit(int permits, Duration per) {}
}
