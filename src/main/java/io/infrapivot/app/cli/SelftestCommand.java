package io.infrapivot.app.cli;

import io.infrapivot.engine.Engine;
import io.infrapivot.engine.Fact;
import io.infrapivot.engine.NetworkClients;
import io.infrapivot.engine.SavedAnswers;
import io.infrapivot.engine.Selection;
import io.infrapivot.engine.SourceOutcome;
import io.infrapivot.engine.config.Config;
import io.infrapivot.engine.pivot.NoiseRules;
import io.infrapivot.engine.pivot.Pivot;
import io.infrapivot.engine.pivot.Recipe;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code infrapivot selftest}: checks the installation offline, in a temporary folder that is deleted after:
 * the parser, the case store, the engine with the offline sources, a pivot, the report and JSON output, the
 * registration parser and the network clients' set-up (no request is sent). The launcher also runs it once
 * after each build to record the JVM's class archive, so later runs start faster.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Check this installation offline (parser, case store, engine, pivot, output); sends nothing.")
final class SelftestCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Inputs and the type each must parse as. */
    static final Map<String, IndicatorType> SAMPLES = samples();

    private static Map<String, IndicatorType> samples() {
        Map<String, IndicatorType> m = new LinkedHashMap<>();
        m.put("hxxps://login[.]example[.]com/account", IndicatorType.URL);
        m.put("198.51.100.7", IndicatorType.IP);
        m.put("2001:db8::1", IndicatorType.IP);
        m.put("example.co.uk", IndicatorType.DOMAIN);
        m.put("mail.example.org", IndicatorType.HOST);
        m.put("admin@example.org", IndicatorType.EMAIL);
        m.put("44d88612fea8a8f36de82e1278abb02f", IndicatorType.HASH);
        m.put("AS64500", IndicatorType.ASN);
        m.put("198.51.100.0/24", IndicatorType.CIDR);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        Terminal t = Main.context(spec).terminal();
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("infrapivot-selftest");
        List<String> passed = new ArrayList<>();
        String step = "parser";
        try {
            IndicatorParser parser = IndicatorParser.standard();
            List<Indicator> parsed = new ArrayList<>();
            for (var e : SAMPLES.entrySet()) {
                Indicator got = parser.parse(e.getKey()).orElseThrow().indicator();
                if (got.type() != e.getValue()) {
                    throw new IllegalStateException("'" + e.getKey() + "' parsed as " + got.type().id() + ", not "
                            + e.getValue().id());
                }
                parsed.add(got);
            }
            passed.add("parser (" + parsed.size() + " samples)");

            step = "engine and case store";
            Config config = Config.load(Map.of(), dir.toString());
            Selection offline = new Selection(Set.of("classify"), Set.of(), false, true);
            List<SourceOutcome> outcomes;
            int stored;
            try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("selftest");
                 Engine engine = new Engine(SourceRegistry.builtIn(), config, store, parser, Clock.systemUTC())) {
                store.addSeeds(parsed);
                outcomes = engine.lookup(parsed, offline, RunOptions.defaults(), Duration.ofSeconds(30), false, null);
                for (SourceOutcome o : outcomes) {
                    if (o.outcome() == Outcome.ERROR) throw new IllegalStateException(o.source() + ": " + o.message());
                }
                stored = store.observations().size();
                if (outcomes.isEmpty() || stored == 0) throw new IllegalStateException("no facts were stored");
                passed.add("engine and case store (" + outcomes.size() + " lookups, " + stored + " facts)");

                step = "pivot";
                Pivot pivot = new Pivot(engine, store, NoiseRules.load(parser, null, Set.of()), Clock.systemUTC());
                Pivot.Options po = new Pivot.Options(2, 1000, null, Map.of(), NoiseRules.DEFAULT_SHARED_THRESHOLD,
                        offline, RunOptions.defaults(), Duration.ofSeconds(30), false);
                Pivot.Result pr = pivot.run(List.of(parsed.get(0)), Recipe.load("quick"), po, null);
                if (pr.nodes().size() < 2) throw new IllegalStateException("a pivot from a URL found nothing");
                passed.add("pivot (" + pr.nodes().size() + " indicators)");
            }

            step = "output";
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
                Terminal quiet = new Terminal(ps, ps, false, false);
                Report report = new Report(quiet, true);
                for (Indicator i : parsed) {
                    report.print(i, i.value(), outcomes.stream().filter(o -> o.indicator().equals(i)).toList());
                }
                for (SourceOutcome o : outcomes) {
                    for (Fact f : o.facts()) Json.line(ps, Json.fact(f));
                    Json.line(ps, Json.status(o));
                }
            }
            if (sink.size() == 0) throw new IllegalStateException("the report was empty");
            passed.add("report and JSON output");

            step = "registration parser";
            var record = SavedAnswers.read(SAMPLE_WHOIS.getBytes(StandardCharsets.UTF_8), SavedAnswers.Format.WHOIS,
                    "whois.example-registrar.test", Instant.now());
            if (record.domain() == null) throw new IllegalStateException("the sample WHOIS answer gave no domain");
            passed.add("registration parser");

            step = "network clients";
            NetworkClients.setUp();
            passed.add("network clients set up (nothing sent)");
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "selftest failed at " + step + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            delete(dir);
        }
        for (String p : passed) t.println("ok  " + p);
        t.println("selftest passed: " + passed.size() + " checks in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return ExitCodes.OK;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not a failed check
        }
    }

    private static final String SAMPLE_WHOIS = """
            Domain Name: EXAMPLE-SELFTEST.COM
            Registry Domain ID: 1_DOMAIN_COM-VRSN
            Registrar WHOIS Server: whois.example-registrar.test
            Updated Date: 2024-01-02T03:04:05Z
            Creation Date: 2020-01-02T03:04:05Z
            Registry Expiry Date: 2026-01-02T03:04:05Z
            Registrar: Example Registrar, Inc.
            Registrant Email: owner@example.org
            Name Server: NS1.EXAMPLE.NET
            Name Server: NS2.EXAMPLE.NET
            DNSSEC: unsigned
            >>> Last update of whois database: 2024-05-06T07:08:09Z <<<
            """;
}
