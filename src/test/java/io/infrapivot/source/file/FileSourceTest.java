package io.infrapivot.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.Relation;
import io.infrapivot.source.CaseView;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Outcome;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.SourceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileSourceTest {
    @TempDir
    Path dir;

    private static LookupContext context(Map<String, Path> named) {
        return new LookupContext(new SourceSettings("file", Map.of()), Duration.ofSeconds(30), Clock.systemUTC(),
                IndicatorParser.standard(), CaseView.EMPTY, RunOptions.defaults().withNamedFiles(named));
    }

    /** The FILE indicator as the CLI's parser makes it from a path the analyst typed. */
    private static io.infrapivot.model.ParsedIndicator named(Path p) {
        var r = new IndicatorParser(IndicatorParser.standard().suffixList(), true).parse(p.toString());
        return ((ParseResult.Parsed) r).parsed();
    }

    @Test
    void aNamedPeGivesItsHashesAndHeaderFacts() throws Exception {
        Path exe = Files.write(dir.resolve("sample.exe"), TestBinaries.pe(null));
        var parsed = named(exe);
        var details = (io.infrapivot.model.Details.File) parsed.details();
        LookupResult r = new FileSource().lookup(parsed.indicator(),
                context(Map.of(details.sha256(), Path.of(details.path()))));
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        List<String> hashes = r.observations().stream().filter(o -> o.relation() == Relation.HAS_HASH)
                .map(o -> o.object().value()).toList();
        assertThat(hashes).containsExactly(details.md5(), details.sha1(), details.sha256(), details.sha512());
        assertThat(r.observations()).allMatch(o -> o.subject().equals(parsed.indicator()));
        Observation prop = r.observations().stream().filter(o -> o.relation() == Relation.FILE_PROPERTY)
                .findFirst().orElseThrow();
        assertThat(prop.value().get("format").asText()).isEqualTo("pe");
        assertThat(prop.value().get("pe").get("imphash").asText()).isEqualTo("bd277891bc63b9b30906f4b2093bca22");
        assertThat(prop.value().get("size").asLong()).isEqualTo(Files.size(exe));
    }

    @Test
    void aFileIndicatorWithoutANamedPathIsNeverRead() throws Exception {
        Path exe = Files.write(dir.resolve("other.exe"), TestBinaries.pe(null));
        var parsed = named(exe);
        // the same SHA-256 reached from a service's answer: no path, nothing read
        Indicator fromService = Indicator.fromCanonical(IndicatorType.FILE, parsed.indicator().value());
        LookupResult r = new FileSource().lookup(fromService, context(Map.of()));
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.observations()).isEmpty();
    }

    @Test
    void aFileChangedSinceItWasNamedIsAnError() throws Exception {
        Path f = Files.write(dir.resolve("changing.bin"), TestBinaries.elf());
        var parsed = named(f);
        Files.write(f, TestBinaries.machO());
        LookupResult r = new FileSource().lookup(parsed.indicator(), context(Map.of(parsed.indicator().value(), f)));
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("changed");
        Files.delete(f);
        r = new FileSource().lookup(parsed.indicator(), context(Map.of(parsed.indicator().value(), f)));
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.errorClass()).isEqualTo(io.infrapivot.source.ErrorClass.NOT_FOUND);
    }
}
