package io.infrapivot.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file scanned in segments on several threads gives exactly the hits of one stream over the whole file (values,
 * offsets, the text as found and the context), in the same order, whatever falls at a segment's edge.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelTextTest {
    @TempDir
    Path dir;

    /** One stream over the whole file, as the extractor reads a small file. */
    private static List<Hit> oneStream(byte[] bytes) {
        List<Hit> hits = new ArrayList<>();
        IndicatorScanner s = new IndicatorScanner(IndicatorScannerTest.PARSER, true, Allowlist.bundled());
        try (TextStream ts = new TextStream(s, new Origin("f", "", 0), hits::add)) {
            Extractor.Utf8 d = new Extractor.Utf8(ts);
            d.feed(bytes, bytes.length);
            d.end();
        }
        return hits;
    }

    private List<Hit> segmented(byte[] bytes, int segment, int longest, int workers) throws IOException {
        return segmented(bytes, segment, longest, workers, false);
    }

    private List<Hit> segmented(byte[] bytes, int segment, int longest, int workers, boolean firstOnly)
            throws IOException {
        Path f = dir.resolve("in-" + segment + "-" + workers + ".txt");
        Files.write(f, bytes);
        List<Hit> hits = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            new ParallelText(ch, bytes.length, segment, longest).scan(workers,
                    () -> new IndicatorScanner(IndicatorScannerTest.PARSER, true, Allowlist.bundled(), 64),
                    new Origin("f", "", 0), firstOnly, hits::add);
        }
        return hits;
    }

    private void sameAsOneStream(String text, int segment, int longest) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Hit> expected = oneStream(bytes);
        assertThat(expected).isNotEmpty();
        for (int workers : new int[] {1, 2, 3}) {
            assertThat(segmented(bytes, segment, longest, workers)).as("%d workers, segments of %d", workers, segment)
                    .containsExactlyElementsOf(expected);
        }
    }

    private static String lines(int n, String eol) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("line ").append(i).append(" visit hxxp://evil").append(i % 7).append("[.]example[.]com/p?id=")
                    .append(i).append(" from 10.0.").append(i % 5).append('.').append(i % 250 + 1)
                    .append(" mail bob").append(i).append("[at]mail[.]example[.]org").append(eol);
        }
        return b.toString();
    }

    @Test
    void indicatorsAcrossEverySegmentEdge() throws IOException {
        // segments far smaller than a line: every nominal edge falls inside an indicator, the cut moves to the line end
        String text = lines(300, "\n");
        for (int segment : new int[] {16, 97, 1000}) sameAsOneStream(text, segment, 4096);
    }

    @Test
    void crlfLineEnds() throws IOException {
        String text = lines(200, "\r\n");
        sameAsOneStream(text, 64, 4096);
        assertThat(oneStream(text.getBytes(StandardCharsets.UTF_8))).noneMatch(h -> h.value().contains("\r"));
    }

    @Test
    void multiByteCharactersAtTheEdges() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // two-, three- and four-byte characters next to indicators and to the line ends where segments are cut
            b.append("é€😀".repeat(i % 5)).append(" ").append("host").append(i).append(".bücher.de ü 192.168.")
                    .append(i % 200).append(".7 ").append("€".repeat(i % 3)).append("😀\n");
        }
        for (int segment : new int[] {7, 50, 333}) sameAsOneStream(b.toString(), segment, 4096);
    }

    @Test
    void aLineLongerThanTheLimitIsScannedInOneStreamAfterTheSegmentsBeforeIt() throws IOException {
        StringBuilder b = new StringBuilder(lines(50, "\n"));
        // no line end for far longer than a segment may reach: the rest goes through one stream, nothing lost
        for (int i = 0; i < 400; i++) b.append("x evil").append(i).append("[.]example[.]net 10.9.").append(i % 250).append(".1 ");
        b.append('\n').append(lines(20, "\n"));
        String text = b.toString();
        sameAsOneStream(text, 128, 1024);
        assertThat(segmented(text.getBytes(StandardCharsets.UTF_8), 128, 1024, 2))
                .extracting(Hit::value).contains("evil0.example.net", "evil399.example.net", "10.9.249.1");
    }

    /** What a --unique sink keeps: the first hit of each type and value. */
    private static List<Hit> firstOfEach(List<Hit> hits) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return hits.stream().filter(h -> seen.add(h.type() + " " + h.value())).toList();
    }

    @Test
    void firstHitsOnlyLeavesOutOnlyRepeatsAndKeepsEachFirstHit() throws IOException {
        StringBuilder b = new StringBuilder(lines(400, "\n"));
        b.append(lines(400, "\n")); // every value again, further on
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        List<Hit> all = oneStream(bytes);
        List<Hit> expected = firstOfEach(all);
        for (int workers : new int[] {1, 2, 3}) {
            List<Hit> got = segmented(bytes, 300, 4096, workers, true);
            assertThat(got.size()).as("repeats left out before the sink").isLessThan(all.size());
            assertThat(firstOfEach(got)).as("%d workers", workers).containsExactlyElementsOf(expected);
        }
        // one stream (a small file, standard input) the same
        List<Hit> one = new ArrayList<>();
        IndicatorScanner s = new IndicatorScanner(IndicatorScannerTest.PARSER, true, Allowlist.bundled());
        try (TextStream ts = new TextStream(s, new Origin("f", "", 0), one::add).firstHitsOnly(true)) {
            ts.append(b.toString(), 0, 1);
        }
        assertThat(one).containsExactlyElementsOf(expected);
    }

    @Test
    void theLastSegmentReachesTheEndOfAFileWithoutALineEnd() throws IOException {
        sameAsOneStream(lines(40, "\n") + "last.example.com", 200, 4096);
    }
}
