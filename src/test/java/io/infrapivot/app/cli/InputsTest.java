package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.model.IndicatorParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one input reader: streamed, a line limit, lenient UTF-8, bad lines reported with their number. */
class InputsTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Terminal terminal = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false, false);

    static List<Inputs.LineReader.Line> lines(byte[] bytes, int max) throws Exception {
        Inputs.LineReader r = new Inputs.LineReader(new ByteArrayInputStream(bytes), max);
        List<Inputs.LineReader.Line> out = new ArrayList<>();
        for (Inputs.LineReader.Line l; (l = r.next()) != null; ) out.add(l);
        return out;
    }

    @Test
    void splitsLinesOnLfAndCrLfDropsTheByteOrderMarkAndKeepsALastLineWithoutNewline() throws Exception {
        byte[] in = "\uFEFFa.test\r\nb.test\n\nc.test".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(in, 100)).extracting(Inputs.LineReader.Line::text)
                .containsExactly("a.test", "b.test", "", "c.test");
        assertThat(lines(new byte[0], 100)).isEmpty();
        assertThat(lines("x\n".getBytes(StandardCharsets.UTF_8), 100)).hasSize(1);
    }

    @Test
    void aLongLineIsSkippedWithItsNumberAndTheNextLineIsRead() throws Exception {
        byte[] in = ("a.test\n" + "x".repeat(200_000) + "\nb.test\n").getBytes(StandardCharsets.UTF_8);
        List<Inputs.LineReader.Line> got = lines(in, 64);
        assertThat(got).extracting(Inputs.LineReader.Line::problem).containsExactly(Inputs.LineReader.Problem.NONE,
                Inputs.LineReader.Problem.TOO_LONG, Inputs.LineReader.Problem.NONE);
        assertThat(got.get(1).number()).isEqualTo(2);
        assertThat(got.get(2).text()).isEqualTo("b.test");
        // exactly the limit is still a line
        assertThat(lines("y".repeat(64).getBytes(StandardCharsets.UTF_8), 64).get(0).problem())
                .isEqualTo(Inputs.LineReader.Problem.NONE);
    }

    @Test
    void anInvalidUtf8ByteSpoilsOnlyItsLine() throws Exception {
        byte[] in = {'a', '.', 't', '\n', 'b', (byte) 0xff, 'c', '\n', 'd', '.', 't', '\n'};
        List<Inputs.LineReader.Line> got = lines(in, 64);
        assertThat(got).extracting(Inputs.LineReader.Line::problem).containsExactly(Inputs.LineReader.Problem.NONE,
                Inputs.LineReader.Problem.NOT_UTF8, Inputs.LineReader.Problem.NONE);
        assertThat(got.get(2).text()).isEqualTo("d.t");
    }

    @Test
    void badLinesOfAFileAreReportedWithTheirNumberSkippedAndCounted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("in.txt");
        byte[] body = ("evil.test\n# comment\nnot an indicator at all !!\n" + "z".repeat(Inputs.MAX_LINE_BYTES + 1)
                + "\n1.2.3.4\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBad = new byte[body.length + 3];
        System.arraycopy(body, 0, withBad, 0, body.length);
        withBad[body.length] = (byte) 0xc3; // a lone lead byte
        withBad[body.length + 1] = '\n';
        withBad[body.length + 2] = 'x';
        Files.write(f, withBad);
        IndicatorParser parser = IndicatorParser.standard();
        List<String> got = new ArrayList<>();
        try (Inputs.Reader r = Inputs.open(List.of("arg.test"), f.toString(), terminal)) {
            Inputs.indicators(r, parser, null).forEachRemaining(p -> got.add(p.value()));
            assertThat(r.badLines()).isEqualTo(4); // the sentence, the long line, the bad byte, "x"
            assertThat(r.exit(ExitCodes.OK)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.exit(ExitCodes.PARTIAL)).isEqualTo(ExitCodes.BAD_INPUT);
        }
        assertThat(got).containsExactly("arg.test", "evil.test", "1.2.3.4");
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains(f + ":3: cannot parse").contains(f + ":4: line longer than 8192 bytes")
                .contains(f + ":6: not valid UTF-8").contains(f + ":7: cannot parse 'x'");
    }

    @Test
    void anArgumentThatIsNotAnIndicatorStillStopsTheCommand() {
        IndicatorParser parser = IndicatorParser.standard();
        try (Inputs.Reader r = Inputs.open(List.of("not an indicator !!"), null, terminal)) {
            var it = Inputs.indicators(r, parser, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(it::hasNext).isInstanceOf(CliException.class)
                    .satisfies(x -> assertThat(((CliException) x).exitCode()).isEqualTo(ExitCodes.BAD_INPUT));
        }
    }

    @Test
    void readingAHugeLineWithoutNewlineKeepsMemoryFlat() throws Exception {
        long size = 512L << 20; // 512 MB that are never held
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        Inputs.LineReader r = new Inputs.LineReader(endless, Inputs.MAX_LINE_BYTES);
        Inputs.LineReader.Line l = r.next();
        assertThat(l.problem()).isEqualTo(Inputs.LineReader.Problem.TOO_LONG);
        assertThat(r.next()).isNull();
    }

    @Test
    void closeSuggestionsForTypos() {
        assertThat(Suggest.closest("lookpu", List.of("lookup", "parse", "pivot"))).containsExactly("lookup");
        assertThat(Suggest.closest("--timout", List.of("--timeout", "--time-budget"))).containsExactly("--timeout");
        assertThat(Suggest.closest("crt.sh", List.of("crtsh", "dns"))).containsExactly("crtsh");
        assertThat(Suggest.closest("zzzzzz", List.of("lookup", "parse"))).isEmpty();
        assertThat(Suggest.didYouMean("domian", List.of("domain", "ip"))).isEqualTo("; did you mean 'domain'?");
    }
}
