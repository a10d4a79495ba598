package io.infrapivot.source;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one source: the config file's {@code [sources.<id>]} table overlaid by environment
 * variables {@code INFRAPIVOT_<ID>_<SETTING>}. Secret values are only handed out through {@link #secret},
 * and {@link #toString()} never shows them.
 */
public final class SourceSettings {
    private final String sourceId;
    private final Map<String, String> values;

    public SourceSettings(String sourceId, Map<String, String> values) {
        this.sourceId = sourceId;
        this.values = new TreeMap<>();
        values.forEach((k, v) -> this.values.put(normalise(k), v));
    }

    /** Setting names are case-insensitive and {@code -} is {@code _}: {@code origin-zone} = {@code ORIGIN_ZONE}. */
    public static String normalise(String setting) {
        return setting.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    public static SourceSettings empty(String sourceId) {
        return new SourceSettings(sourceId, Map.of());
    }

    /** These settings, with {@code names} taken from {@code parent} where they are not set here. */
    public SourceSettings inheriting(SourceSettings parent, java.util.Set<String> names) {
        Map<String, String> merged = new TreeMap<>(values);
        for (String n : names) {
            String key = normalise(n);
            if (!merged.containsKey(key) && parent.values.containsKey(key)) merged.put(key, parent.values.get(key));
        }
        return new SourceSettings(sourceId, merged);
    }

    public String sourceId() {
        return sourceId;
    }

    /** The environment variable that sets {@code setting} for this source. */
    public String envName(String setting) {
        return "INFRAPIVOT_" + sourceId.toUpperCase(Locale.ROOT) + "_"
                + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public Optional<String> get(String setting) {
        String v = values.get(normalise(setting));
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String setting, String defaultValue) {
        return get(setting).orElse(defaultValue);
    }

    public int getInt(String setting, int defaultValue) {
        return get(setting).map(Integer::parseInt).orElse(defaultValue);
    }

    public Duration getDuration(String setting, Duration defaultValue) {
        return get(setting).map(Durations::parse).orElse(defaultValue);
    }

    /** Secrets (API keys): several may be given, separated by commas, for sources that rotate keys. */
    public List<Secret> secrets(String setting) {
        return get(setting).map(SourceSettings::splitSecrets).orElse(List.of());
    }

    static List<Secret> splitSecrets(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Secret::new)
                .toList();
    }

    /**
     * The setting read as its type; its default when it is not set (null when it has none).
     *
     * @throws IllegalArgumentException when the value is not of the setting's type (the message names the source
     *                                  and the setting, never a secret's value)
     */
    public <T> T get(SourceInfo.Setting<T> setting) {
        return find(setting).orElse(setting.defaultValue());
    }

    /** The setting read as its type when it is set. */
    public <T> Optional<T> find(SourceInfo.Setting<T> setting) {
        Optional<String> raw = get(setting.name());
        if (raw.isEmpty()) return Optional.empty();
        try {
            return Optional.ofNullable(setting.parse(raw.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[sources." + sourceId + "] " + e.getMessage(), e);
        }
    }

    /** Whether the setting is given (not blank). */
    public boolean isSet(SourceInfo.Setting<?> setting) {
        return get(setting.name()).isPresent();
    }

    /** The names given (normalised: lower case, {@code _} for {@code -}). */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    public Optional<Secret> secret(String setting) {
        List<Secret> all = secrets(setting);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public String toString() {
        return "SourceSettings[" + sourceId + ", " + values.keySet() + "]";
    }

    /** A credential: its value is reachable only through {@link #reveal()}; printing it shows stars. */
    public static final class Secret {
        private final String value;

        public Secret(String value) {
            this.value = value;
        }

        public String reveal() {
            return value;
        }

        @Override
        public String toString() {
            return "****";
        }
    }
}
