package io.infrapivot.app.cli;

import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.config.ConfigException;
import io.infrapivot.engine.data.DataFiles;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
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
                config = Config.load();
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
        if (cases == null) cases = new SqliteCaseRepository(config().casesDir());
        return cases;
    }

    /** The case to use: the option, else the config's default, else "default". */
    public String caseName(String option) {
        if (option != null && !option.isBlank()) return option;
        return config().defaultsString("case").orElse("default");
    }
}
