package io.infrapivot.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.infrapivot.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's configuration: one TOML file in the config folder plus environment variables
 * (docs/config.md). Every setting of a source may be given as {@code [sources.<id>] <setting> = "…"}
 * in the file or as {@code INFRAPIVOT_<ID>_<SETTING>} in the environment (the environment wins).
 */
public final class Config {
    private final Path file;
    private final boolean fileExists;
    private final JsonNode root;
    private final Map<String, String> env;
    private final Path dataDir;
    private final List<String> warnings;

    private Config(Path file, boolean fileExists, JsonNode root, Map<String, String> env, Path dataDir,
                   List<String> warnings) {
        this.file = file;
        this.fileExists = fileExists;
        this.root = root;
        this.env = env;
        this.dataDir = dataDir;
        this.warnings = List.copyOf(warnings);
    }

    /** Loads from the process environment and the default locations. */
    public static Config load() {
        return load(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Loads the config file named by {@code INFRAPIVOT_CONFIG}, else {@code $XDG_CONFIG_HOME/infrapivot/config.toml},
     * else {@code ~/.config/infrapivot/config.toml}. A missing file is an empty config; an unreadable or
     * invalid one is a {@link ConfigException}.
     */
    public static Config load(Map<String, String> env, String home) {
        Path file = configFile(env, home);
        List<String> warnings = new ArrayList<>();
        JsonNode root = new TomlMapper().createObjectNode();
        boolean exists = Files.isRegularFile(file);
        if (!exists && Files.exists(file)) { // INFRAPIVOT_CONFIG naming a folder must not mean "no config"
            throw new ConfigException("cannot read config file " + file + ": not a regular file");
        }
        if (exists) {
            try {
                root = new TomlMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + firstLine(e.getMessage()));
            }
            warnIfShared(file, warnings);
            wrongTypes(root, warnings);
        }
        Path dataDir = dataDir(env, home);
        return new Config(file, exists, root, Map.copyOf(env), dataDir, warnings);
    }

    static Path configFile(Map<String, String> env, String home) {
        String explicit = env.get("INFRAPIVOT_CONFIG");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("infrapivot").resolve("config.toml");
    }

    static Path dataDir(Map<String, String> env, String home) {
        String explicit = env.get("INFRAPIVOT_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("infrapivot");
    }

    private static void warnIfShared(Path file, List<String> warnings) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add("config file " + file + " is readable by other users and may hold API keys; run: chmod 600 "
                        + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    /** The {@code [defaults]} keys the program reads; each is text (a TOML string). */
    static final List<String> DEFAULTS_KEYS = List.of("case", "cases_dir", "store", "verdict_max_age");

    /**
     * One warning per {@code [defaults]} value of the wrong type ({@code case = 5}), naming the key and the type
     * expected; such a value is not used (never silently read as something else).
     */
    private static void wrongTypes(JsonNode root, List<String> warnings) {
        JsonNode defaults = root.path("defaults");
        if (defaults.isMissingNode()) return;
        if (!defaults.isObject()) {
            warnings.add("config file: [defaults] must be a table, not " + typeOf(defaults) + "; ignored");
            return;
        }
        for (String key : DEFAULTS_KEYS) {
            JsonNode n = defaults.path(key);
            if (!n.isMissingNode() && !n.isTextual()) {
                warnings.add("config file: [defaults] " + key + " must be a string (in quotes), not "
                        + typeOf(n) + "; ignored");
            }
        }
    }

    private static String typeOf(JsonNode n) {
        return switch (n.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "a table";
            default -> n.isValueNode() && !n.isTextual() ? "a date or time" : "another type";
        };
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Path file() {
        return file;
    }

    public boolean fileExists() {
        return fileExists;
    }

    /** Where cases and refreshed data live. */
    public Path dataDir() {
        return dataDir;
    }

    public Path casesDir() {
        String explicit = env.get("INFRAPIVOT_CASES_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        return defaultsString("cases_dir").map(Path::of).orElse(dataDir.resolve("cases"));
    }

    /** Warnings to show once (e.g. a config file readable by others). Never contain values. */
    public List<String> warnings() {
        return warnings;
    }

    /** A variable of the environment this config was loaded with, when set and not blank. */
    public Optional<String> environment(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A value of the {@code [defaults]} table, overridden by {@code INFRAPIVOT_DEFAULT_<NAME>}. */
    public Optional<String> defaultsString(String name) {
        String e = env.get("INFRAPIVOT_DEFAULT_" + name.toUpperCase(Locale.ROOT));
        if (e != null && !e.isBlank()) return Optional.of(e);
        JsonNode n = root.path("defaults").path(name);
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty(); // a wrong type was warned about on load
    }

    /**
     * The settings of one source: file table overlaid by the environment. Every source also sees
     * {@code data_folder}, where update-data keeps refreshed data sets (unless set explicitly).
     */
    public SourceSettings source(String sourceId) {
        Map<String, String> values = new HashMap<>();
        values.put("data_folder", dataDir.resolve("data").toString());
        JsonNode table = root.path("sources").path(sourceId);
        if (table.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = table.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                String text = v.isArray() ? joinArray(v) : v.asText();
                values.put(normalise(e.getKey()), text);
            }
        }
        String prefix = "INFRAPIVOT_" + sourceId.toUpperCase(Locale.ROOT) + "_";
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
                values.put(normalise(e.getKey().substring(prefix.length())), e.getValue());
            }
        }
        return new SourceSettings(sourceId, values);
    }

    /**
     * Whether a source is enabled: the typed {@link io.infrapivot.engine.EngineSettings#ENABLED} setting
     * ({@code enabled = false}, {@code INFRAPIVOT_<ID>_ENABLED=off}). A value that is not a boolean switches the
     * source off (it was meant to say something) and is logged as a warning.
     */
    public boolean enabled(String sourceId) {
        try {
            return source(sourceId).get(io.infrapivot.engine.EngineSettings.ENABLED);
        } catch (IllegalArgumentException e) {
            System.getLogger("io.infrapivot.engine.config").log(System.Logger.Level.WARNING,
                    "not a boolean, so the source is off: " + e.getMessage());
            return false;
        }
    }

    /**
     * Source ids that have a table in the file but are not among {@code known}: likely typos. The table
     * {@code [sources.data]} holds the data-set settings of update-data and is not a source.
     */
    public List<String> unknownSources(Collection<String> known) {
        List<String> unknown = new ArrayList<>();
        root.path("sources").fieldNames().forEachRemaining(n -> {
            if (!known.contains(n) && !n.equals("data")) unknown.add(n);
        });
        return unknown;
    }

    private static String joinArray(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private static String normalise(String settingName) {
        return settingName.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
