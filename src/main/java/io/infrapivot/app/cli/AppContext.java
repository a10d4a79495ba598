package io.infrapivot.app.cli;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.config.ConfigException;
import io.infrapivot.engine.data.DataFiles;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import java.time.Clock;

/** What every command needs, made on first use: config, data files, parser, sources, cases. */
public final class AppContext {
    private final Terminal terminal;
    private Config config;
    private DataFiles data;
    private IndicatorParser parser;
    private SourceRegistry registry;
    private CaseRepository cases;
    private boolean warned;
    private String store;
    private String analyst;
    private String configFile;

    public AppContext(Terminal terminal) {
        this.terminal = terminal;
    }

    public Terminal terminal() {
        return terminal;
    }

    public Clock clock() {
        return Clock.systemUTC();
    }

    public synchronized Config config() {
        if (config == null) {
            try {
                config = ConfigFile.load(configFile);
            } catch (ConfigException e) {
                throw new CliException(ExitCodes.ENVIRONMENT, e.getMessage());
            }
            if (!warned) {
                warned = true;
                config.warnings().forEach(terminal::warn);
            }
        }
        return config;
    }

    public synchronized DataFiles data() {
        if (data == null) data = new DataFiles(config().dataDir());
        return data;
    }

    public synchronized IndicatorParser parser() {
        if (parser == null) parser = data().parser();
        return parser;
    }

    public synchronized SourceRegistry registry() {
        if (registry == null) {
            registry = SourceRegistry.builtIn();
            for (String unknown : config().unknownSources(registry.ids())) {
                terminal.warn("config file names unknown source [sources." + unknown + "]; known: "
                        + String.join(", ", registry.ids()));
            }
            for (var source : registry.all()) {
                for (String w : io.infrapivot.engine.EngineSettings.unknown(source.info(),
                        config().source(source.info().id()))) {
                    terminal.warn(w);
                }
            }
        }
        return registry;
    }

    public synchronized CaseRepository cases() {
        if (cases == null) {
            try {
                cases = io.infrapivot.store.CaseRepositories.of(io.infrapivot.store.CaseRepositories.first(store,
                        System.getenv(io.infrapivot.store.CaseRepositories.ENV), config().defaultsString("store")
                                .orElse(null)), config().casesDir(), analyst());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "--store: " + e.getMessage());
            }
        }
        return cases;
    }

    /** Sets the config file (--config); before the first config(). */
    public synchronized void configFile(String file) {
        this.configFile = file;
    }

    /** Sets the store (--store): a postgresql:// URL or a folder of SQLite cases; before the first cases(). */
    public synchronized void store(String store) {
        this.store = store;
    }

    /** Sets who the lookups are recorded as made by (--analyst); before the first cases(). */
    public synchronized void analyst(String analyst) {
        this.analyst = analyst;
    }

    /** The analyst named by --analyst, or null when none was given. */
    public synchronized String analystOption() {
        return analyst == null || analyst.isBlank() ? null : analyst;
    }

    /** Who this run's lookups are recorded as made by: --analyst, else the OS user, on this host. */
    public synchronized io.infrapivot.engine.port.Analyst analyst() {
        return io.infrapivot.engine.port.Analyst.current(analyst);
    }

    /** The case to use: the option, else the config's default, else "default". */
    public String caseName(String option) {
        if (option != null && option.isBlank()) {
            // `--case "$CASE"` with CASE unset must not write into the default case unnoticed
            throw new CliException(ExitCodes.BAD_INPUT, "--case is empty: give a case name (infrapivot case list)");
        }
        if (option != null) return option;
        return config().defaultsString("case").orElse("default");
    }
}
