package io.infrapivot.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredObservation;
import io.infrapivot.model.Details;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.PublicSuffixList;
import io.infrapivot.model.Relation;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --case: the file's indicators stored as 'contains' facts of the file, with its hashes, as one lookup. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaseRecorderTest {
    @TempDir
    Path dir;

    @Test
    void storesContainsAndHasHashFactsOfTheFile() throws IOException {
        Path f = dir.resolve("note.txt");
        Files.writeString(f, "c2 evil[.]example[.]com at 192.0.2.5 and again 192.0.2.5");
        CaseRecorder recorder = new CaseRecorder();
        Sink sink = new Sink() {
            @Override
            public void hit(Hit hit) {
                recorder.add(hit);
            }

            @Override
            public void problem(Problem problem) {
                throw new AssertionError(problem.toString());
            }
        };
        new Extractor(IndicatorScannerTest.PARSER, Extractor.Options.defaults(), sink).file(f, "note.txt");
        assertThat(recorder.size()).isEqualTo(2);
        ParseResult r = new IndicatorParser(PublicSuffixList.bundled(), true).parseAs(IndicatorType.FILE, f.toString());
        Details.File file = (Details.File) ((ParseResult.Parsed) r).parsed().details();
        Indicator subject = Indicator.fromCanonical(IndicatorType.FILE, file.sha256());
        try (CaseStore store = new SqliteCaseRepository(dir.resolve("cases")).open("t")) {
            assertThat(recorder.store(store, file, "note.txt", Clock.systemUTC())).isEqualTo(6);
            List<StoredObservation> obs = store.observationsAbout(subject);
            assertThat(obs).filteredOn(o -> o.relation() == Relation.CONTAINS).extracting(o -> o.object().toString())
                    .containsExactlyInAnyOrder("host:evil.example.com", "ip:192.0.2.5");
            assertThat(obs).filteredOn(o -> o.relation() == Relation.HAS_HASH).extracting(o -> o.object().value())
                    .containsExactlyInAnyOrder(file.md5(), file.sha1(), file.sha256(), file.sha512());
            assertThat(store.lookups()).extracting(l -> l.source()).containsExactly(CaseRecorder.SOURCE);
        }
    }
}
