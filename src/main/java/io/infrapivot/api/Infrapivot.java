package io.infrapivot.api;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.data.DataFiles;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.ParsedIndicator;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.engine.port.Analyst;
import io.infrapivot.store.CaseRepositories;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Java API for JShell and scripts: one case, the same engine as the CLI.
 *
 * <pre>
 * jshell --class-path target/infrapivot-all.jar
 * jshell&gt; var ip = io.infrapivot.api.Infrapivot.open("acme")
 * jshell&gt; ip.lookup("hxxps://evil[.]example/a").forEach(System.out::println)
 * jshell&gt; ip.about("evil.example")
 * </pre>
 */
public final class Infrapivot implements AutoCloseable {
    private final Config config;
    private final IndicatorParser parser;
    private final CaseStore store;
    private final Engine engine;
    private Selection selection = Selection.all();
    private Duration timeout = Duration.ofSeconds(60);

    private Infrapivot(Config config, String storeSetting, String caseName) {
        this.config = config;
        this.parser = new DataFiles(config.dataDir()).parser();
        String where = CaseRepositories.first(storeSetting, System.getenv(CaseRepositories.ENV),
                config.defaultsString("store").orElse(null));
        this.store = CaseRepositories.of(where, config.casesDir(), Analyst.current(null)).open(caseName);
        this.engine = new Engine(SourceRegistry.builtIn(), config, store, parser, Clock.systemUTC());
    }

    /** Opens (creating) a case with the user's config and data folder. */
    public static Infrapivot open(String caseName) {
        return new Infrapivot(Config.load(), null, caseName);
    }

    /**
     * Opens (creating) a case in a given store — {@code postgresql://user@host:5432/db} for a team's shared
     * store, or a folder of SQLite cases — with the user's config and data folder.
     */
    public static Infrapivot open(String store, String caseName) {
        return new Infrapivot(Config.load(), store, caseName);
    }

    /** Opens a case with an explicit config (tests, embedding). */
    public static Infrapivot open(Config config, String caseName) {
        return new Infrapivot(config, null, caseName);
    }

    /** Parses text into an indicator; throws IllegalArgumentException when invalid or ambiguous. */
    public Indicator parse(String text) {
        return parser.parse(text).orElseThrow().indicator();
    }

    /** Parses text with everything the parser learned. */
    public ParsedIndicator details(String text) {
        return parser.parse(text).orElseThrow();
    }

    /** Only these sources from now on (none given: all). */
    public Infrapivot sources(String... ids) {
        selection = new Selection(Set.of(ids), selection.exclude(), selection.active(), selection.offline());
        engine.validate(selection);
        return this;
    }

    /** Allows or forbids active sources. */
    public Infrapivot active(boolean allow) {
        selection = new Selection(selection.include(), selection.exclude(), allow, selection.offline());
        return this;
    }

    public Infrapivot timeout(Duration d) {
        timeout = d;
        return this;
    }

    /** One hop on each indicator (text, refanged and parsed), stored in the case. */
    public List<SourceOutcome> lookup(String... indicators) throws InterruptedException {
        List<Indicator> parsed = Arrays.stream(indicators).map(this::parse).toList();
        store.addSeeds(parsed);
        return engine.lookup(parsed, selection, RunOptions.defaults(), timeout, false, null);
    }

    /** The facts of a lookup's outcomes, flattened. */
    public static List<Fact> facts(List<SourceOutcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.facts().stream()).toList();
    }

    /** Everything the case knows about an indicator. */
    public List<Fact> about(String indicator) {
        return store.observationsAbout(parse(indicator)).stream().map(Fact::of).toList();
    }

    public CaseStore store() {
        return store;
    }

    public Config config() {
        return config;
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
